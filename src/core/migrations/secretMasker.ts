import { secretForms } from "../log";

const MASK = "***";

/**
 * Masks secrets in a stream of text chunks. A secret can straddle two chunks,
 * so the last (longest secret − 1) characters are held back until the next
 * chunk or `flush()`.
 */
export class StreamingSecretMasker {
  private readonly secrets: string[];
  private readonly holdBack: number;
  private pending = "";

  constructor(secrets: Iterable<string>) {
    // Mask the raw value and every form it takes in a URL (it is inside DATABASE_URL),
    // the same forms the log's SecretRegistry masks.
    const all = new Set<string>();
    for (const s of secrets) if (s) for (const form of secretForms(s)) all.add(form);
    // Longest first so a secret containing another is masked whole.
    this.secrets = [...all].sort((a, b) => b.length - a.length);
    this.holdBack = Math.max(0, ...this.secrets.map((s) => s.length - 1));
  }

  push(chunk: string): string {
    const text = this.pending + chunk;
    const masked = this.mask(text);
    if (this.holdBack === 0) { this.pending = ""; return masked.text; }
    // Keep back a tail that might be the start of a secret; never cut into a mask.
    const cut = Math.max(masked.safeEnd, masked.text.length - this.holdBack);
    this.pending = masked.text.slice(cut);
    return masked.text.slice(0, cut);
  }

  flush(): string {
    const rest = this.mask(this.pending).text;
    this.pending = "";
    return rest;
  }

  private mask(text: string): { text: string; safeEnd: number } {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join(MASK);
    const lastMask = out.lastIndexOf(MASK);
    return { text: out, safeEnd: lastMask < 0 ? 0 : lastMask + MASK.length };
  }
}
