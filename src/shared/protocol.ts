// Messages between the extension (results panel host) and the results webview.
// Imported by both sides: no Node, DOM or vscode imports here.
//
// Flow of one query:
//   webview → ready                       (first message; the host posts nothing before it)
//   ext → queryStarted                    (status shows "running" + elapsed time, Cancel enabled)
//   ext → resultStarted (per result set)  → rows* (pages, appended) → resultDone
//   ext → notice*                         (RAISE NOTICE etc., any time)
//   ext → queryDone | queryError
// Rows live in the webview, bounded by the host: it stops after `limit` rows per result and says so in
// resultDone.truncated. Export re-reads the full result on the extension side (webview posts `export`).
// After each page the webview answers `rowsReceived`, which the host may use as back-pressure.
//
// Hide/show: the webview keeps only small UI state (vscode.setState); on `ready` after a reload the host
// posts `state` (the current query) and then replays resultStarted/rows/resultDone/queryDone for it.

/** Postgres text-format value; null is SQL NULL. */
export type CellValue = string | null;

export interface ColumnInfo {
  name: string;
  /** Postgres type name as shown to the user, e.g. "int4", "text", "timestamptz". */
  typeName: string;
  typeOid: number;
  /** The table (pg_class oid) and column (attnum) it comes straight from, when it does: what "Edit" needs. */
  tableOid?: number;
  tableColumn?: number;
}

/** Where a query runs, for the status line. */
export interface QueryTarget {
  /** Short human label, e.g. "my-project / main / databricks_postgres". */
  label: string;
  database?: string;
  branch?: string;
}

export interface QueryTiming {
  /** Time to get a connection (includes credential fetch). */
  connectMs: number;
  /** Part of connectMs spent waiting for a suspended compute to wake, when known. */
  wakeMs?: number;
  executeMs: number;
  fetchMs: number;
}

export type ExportFormat = "csv" | "json";

export type QueryOutcome = "cancelled" | "timeout";

/** Default per-result row cap kept by the host (setting lakebase.query.maxRows; package.json repeats it). */
export const DEFAULT_MAX_ROWS = 100_000;
/** The one page-size default: rows per cursor fetch, per `rows` message and per JSON export read (setting
 * lakebase.query.pageSize; package.json repeats it). Measured (bench/pageSweep.ts, 1M rows × 10 columns):
 * 1,000 gives a first page in ~15 ms and a total within ~8% of 5,000-row pages, whose first page takes ~50 ms. */
export const DEFAULT_PAGE_SIZE = 1_000;

/** A result the user may edit ("Edit Data"): one table's rows, all its columns in table order. */
export interface EditInfo {
  /** Qualified name for display, e.g. "public.customers". */
  table: string;
  /** Column indices of the primary key. */
  key: number[];
  /** Per column: false for generated columns. */
  writable: boolean[];
  /** Set when the result must stay read-only (no primary key, a view): the reason shown to the user. */
  readOnlyReason?: string;
}

/** A staged change as the webview sends it: rows by their index in the result (the host holds the originals). */
export type StagedChange =
  | { kind: "update"; row: number; values: Record<string, CellValue> }
  | { kind: "insert"; values: Record<string, CellValue> }
  | { kind: "delete"; row: number };

export type EditResultStatus = "applied" | "conflict" | "error" | "cancelled";

export type CopyTextFormat = "tsv" | "tsvHeaders" | "csv" | "json" | "markdown" | "insert";
export const COPY_TEXT_FORMATS: readonly CopyTextFormat[] = ["tsv", "tsvHeaders", "csv", "json", "markdown", "insert"];

export type ChartKind = "bar" | "line" | "scatter";
export const CHART_KINDS: readonly ChartKind[] = ["bar", "line", "scatter"];
/** What a chart shows, as the webview reports it: axes by column name ("#" for x is the row number). */
export interface ChartReport { resultId: string; kind: ChartKind; x: string; y: string; points: number; truncated: boolean }

export type ExportStatus = "done" | "cancelled" | "error";

