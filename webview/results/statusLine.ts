// The status line's words: "3 rows · 4 ms · production", the split of the time, when it ran; and the banner of a
// capped result. Pure (no DOM).
import { formatCount, formatMs } from "./dom";
import type { QueryState, ResultSet } from "./resultStore";
import type { StatusKind } from "./toolbar";

export interface StatusWords { kind: StatusKind; text: string; detail: string; meta: string }

/** `rs` is the result on show; `selText` the selection's part (" · 3×2 selected") or "". */
export function statusOf(q: QueryState | null, rs: ResultSet | undefined, rowsLoaded: number, selText: string): StatusWords {
  if (!q) return { kind: "idle", text: "Ready", detail: "", meta: "" };
  const elapsed = formatMs((q.endedAt ?? Date.now()) - q.startedAt);
  const where = q.target.branch ?? q.target.label;
  const rowsText = (r: ResultSet) => {
    const loaded = formatCount(r.rows.length);
    if (r.view.length !== r.rows.length) return `${formatCount(r.view.length)} of ${loaded} rows`;
    if (r.done?.truncated) return `first ${loaded} of …`;
    return `${loaded} ${r.rows.length === 1 ? "row" : "rows"}`;
  };
  const ran = `ran ${new Date(q.startedAt).toLocaleTimeString("en-GB")}`;
  if (q.running) return { kind: "running", text: `Running… ${elapsed}`, detail: `${formatCount(rowsLoaded)} rows loaded · ${q.target.label}`, meta: ` · ${where}` };
  if (q.error?.outcome) return { kind: "cancelled", text: q.error.outcome === "cancelled" ? "Cancelled" : "Timed out", detail: `${ran} · ${q.target.label}`, meta: ` · after ${elapsed} · ${where}` };
  if (q.error) return { kind: "error", text: "Failed", detail: `${ran} · ${q.target.label}`, meta: ` · after ${elapsed} · ${where}` };
  const t = q.timing;
  const split = t ? `connect ${formatMs(t.connectMs)}${t.wakeMs ? `, wake ${formatMs(t.wakeMs)}` : ""} · execute ${formatMs(t.executeMs)} · fetch ${formatMs(t.fetchMs)} · ` : "";
  const head = rs ? (rs.columns.length ? rowsText(rs) : rs.done?.command ?? "Done") : "Done";
  // The headline time is the server's part (execute + fetch); connecting is in the detail.
  const took = t ? formatMs(t.executeMs + t.fetchMs) : elapsed;
  return { kind: "done", text: head, detail: `${split}${ran}${selText}`, meta: ` · ${took} · ${where}` };
}

/** What the banner says about a capped result: by rows (maxRows) or by size (maxResultBytes). */
export function truncatedBanner(done: { limit: number; cappedBy?: "rows" | "bytes"; limitBytes?: number }, shown: number): string {
  if (done.cappedBy === "bytes") {
    const mb = done.limitBytes !== undefined ? `${Math.round(done.limitBytes / 2 ** 20)} MB` : "the size limit";
    return `Showing the first ${formatCount(shown)} rows: the result reached ${mb} and the panel stops there to stay within memory (setting lakebase.query.maxResultBytes). Export CSV/JSON writes the full result.`;
  }
  return `Showing the first ${formatCount(done.limit)} rows: the panel stops there to stay fast (setting lakebase.query.maxRows). Export CSV/JSON writes the full result.`;
}
