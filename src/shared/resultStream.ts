// The one fold of the results stream (extension → webview messages) into "what is known about the
// current query". The host's replay log and the webview's store both use it, so a webview rebuilt
// after hide/show holds exactly what the live one held. No Node, DOM, vscode or clock: the state
// depends on the messages alone. It changes the state it is given in place (rows are appended, not
// copied: a result can hold a million rows), and returns the result set a message touched.
import type { CellValue, ColumnInfo, EditInfo, ExtensionMessage, QuerySnapshot, QueryTiming } from "./protocol";

export type ResultDoneInfo = Omit<Extract<ExtensionMessage, { type: "resultDone" }>, "type" | "resultId">;

/** How a query ended when it did not end well (a cancel and a timeout are outcomes, not errors of the SQL). */
export type QueryEndError = Omit<Extract<ExtensionMessage, { type: "queryError" }>, "type" | "queryId">;

export interface StreamQuery extends QuerySnapshot {
  timing?: QueryTiming;
  error?: QueryEndError;
}

export interface StreamResult {
  resultId: string;
  index: number;
  columns: ColumnInfo[];
  rows: CellValue[][];
  done?: ResultDoneInfo;
  /** Present on an "Edit Data" result, or once "Edit Rows…" was granted (editEnabled). */
  editInfo?: EditInfo;
}

export interface NoticeInfo { severity?: string; message: string }

export interface ResultStreamState<R extends StreamResult = StreamResult> {
  query: StreamQuery | null;
  results: R[];
  notices: NoticeInfo[];
}

export type ResultStarted = Extract<ExtensionMessage, { type: "resultStarted" }>;

export function emptyResultStream<R extends StreamResult = StreamResult>(): ResultStreamState<R> {
  return { query: null, results: [], notices: [] };
}

/** The plain record for a started result; the webview's store extends it with its view objects. */
export function newStreamResult(msg: ResultStarted): StreamResult {
  return { resultId: msg.resultId, index: msg.index, columns: msg.columns, rows: [], ...(msg.edit ? { editInfo: msg.edit } : {}) };
}

/** Applies one message; messages of another query than the current one are ignored. */
export function foldResultMessage<R extends StreamResult>(state: ResultStreamState<R>, msg: ExtensionMessage, create: (msg: ResultStarted) => R): R | undefined {
  const byId = (id: string) => state.results.find((r) => r.resultId === id);
  switch (msg.type) {
    case "queryStarted":
      reset(state, { queryId: msg.queryId, sql: msg.sql, target: msg.target, startedAt: msg.startedAt, running: true });
      return undefined;
    case "state":
      reset(state, msg.query ? { ...msg.query } : null);
      return undefined;
    case "resultStarted": {
      if (msg.queryId !== state.query?.queryId) return undefined;
      const r = create(msg);
      state.results.push(r);
      state.results.sort((a, b) => a.index - b.index);
      return r;
    }
    case "rows": {
      const r = byId(msg.resultId);
      if (r) for (const row of msg.rows) r.rows.push(row);
      return r;
    }
    case "resultDone": {
      const r = byId(msg.resultId);
      if (r) {
        const { type: _t, resultId: _r, ...done } = msg;
        r.done = done;
      }
      return r;
    }
    case "editEnabled": {
      const r = byId(msg.resultId);
      if (r && msg.edit) r.editInfo = msg.edit;
      return r;
    }
    case "notice":
      if (!msg.queryId || msg.queryId === state.query?.queryId) state.notices.push(msg.severity === undefined ? { message: msg.message } : { severity: msg.severity, message: msg.message });
      return undefined;
    case "queryDone":
      if (state.query?.queryId === msg.queryId) Object.assign(state.query, { running: false, timing: msg.timing });
      return undefined;
    case "queryError":
      if (state.query?.queryId === msg.queryId) {
        const { type: _t, queryId: _q, ...error } = msg;
        Object.assign(state.query, { running: false, error });
      }
      return undefined;
    case "theme": case "editPreview": case "editResult": case "exportDone": case "chart": case "copyDone": case "copySelection":
      return undefined;
  }
}

/**
 * The messages that rebuild a webview holding `state`: `state`, then each result (rows merged into
 * pages of up to `pageRows`), the notices, and how the query ended.
 */
export function* replayResultStream(state: ResultStreamState, pageRows: number): Generator<ExtensionMessage> {
  const q = state.query;
  yield { type: "state", query: q && { queryId: q.queryId, sql: q.sql, target: q.target, startedAt: q.startedAt, running: q.running } };
  if (!q) return;
  for (const r of state.results) {
    yield { type: "resultStarted", resultId: r.resultId, queryId: q.queryId, index: r.index, columns: r.columns, ...(r.editInfo ? { edit: r.editInfo } : {}) };
    for (let i = 0; i < r.rows.length; i += pageRows) {
      const rows = r.rows.slice(i, i + pageRows);
      yield { type: "rows", resultId: r.resultId, rows, totalLoaded: i + rows.length };
    }
    if (r.done) yield { type: "resultDone", resultId: r.resultId, ...r.done };
  }
  for (const n of state.notices) yield { type: "notice", queryId: q.queryId, ...n };
  if (q.error) yield { type: "queryError", queryId: q.queryId, ...q.error };
  else if (q.timing) yield { type: "queryDone", queryId: q.queryId, timing: q.timing };
}

function reset<R extends StreamResult>(state: ResultStreamState<R>, query: StreamQuery | null): void {
  state.query = query;
  state.results = [];
  state.notices = [];
}
