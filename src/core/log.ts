/**
 * The logging seam between core and shell. Core code logs through a `Logger`;
 * the shell backs it with a LogOutputChannel, tests back it with an array.
 * Redaction happens here, once, so no caller can forget it.
 */
export interface Logger {
  trace(message: string, ...args: unknown[]): void;
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string | Error, ...args: unknown[]): void;
  /**
   * The same redaction as the log, for text shown to the user (pop-ups, tree rows, the
   * results panel, terminals). Optional so plain test loggers stay valid; callers fall back
   * to `redactPatterns`.
   */
  redact?(text: string): string;
}

export type LogLevel = "trace" | "debug" | "info" | "warn" | "error";
export type LogSink = (level: LogLevel, line: string) => void;

/**
 * A secret and the forms it takes inside a URL or a form body: percent-encoded as a
 * component (how DATABASE_URL carries a password), as a whole URI, form-encoded (space as
 * `+`), and with lower-case hex digits (some encoders emit those).
 */
export function secretForms(secret: string): string[] {
  const forms = new Set([secret]);
  const component = safeEncode(encodeURIComponent, secret);
  if (component) {
    forms.add(component);
    forms.add(component.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()));
    forms.add(component.replace(/%20/g, "+").replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`));
  }
  const uri = safeEncode(encodeURI, secret);
  if (uri) forms.add(uri);
  forms.add(new URLSearchParams({ s: secret }).toString().slice(2));
  return [...forms];
}

function safeEncode(encode: (s: string) => string, s: string): string | undefined {
  try { return encode(s); } catch { return undefined; } // a lone surrogate cannot be encoded
}

/** Values registered here are replaced by `***` in every logged line and every message shown. */
export class SecretRegistry {
  private readonly secrets = new Set<string>();
  private sorted: string[] | undefined;
  add(secret: string | undefined): void {
    // Very short values would mask ordinary words; real tokens are long.
    if (secret && secret.length >= 8 && !this.secrets.has(secret)) { this.secrets.add(secret); this.sorted = undefined; }
  }
  delete(secret: string): void {
    if (this.secrets.delete(secret)) this.sorted = undefined;
  }
  /** Every registered secret in every form, longest first (a secret containing another is masked whole). */
  values(): string[] {
    this.sorted ??= [...new Set([...this.secrets].flatMap(secretForms))].sort((a, b) => b.length - a.length);
    return this.sorted;
  }
  redact(text: string): string {
    let out = text;
    for (const s of this.values()) out = out.split(s).join("***");
    return redactPatterns(out);
  }
}

const PATTERNS: Array<[RegExp, string]> = [
  // Authorization headers and bearer tokens.
  [/(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, "$1***"],
  // Passwords inside connection URLs: postgresql://user:pass@host
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^:/?#\s]*:)[^@/\s]+@/gi, "$1***@"],
  // key=value / "key": "value" pairs whose key names a secret.
  [/((?:token|secret|password|passwd|access_token|client_secret|PGPASSWORD|DATABRICKS_TOKEN)["']?\s*[:=]\s*["']?)[^"'\s,&}]+/gi, "$1***"],
  // JWT-shaped strings (Databricks OAuth tokens are JWTs).
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, "***"],
  // Databricks personal access tokens.
  [/\bdapi[a-f0-9]{20,}(-\d+)?\b/g, "***"],
];

/** Text shown to the user, redacted as `log` redacts its lines (patterns only for plain loggers). */
export function redactFor(log: Logger, text: string): string {
  return log.redact ? log.redact(text) : redactPatterns(text);
}

export function redactPatterns(text: string): string {
  let out = text;
  for (const [re, rep] of PATTERNS) out = out.replace(re, rep);
  return out;
}

function format(message: string | Error, args: unknown[]): string {
  const head = message instanceof Error ? (message.stack ?? message.message) : message;
  if (args.length === 0) return head;
  const tail = args.map((a) => {
    if (a instanceof Error) return a.stack ?? a.message;
    if (typeof a === "string") return a;
    try { return JSON.stringify(a); } catch { return String(a); }
  });
  return `${head} ${tail.join(" ")}`;
}

/** A logger that redacts every line and hands it to a sink, tagged with a component name. */
export function createLogger(sink: LogSink, secrets: SecretRegistry, tag?: string): Logger & { child(tag: string): Logger; redact(text: string): string } {
  const emit = (level: LogLevel, message: string | Error, args: unknown[]) => {
    const line = secrets.redact(format(message, args));
    sink(level, tag ? `[${tag}] ${line}` : line);
  };
  return {
    trace: (m, ...a) => emit("trace", m, a),
    debug: (m, ...a) => emit("debug", m, a),
    info: (m, ...a) => emit("info", m, a),
    warn: (m, ...a) => emit("warn", m, a),
    error: (m, ...a) => emit("error", m, a),
    redact: (text: string) => secrets.redact(text),
    child: (t: string) => createLogger(sink, secrets, tag ? `${tag}/${t}` : t),
  };
}

/** For tests and scripts: collects redacted lines in memory. */
export function memoryLogger(secrets = new SecretRegistry()): Logger & { lines: string[]; child(tag: string): Logger; redact(text: string): string } {
  const lines: string[] = [];
  const logger = createLogger((level, line) => lines.push(`${level} ${line}`), secrets);
  return Object.assign(logger, { lines });
}

export const silentLogger: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };
