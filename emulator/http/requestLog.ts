/** What tests count: method, path (no query, so no secrets), status. */
export interface RequestLogEntry {
  time: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
}

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  /** Bounded so a long demo session does not grow without limit. */
  constructor(private readonly max = 10000) {}

  add(e: RequestLogEntry): void {
    this.entries.push(e);
    if (this.entries.length > this.max) this.entries.splice(0, this.entries.length - this.max);
  }

  list(filter: { method?: string; pathPrefix?: string } = {}): RequestLogEntry[] {
    return this.entries.filter(
      (e) => (!filter.method || e.method === filter.method.toUpperCase()) && (!filter.pathPrefix || e.path.startsWith(filter.pathPrefix)),
    );
  }

  clear(): void {
    this.entries = [];
  }
}
