// Non-grid content: command results without rows ("N rows affected"), errors, notices, the empty state.
import { h, formatCount } from "./dom";

export interface QueryErrorInfo {
  message: string; detail?: string; hint?: string; sqlstate?: string; position?: number;
  outcome?: "cancelled" | "timeout";
  /** 1-based line of the error in the source file (the panel's own count from the SQL otherwise). */
  line?: number;
}

/** A stop the user asked for (Cancel, or their own timeout setting): said plainly, not as a red error. */
export function stoppedView(outcome: "cancelled" | "timeout", elapsed: string): HTMLElement {
  const [title, detail] = outcome === "cancelled"
    ? ["Cancelled", `You cancelled the query after ${elapsed}; the server stopped it. Nothing after the statement that was running ran.`]
    : ["Timed out", `Stopped after ${elapsed} by the setting lakebase.query.timeout; raise it (0: no limit) to let the query finish.`];
  return h("div", { class: "message-view stopped", role: "status" }, h("div", { class: "command-tag" }, title), h("div", { class: "command-detail" }, detail));
}

export function commandView(command: string, rowCount: number | null): HTMLElement {
  const verb = command.split(" ")[0] ?? command;
  const affected = rowCount === null ? "" : ["INSERT", "UPDATE", "DELETE", "MERGE", "COPY"].includes(verb.toUpperCase())
    ? `${formatCount(rowCount)} ${rowCount === 1 ? "row" : "rows"} affected`
    : "";
  return h("div", { class: "message-view command" }, h("div", { class: "command-tag" }, command || "OK"), h("div", { class: "command-detail" }, affected || "Completed"));
}

/** Error with SQLSTATE, detail, hint, and the SQL line with a caret at `position` (1-based, in characters). */
export function errorView(err: QueryErrorInfo, sql: string): HTMLElement {
  const parts: HTMLElement[] = [
    h("div", { class: "error-title" }, h("span", { class: "error-label" }, "ERROR"), err.sqlstate ? h("span", { class: "sqlstate", title: "SQLSTATE" }, err.sqlstate) : "", h("span", { class: "error-message" }, err.message)),
  ];
  if (err.detail) parts.push(h("div", { class: "error-field" }, h("span", { class: "field-name" }, "Detail"), err.detail));
  if (err.hint) parts.push(h("div", { class: "error-field" }, h("span", { class: "field-name" }, "Hint"), err.hint));
  if (err.position && sql) {
    const chars = [...sql];
    const before = chars.slice(0, err.position - 1).join("");
    const lineNo = err.line ?? before.split("\n").length;
    const lineStart = before.lastIndexOf("\n") + 1;
    const line = sql.slice(lineStart).split("\n")[0] ?? "";
    const col = [...before.slice(lineStart)].length;
    parts.push(h("div", { class: "error-field" }, h("span", { class: "field-name" }, `Line ${lineNo}`),
      h("pre", { class: "error-sql" }, `${line}\n${" ".repeat(col)}^`)));
  }
  return h("div", { class: "message-view error", role: "alert" }, ...parts);
}

export function noticesView(notices: Array<{ severity?: string; message: string }>): HTMLElement {
  return h("div", { class: "message-view notices" },
    ...notices.map((n) => h("div", { class: "notice" }, h("span", { class: "notice-severity" }, n.severity ?? "NOTICE"), n.message)));
}

export function emptyView(text: string): HTMLElement {
  return h("div", { class: "message-view empty" }, text);
}
