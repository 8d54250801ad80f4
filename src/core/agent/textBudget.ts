/**
 * Builds a tool's text within a byte budget: lines are added while they fit, and the
 * result says when something was left out, so a model never mistakes a cut for the end.
 */
export class TextBudget {
  private readonly lines: string[] = [];
  private used = 0;
  private full = false;

  constructor(private readonly maxBytes: number) {}

  /** Adds a line if it fits (keeping `reserve` bytes for what must follow); false once full. */
  add(line: string, reserve = 0): boolean {
    if (this.full) return false;
    const size = Buffer.byteLength(line, "utf8") + 1;
    if (this.used + size + reserve > this.maxBytes) {
      this.full = true;
      return false;
    }
    this.lines.push(line);
    this.used += size;
    return true;
  }

  /** Adds a line that must appear (headers, the truncation note) even past the budget's soft part. */
  force(line: string): void {
    this.lines.push(line);
    this.used += Buffer.byteLength(line, "utf8") + 1;
  }

  get exhausted(): boolean {
    return this.full;
  }

  get bytes(): number {
    return this.used;
  }

  text(): string {
    return this.lines.join("\n");
  }
}

/** One cell as compact text: NULL spelled out, control characters escaped, long values cut. */
export function cellText(value: unknown, maxChars = 200): string {
  if (value === null || value === undefined) return "NULL";
  let s = typeof value === "string" ? value : JSON.stringify(value);
  if (s.length > maxChars) s = `${s.slice(0, maxChars)}…(${s.length} chars)`;
  return s.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\r/g, "\\r").replace(/\n/g, "\\n");
}