// ---- webview → extension ----
export type WebviewMessage =
  | { type: "ready" }
  | { type: "cancel"; queryId: string }
  | { type: "export"; resultId: string; format: ExportFormat }
  | { type: "copy"; text: string }
  | { type: "rerun" }
  | { type: "openHistory" }
  | { type: "rowsReceived"; resultId: string; totalLoaded: number }
  /** "Review": the host answers with `editPreview`; "apply": it runs them and answers with `editResult`. Values are keyed by column index. */
  | { type: "previewEdits" | "applyEdits"; resultId: string; changes: StagedChange[] }
  /** "Open Value in Editor": one cell's whole value, shown in an editor tab. */
  | { type: "openValue"; value: string; typeName: string; column: string }
  /** "Edit" on a query's result: the host checks it comes from one table with its key and answers `editEnabled`. */
  | { type: "enableEdit"; resultId: string }
  /**
   * A big copy, in pieces of a few thousand rows (the webview never holds the whole text): the host joins them and
   * writes the clipboard when `done`, then answers `copyDone`. `cancel` drops what it has.
   */
  | { type: "copyChunk"; copyId: string; text: string; done: boolean; cancel?: boolean; rows?: number }
  /** "Save as PNG" on a chart: the host asks where (showSaveDialog) and writes the image. */
  | { type: "saveChart"; dataUrl: string; name: string }
  /** A chart was drawn (or redrawn, or closed: `chart` undefined; or could not be: `error`); the host keeps it for its snapshot. */
  | { type: "chartShown"; chart?: ChartReport; error?: string };

// ---- extension → webview ----
export interface QuerySnapshot {
  queryId: string;
  sql: string;
  target: QueryTarget;
  /** Epoch ms when the query started, so the elapsed timer survives a reload. */
  startedAt: number;
  running: boolean;
}

export type ExtensionMessage =
  | { type: "queryStarted"; queryId: string; sql: string; target: QueryTarget; startedAt: number }
  | { type: "resultStarted"; resultId: string; queryId: string; index: number; columns: ColumnInfo[]; edit?: EditInfo }
  | { type: "rows"; resultId: string; rows: CellValue[][]; totalLoaded: number }
  /** `limit` is maxRows; a result capped by size says so with `cappedBy: "bytes"` and `limitBytes`. */
  | { type: "resultDone"; resultId: string; command: string; rowCount: number | null; truncated: boolean; limit: number; cappedBy?: "rows" | "bytes"; limitBytes?: number }
  | { type: "notice"; queryId?: string; severity?: string; message: string }
  | { type: "queryDone"; queryId: string; timing: QueryTiming }
  | { type: "queryError"; queryId: string; message: string; detail?: string; hint?: string; sqlstate?: string; position?: number;
      /** "cancelled": the user stopped it; "timeout": lakebase.query.timeout did. Either way not an error of the SQL. */
      outcome?: QueryOutcome;
      /** 1-based line and column of the error in the source file, when the SQL came from one. */
      line?: number; column?: number }
  | { type: "state"; query: QuerySnapshot | null }
  | { type: "editPreview"; resultId: string; sql: string; error?: string }
  | { type: "editEnabled"; resultId: string; edit?: EditInfo; reason?: string }
  | { type: "editResult"; resultId: string; status: EditResultStatus; message: string }
  /** The reply to `export`: what was written, or why nothing was (dismissed, cancelled, failed). */
  | { type: "exportDone"; resultId: string; status: ExportStatus; message: string }
  | { type: "theme"; kind: "light" | "dark" | "highContrast" | "highContrastLight" }
  /** A big copy reached the clipboard (or failed: `error`). */
  | { type: "copyDone"; copyId: string; rows: number; error?: string }
  /** The Copy command (automation): copy the selection, or everything with `all`, in this format. */
  | { type: "copySelection"; format: CopyTextFormat; all?: boolean }
  /** The Chart command: open the chart of the shown result (optionally of this kind and these columns), save it as PNG, or close it. */
  | { type: "chart"; action: "open" | "savePng" | "close"; kind?: ChartKind; x?: string; y?: string };

// ---- type guards (messages cross a process boundary: check shape, not just `type`) ----
type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): v is string => typeof v === "string";
const num = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const optStr = (v: unknown) => v === undefined || str(v);
const optNum = (v: unknown) => v === undefined || num(v);

export function isWebviewMessage(m: unknown): m is WebviewMessage {
  if (!isRec(m)) return false;
  switch (m.type) {
    case "ready": case "rerun": case "openHistory": return true;
    case "cancel": return str(m.queryId);
    case "export": return str(m.resultId) && (m.format === "csv" || m.format === "json");
    case "copy": return str(m.text);
    case "rowsReceived": return str(m.resultId) && num(m.totalLoaded);
    case "enableEdit": return str(m.resultId);
    case "openValue": return str(m.value) && str(m.typeName) && str(m.column);
    case "previewEdits": case "applyEdits": return str(m.resultId) && Array.isArray(m.changes) && m.changes.every(isStagedChange);
    case "saveChart": return str(m.dataUrl) && str(m.name);
    case "copyChunk": return str(m.copyId) && str(m.text) && typeof m.done === "boolean" && (m.cancel === undefined || typeof m.cancel === "boolean") && optNum(m.rows);
    case "chartShown": return (m.chart === undefined || isChartReport(m.chart)) && optStr(m.error);
    default: return false;
  }
}

