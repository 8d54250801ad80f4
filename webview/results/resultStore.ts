// What the panel knows about the current query: its result sets (rows kept here, bounded by the host),
// notices, timing and error. No DOM.
import type { CellValue, ColumnInfo, EditInfo, ExtensionMessage, QueryTarget, QueryTiming } from "../../src/shared/protocol";
import { isNumericType } from "./copyFormats";
import { RowView } from "./rowView";
import type { QueryErrorInfo } from "./messageViews";

export interface ResultSet {
  resultId: string;
  index: number;
  columns: ColumnInfo[];
  rows: CellValue[][];
  numeric: boolean[];
  view: RowView;
  done?: { command: string; rowCount: number | null; truncated: boolean; limit: number; cappedBy?: "rows" | "bytes"; limitBytes?: number };
  /** Present on an "Edit Data" result. */
  editInfo?: EditInfo;
}

export interface QueryState {
  queryId: string;
  sql: string;
  target: QueryTarget;
  startedAt: number;
  running: boolean;
  timing?: QueryTiming;
  error?: QueryErrorInfo;
  endedAt?: number;
}

export class ResultStore {
  query: QueryState | null = null;
  results: ResultSet[] = [];
  notices: Array<{ severity?: string; message: string }> = [];

  byId(resultId: string): ResultSet | undefined { return this.results.find((r) => r.resultId === resultId); }

  /** Applies a message; returns the result set it touched, if any. Messages of an older query are ignored. */
  apply(msg: ExtensionMessage): ResultSet | undefined {
    switch (msg.type) {
      case "queryStarted":
        this.reset({ queryId: msg.queryId, sql: msg.sql, target: msg.target, startedAt: msg.startedAt, running: true });
        return undefined;
      case "state":
        this.reset(msg.query ? { ...msg.query } : null);
        return undefined;
      case "resultStarted": {
        if (msg.queryId !== this.query?.queryId) return undefined;
        const rows: CellValue[][] = [];
        const numeric = msg.columns.map((c) => isNumericType(c.typeName));
        const rs: ResultSet = { resultId: msg.resultId, index: msg.index, columns: msg.columns, rows, numeric, view: new RowView(rows, (c) => numeric[c] ?? false), ...(msg.edit ? { editInfo: msg.edit } : {}) };
        this.results.push(rs);
        this.results.sort((a, b) => a.index - b.index);
        return rs;
      }
      case "rows": {
        const rs = this.byId(msg.resultId);
        if (!rs) return undefined;
        for (const r of msg.rows) rs.rows.push(r);
        rs.view.appended();
        return rs;
      }
      case "resultDone": {
        const rs = this.byId(msg.resultId);
        if (rs) rs.done = { command: msg.command, rowCount: msg.rowCount, truncated: msg.truncated, limit: msg.limit, cappedBy: msg.cappedBy, limitBytes: msg.limitBytes };
        return rs;
      }
      case "notice":
        if (!msg.queryId || msg.queryId === this.query?.queryId) this.notices.push({ severity: msg.severity, message: msg.message });
        return undefined;
      case "queryDone":
        if (this.query?.queryId === msg.queryId) Object.assign(this.query, { running: false, timing: msg.timing, endedAt: Date.now() });
        return undefined;
      case "queryError":
        if (this.query?.queryId === msg.queryId) {
          const { message, detail, hint, sqlstate, position, outcome, line } = msg;
          Object.assign(this.query, { running: false, error: { message, detail, hint, sqlstate, position, outcome, line }, endedAt: Date.now() });
        }
        return undefined;
      case "theme": case "editPreview": case "editResult": case "editEnabled": case "chart": case "copyDone": case "copySelection":
        return undefined;
    }
  }

  private reset(query: QueryState | null): void {
    this.query = query;
    this.results = [];
    this.notices = [];
  }

  totalRowsLoaded(): number { return this.results.reduce((n, r) => n + r.rows.length, 0); }
}
