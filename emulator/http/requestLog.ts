/** What tests count: method, path, query (never a secret), status. */
export interface RequestLogEntry {
  time: string;
  method: string;
  path: string;
  /** The query string ("" when none), e.g. "update_mask=spec.display_name"; secret-named keys are dropped. */
  query: string;
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

/** The query string without parameters whose names suggest a secret. */
export function safeQuery(params: URLSearchParams): string {
  const out = new URLSearchParams();
  for (const [k, v] of params) if (!/secret|password|access_token|^token$/i.test(k)) out.append(k, v);
  return out.toString();
}
