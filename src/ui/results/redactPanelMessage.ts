import type { ExtensionMessage } from "../../shared/protocol";

/**
 * The free text a results panel shows that did not come from the user's own editor: server
 * notices, error messages and an export's failure. Postgres can echo a value back (a connection string in a
 * dblink error, a token in a function's RAISE); it passes the log's redaction first.
 * The SQL and the rows are the user's own and stay as they are.
 */
export function redactPanelMessage(msg: ExtensionMessage, redact: (text: string) => string): ExtensionMessage {
  switch (msg.type) {
    case "notice": case "exportDone":
      return { ...msg, message: redact(msg.message) };
    case "queryError":
      return {
        ...msg,
        message: redact(msg.message),
        ...(msg.detail !== undefined ? { detail: redact(msg.detail) } : {}),
        ...(msg.hint !== undefined ? { hint: redact(msg.hint) } : {}),
      };
    default:
      return msg;
  }
}
