/**
 * What the results webview has been told about the current query, kept on the extension side so a
 * webview that VS Code destroyed while hidden can be rebuilt on `ready` (no retainContextWhenHidden).
 * The messages are folded by the same reducer the webview's store uses (src/shared/resultStream.ts),
 * so the rebuilt webview holds what the live one held. Rows are held only up to the per-result cap
 * the webview itself keeps, so this costs what the grid costs. No vscode import: plain data.
 */
import type { CellValue, ColumnInfo, EditInfo, ExtensionMessage, QuerySnapshot } from "../../shared/protocol";
import { emptyResultStream, foldResultMessage, newStreamResult, replayResultStream } from "../../shared/resultStream";

/** Pages are merged up to this many rows when replayed: fewer, larger messages. */
const REPLAY_PAGE_ROWS = 20_000;

export class ReplayLog {
  private readonly state = emptyResultStream();

  /** Records a message that was (or would have been) posted. */
  record(msg: ExtensionMessage): void {
    foldResultMessage(this.state, msg, newStreamResult);
  }

  get current(): QuerySnapshot | null {
    const q = this.state.query;
    return q && { queryId: q.queryId, sql: q.sql, target: q.target, startedAt: q.startedAt, running: q.running };
  }

  /** Result sets recorded for the current query: rows held and the final state. */
  resultSets(): Array<{ resultId: string; index: number; columns: string[]; rows: number; command?: string; rowCount?: number | null; truncated?: boolean; edit?: EditInfo }> {
    return this.state.results.map((r) => ({
      resultId: r.resultId, index: r.index, columns: r.columns.map((c) => c.name), rows: r.rows.length,
      command: r.done?.command, rowCount: r.done?.rowCount, truncated: r.done?.truncated, ...(r.editInfo ? { edit: r.editInfo } : {}),
    }));
  }

  /** The queryError that ended the current query, if it ended so (tests, diagnostics). */
  endError(): Extract<ExtensionMessage, { type: "queryError" }> | undefined {
    const q = this.state.query;
    return q?.error ? { type: "queryError", queryId: q.queryId, ...q.error } : undefined;
  }

  /** Columns of one result as the runner reported them. */
  columnsOf(resultId: string): ColumnInfo[] {
    return this.byId(resultId)?.columns ?? [];
  }

  /** Rows of one result as held for replay (tests, copy of everything). */
  rowsOf(resultId: string): CellValue[][] {
    return this.byId(resultId)?.rows ?? [];
  }

  /** The messages that rebuild the webview: `state`, then each result, notices, and the end. */
  replay(): Generator<ExtensionMessage> {
    return replayResultStream(this.state, REPLAY_PAGE_ROWS);
  }

  private byId(resultId: string) {
    return this.state.results.find((r) => r.resultId === resultId);
  }
}