const isChartKind = (k: unknown): k is ChartKind => CHART_KINDS.includes(k as ChartKind);
function isChartReport(c: unknown): c is ChartReport {
  return isRec(c) && str(c.resultId) && isChartKind(c.kind) && str(c.x) && str(c.y) && num(c.points) && typeof c.truncated === "boolean";
}

function isValues(v: unknown): v is Record<string, CellValue> {
  return isRec(v) && Object.entries(v).every(([k, x]) => /^\d+$/.test(k) && (x === null || str(x)));
}
function isStagedChange(c: unknown): c is StagedChange {
  if (!isRec(c)) return false;
  const row = Number.isInteger(c.row) && (c.row as number) >= 0;
  switch (c.kind) {
    case "update": return row && isValues(c.values);
    case "insert": return isValues(c.values);
    case "delete": return row;
    default: return false;
  }
}
function isEditInfo(e: unknown): e is EditInfo {
  return isRec(e) && str(e.table) && Array.isArray(e.key) && e.key.every(num) && Array.isArray(e.writable) && e.writable.every((w) => typeof w === "boolean") && optStr(e.readOnlyReason);
}

function isColumn(c: unknown): c is ColumnInfo {
  return isRec(c) && str(c.name) && str(c.typeName) && num(c.typeOid) && optNum(c.tableOid) && optNum(c.tableColumn);
}
function isTarget(t: unknown): t is QueryTarget {
  return isRec(t) && str(t.label) && optStr(t.database) && optStr(t.branch);
}
function isRowPage(rows: unknown): rows is CellValue[][] {
  // Checking every cell of a 10k-row page costs more than it protects; rows and the first row's cells are checked.
  if (!Array.isArray(rows)) return false;
  for (const r of rows) if (!Array.isArray(r)) return false;
  const first = rows[0] as unknown[] | undefined;
  return first === undefined || first.every((v) => v === null || str(v));
}
function isTiming(t: unknown): t is QueryTiming {
  return isRec(t) && num(t.connectMs) && optNum(t.wakeMs) && num(t.executeMs) && num(t.fetchMs);
}
function isSnapshot(q: unknown): q is QuerySnapshot {
  return isRec(q) && str(q.queryId) && str(q.sql) && isTarget(q.target) && num(q.startedAt) && typeof q.running === "boolean";
}

export function isExtensionMessage(m: unknown): m is ExtensionMessage {
  if (!isRec(m)) return false;
  switch (m.type) {
    case "queryStarted": return str(m.queryId) && str(m.sql) && isTarget(m.target) && num(m.startedAt);
    case "resultStarted":
      return str(m.resultId) && str(m.queryId) && num(m.index) && Array.isArray(m.columns) && m.columns.every(isColumn) && (m.edit === undefined || isEditInfo(m.edit));
    case "rows": return str(m.resultId) && isRowPage(m.rows) && num(m.totalLoaded);
    case "resultDone":
      return str(m.resultId) && str(m.command) && (m.rowCount === null || num(m.rowCount)) && typeof m.truncated === "boolean" && num(m.limit)
        && (m.cappedBy === undefined || m.cappedBy === "rows" || m.cappedBy === "bytes") && optNum(m.limitBytes);
    case "notice": return str(m.message) && optStr(m.queryId) && optStr(m.severity);
    case "queryDone": return str(m.queryId) && isTiming(m.timing);
    case "queryError":
      return str(m.queryId) && str(m.message) && optStr(m.detail) && optStr(m.hint) && optStr(m.sqlstate) && optNum(m.position)
        && (m.outcome === undefined || m.outcome === "cancelled" || m.outcome === "timeout") && optNum(m.line) && optNum(m.column);
    case "state": return m.query === null || isSnapshot(m.query);
    case "editEnabled": return str(m.resultId) && (m.edit === undefined || isEditInfo(m.edit)) && optStr(m.reason);
    case "editPreview": return str(m.resultId) && str(m.sql) && optStr(m.error);
    case "editResult": return str(m.resultId) && ["applied", "conflict", "error", "cancelled"].includes(m.status as string) && str(m.message);
    case "exportDone": return str(m.resultId) && ["done", "cancelled", "error"].includes(m.status as string) && str(m.message);
    case "theme": return m.kind === "light" || m.kind === "dark" || m.kind === "highContrast" || m.kind === "highContrastLight";
    case "copyDone": return str(m.copyId) && num(m.rows) && optStr(m.error);
    case "copySelection": return COPY_TEXT_FORMATS.includes(m.format as CopyTextFormat) && (m.all === undefined || typeof m.all === "boolean");
    case "chart": return (m.action === "open" || m.action === "savePng" || m.action === "close") && (m.kind === undefined || isChartKind(m.kind)) && optStr(m.x) && optStr(m.y);
    default: return false;
  }
}
