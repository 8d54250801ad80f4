import * as vscode from "vscode";
import { createLogger, SecretRegistry, type LogLevel, type Logger } from "../core/log";

export interface ExtensionLog {
  logger: Logger & { child(tag: string): Logger };
  secrets: SecretRegistry;
  /** The log's redaction, for every message shown to the user (pop-ups, tree rows, panels, terminals). */
  redact(text: string): string;
  channel: vscode.LogOutputChannel;
  /** Every line handed to the channel, redacted: lets tests prove no secret was logged. */
  recent(): readonly string[];
}

const RECENT_LINES = 2000;

/** One LogOutputChannel for the whole extension; every line passes the redactor first. */
export function createExtensionLog(): ExtensionLog {
  const channel = vscode.window.createOutputChannel("Lakebase", { log: true });
  const secrets = new SecretRegistry();
  const recent: string[] = [];
  const write: Record<LogLevel, (line: string) => void> = {
    trace: (l) => channel.trace(l),
    debug: (l) => channel.debug(l),
    info: (l) => channel.info(l),
    warn: (l) => channel.warn(l),
    error: (l) => channel.error(l),
  };
  const logger = createLogger((level, line) => {
    recent.push(`${level} ${line}`);
    if (recent.length > RECENT_LINES) recent.splice(0, recent.length - RECENT_LINES);
    write[level](line);
  }, secrets);
  return { logger, secrets, redact: (text) => secrets.redact(text), channel, recent: () => recent };
}
