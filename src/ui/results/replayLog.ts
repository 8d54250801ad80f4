/**
 * What the results webview has been told about the current query, kept on the extension side so a
 * webview that VS Code destroyed while hidden can be rebuilt on `ready` (no retainContextWhenHidden).
 * Rows are held only up to the per-result cap the webview itself keeps, so this costs what the grid costs.
 * No vscode import: plain data.
 */
import type { CellValue, ColumnInfo, EditInfo, ExtensionMessage, QuerySnapshot } from "../../shared/protocol";

interface ResultRecord {
  started: Extract<ExtensionMessage, { type: "resultStarted" }>;
  pages: CellValue[][][];
  rows: number;
  done?: Extract<ExtensionMessage, { type: "resultDone" }>;
}

/** Pages are merged up to this many rows when replayed: fewer, larger messages. */
const REPLAY_PAGE_ROWS = 20_000;

export class ReplayLog {
  private query: QuerySnapshot | null = null;
  private results: ResultRecord[] = [];
  private notices: Array<Extract<ExtensionMessage, { type: "notice" }>> = [];
  private end: Extract<ExtensionMessage, { type: "queryDone" | "queryError" }> | undefined;

  /** Records a message that was (or would have been) posted. */
  record(msg: ExtensionMessage): void {
    switch (msg.type) {
      case "queryStarted":
        this.query = { queryId: msg.queryId, sql: msg.sql, target: msg.target, startedAt: msg.startedAt, running: true };
        this.results = [];
        this.notices = [];
        this.end = undefined;
        break;
      case "resultStarted":
        if (msg.queryId === this.query?.queryId) this.results.push({ started: msg, pages: [], rows: 0 });
        break;
      case "rows": {
        const r = this.byId(msg.resultId);
        if (r) { r.pages.push(msg.rows); r.rows += msg.rows.length; }
        break;
      }
      case "resultDone": {
        const r = this.byId(msg.resultId);
        if (r) r.done = msg;
        break;
      }
      case "editEnabled": {
        // Replayed with its edit info, so a webview rebuilt after hide/show stays editable.
        const r = this.byId(msg.resultId);
        if (r && msg.edit) r.started = { ...r.started, edit: msg.edit };
        break;
      }
      case "notice":
        if (!msg.queryId || msg.queryId === this.query?.queryId) this.notices.push(msg);
        break;
      case "queryDone": case "queryError":
        if (this.query && msg.queryId === this.query.queryId) {
          this.end = msg;
          this.query = { ...this.query, running: false };
        }
        break;
      default:
        break;
    }
  }

  get current(): QuerySnapshot | null { return this.query; }

  /** Result sets recorded for the current query: rows held and the final state. */
  resultSets(): Array<{ resultId: string; index: number; columns: string[]; rows: number; command?: string; rowCount?: number | null; truncated?: boolean; edit?: EditInfo }> {
    return this.results.map((r) => ({
      resultId: r.started.resultId, index: r.started.index, columns: r.started.columns.map((c) => c.name), rows: r.rows,
      command: r.done?.command, rowCount: r.done?.rowCount, truncated: r.done?.truncated, ...(r.started.edit ? { edit: r.started.edit } : {}),
    }));
  }

  /** The queryError that ended the current query, if it ended so (tests, diagnostics). */
  endError(): Extract<ExtensionMessage, { type: "queryError" }> | undefined {
    return this.end?.type === "queryError" ? this.end : undefined;
  }

  /** Columns of one result as the runner reported them. */
  columnsOf(resultId: string): ColumnInfo[] {
    return this.byId(resultId)?.started.columns ?? [];
  }

  /** Rows of one result as held for replay (tests, copy of everything). */
  rowsOf(resultId: string): CellValue[][] {
    return this.byId(resultId)?.pages.flat() ?? [];
  }

  /** The messages that rebuild the webview: `state`, then each result, notices, and the end. */
  *replay(): Generator<ExtensionMessage> {
    yield { type: "state", query: this.query };
    if (!this.query) return;
    for (const r of this.results) {
      yield r.started;
      let batch: CellValue[][] = [];
      let total = 0;
      for (const page of r.pages) {
        batch = batch.length === 0 ? page : batch.concat(page);
        if (batch.length >= REPLAY_PAGE_ROWS) {
          total += batch.length;
          yield { type: "rows", resultId: r.started.resultId, rows: batch, totalLoaded: total };
          batch = [];
        }
      }
      if (batch.length > 0) yield { type: "rows", resultId: r.started.resultId, rows: batch, totalLoaded: total + batch.length };
      if (r.done) yield r.done;
    }
    yield* this.notices;
    if (this.end) yield this.end;
  }

  private byId(resultId: string): ResultRecord | undefined {
    return this.results.find((r) => r.started.resultId === resultId);
  }
}
