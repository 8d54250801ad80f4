import type { ReadOnlyResult } from "./readOnlySql";
import { cellText, TextBudget } from "./textBudget";

/** A result as tab-separated text under a one-line summary; says when rows were left out and why. */
export function formatResult(r: ReadOnlyResult, maxBytes: number): string {
  if (r.columns.length === 0) {
    const lines = [`${r.command}${r.rowCount !== null ? ` ${r.rowCount}` : ""} · ${r.ms} ms`, ...r.notices];
    return lines.join("\n");
  }
  const budget = new TextBudget(maxBytes - 200);
  budget.force(r.columns.map((c) => `${c.name} (${c.type})`).join("\t"));
  let shown = 0;
  for (const row of r.rows) {
    if (!budget.add(row.map((v) => cellText(v)).join("\t"))) break;
    shown++;
  }
  const cutByBytes = shown < r.rows.length;
  const more = r.truncated || cutByBytes;
  const head = `${r.command} · ${more ? `first ${shown} rows` : `${shown} row${shown === 1 ? "" : "s"}`} · ${r.ms} ms`;
  const lines = [head, budget.text()];
  if (more) {
    lines.push(cutByBytes
      ? `[TRUNCATED at ${maxBytes} bytes: ${r.rows.length - shown}${r.truncated ? "+" : ""} more rows not shown. Select fewer columns or add LIMIT/WHERE.]`
      : `[TRUNCATED at ${r.rows.length} rows: the query returns more. Add LIMIT/WHERE or aggregate.]`);
  }
  lines.push(...r.notices);
  return lines.join("\n");
}
