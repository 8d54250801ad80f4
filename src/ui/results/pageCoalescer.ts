/**
 * Pages of rows on their way to the results webview. Each message through VS Code's webview channel costs
 * a fixed hop (the extension host's RPC, the workbench, two frames) beside its bytes: while the channel is
 * idle a page goes at once (the first page is the row a user waits for); while it is busy, pages that arrive
 * are merged into one message that goes when the webview acknowledges one in flight. No vscode import.
 */
import type { ExtensionMessage } from "../../shared/protocol";

export type RowsMessage = Extract<ExtensionMessage, { type: "rows" }>;

/** Row messages posted and not yet acknowledged before further pages wait to be merged. */
const MAX_IN_FLIGHT = 2;
/** A merged message is sent once it holds this many cells, busy channel or not (a few MB at most). */
const MAX_CELLS = 100_000;

export class PageCoalescer {
  private pending: RowsMessage | undefined;
  private pendingCells = 0;
  private inFlight: Array<{ resultId: string; totalLoaded: number }> = [];

  constructor(private readonly send: (msg: RowsMessage) => void) {}

  /** A page the host recorded: posted now, or merged into the message waiting. */
  add(msg: RowsMessage): void {
    if (this.pending && this.pending.resultId !== msg.resultId) this.flush();
    if (!this.pending && this.inFlight.length < MAX_IN_FLIGHT) { this.post(msg); return; }
    // The message is the replay log's record: its rows array is copied, never extended.
    if (this.pending) { for (const row of msg.rows) this.pending.rows.push(row); this.pending.totalLoaded = msg.totalLoaded; }
    else this.pending = { type: "rows", resultId: msg.resultId, rows: msg.rows.slice(), totalLoaded: msg.totalLoaded };
    this.pendingCells += msg.rows.length * (msg.rows[0]?.length ?? 1);
    if (this.pendingCells >= MAX_CELLS) this.flush();
  }

  /** The webview holds `totalLoaded` rows of `resultId`: the messages up to there are through. */
  acked(resultId: string, totalLoaded: number): void {
    this.inFlight = this.inFlight.filter((m) => m.resultId !== resultId || m.totalLoaded > totalLoaded);
    if (this.inFlight.length < MAX_IN_FLIGHT) this.flush();
  }

  /** Sends what is waiting (before any other message, so the webview sees them in order). */
  flush(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    this.pendingCells = 0;
    this.post(p);
  }

  /** A new query, or a webview that is gone or rebuilt (the replay log resends everything). */
  reset(): void {
    this.pending = undefined;
    this.pendingCells = 0;
    this.inFlight = [];
  }

  private post(msg: RowsMessage): void {
    this.inFlight.push({ resultId: msg.resultId, totalLoaded: msg.totalLoaded });
    this.send(msg);
  }
}
