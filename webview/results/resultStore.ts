// What the panel knows about the current query: its result sets (rows kept here, bounded by the host),
// notices, timing and error, folded by the reducer the host's replay log uses too
// (src/shared/resultStream.ts). This adds only the webview's own parts: a RowView per result and the
// time the query ended. No DOM.
import type { ExtensionMessage, QueryTarget, QueryTiming } from "../../src/shared/protocol";
import { emptyResultStream, foldResultMessage, type QueryEndError, type ResultStarted, type StreamResult } from "../../src/shared/resultStream";
import { isNumericType } from "./copyFormats";
import { RowView } from "./rowView";

export interface ResultSet extends StreamResult {
  numeric: boolean[];
  view: RowView;
}

export interface QueryState {
  queryId: string;
  sql: string;
  target: QueryTarget;
  startedAt: number;
  running: boolean;
  timing?: QueryTiming;
  error?: QueryEndError;
  endedAt?: number;
}

export class ResultStore {
  private readonly state = emptyResultStream<ResultSet>();

  get query(): QueryState | null { return this.state.query; }
  get results(): ResultSet[] { return this.state.results; }
  get notices(): Array<{ severity?: string; message: string }> { return this.state.notices; }

  byId(resultId: string): ResultSet | undefined { return this.results.find((r) => r.resultId === resultId); }

  /** Applies a message; returns the result set it touched, if any. Messages of an older query are ignored. */
  apply(msg: ExtensionMessage): ResultSet | undefined {
    const touched = foldResultMessage(this.state, msg, newResultSet);
    if (msg.type === "rows") touched?.view.appended();
    const q: QueryState | null = this.state.query;
    if ((msg.type === "queryDone" || msg.type === "queryError") && q?.queryId === msg.queryId) q.endedAt = Date.now();
    return touched;
  }

  totalRowsLoaded(): number { return this.results.reduce((n, r) => n + r.rows.length, 0); }
}

function newResultSet(msg: ResultStarted): ResultSet {
  const rows: ResultSet["rows"] = [];
  const numeric = msg.columns.map((c) => isNumericType(c.typeName));
  return { resultId: msg.resultId, index: msg.index, columns: msg.columns, rows, numeric, view: new RowView(rows, (c) => numeric[c] ?? false), ...(msg.edit ? { editInfo: msg.edit } : {}) };
}
