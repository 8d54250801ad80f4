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
}

export type LogLevel = "trace" | "debug" | "info" | "warn" | "error";
export type LogSink = (level: LogLevel, line: string) => void;

/** Values registered here are replaced by `***` in every logged line. */
export class SecretRegistry {
  private readonly secrets = new Set<string>();
  add(secret: string | undefined): void {
    // Very short values would mask ordinary words; real tokens are long.
    if (secret && secret.length >= 8) this.secrets.add(secret);
  }
  delete(secret: string): void {
    this.secrets.delete(secret);
  }
  redact(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join("***");
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
export function createLogger(sink: LogSink, secrets: SecretRegistry, tag?: string): Logger & { child(tag: string): Logger } {
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
    child: (t: string) => createLogger(sink, secrets, tag ? `${tag}/${t}` : t),
  };
}

/** For tests and scripts: collects redacted lines in memory. */
export function memoryLogger(secrets = new SecretRegistry()): Logger & { lines: string[]; child(tag: string): Logger } {
  const lines: string[] = [];
  const logger = createLogger((level, line) => lines.push(`${level} ${line}`), secrets);
  return Object.assign(logger, { lines });
}

export const silentLogger: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };
