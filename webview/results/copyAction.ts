// Copying the selection. A small one is formatted here and posted as one `copy`; a big one (over
// PIECES_ABOVE_CELLS) is formatted a few thousand rows at a time and posted as `copyChunk` pieces, with progress
// and Cancel in the panel, so the webview never holds the whole text (the host joins the pieces for the
// clipboard); above COPY_CELL_LIMIT the panel offers Export instead. Copies are of the selection as the grid
// shows it: the rows in view order (filter and sort applied), the selected shown columns in display order.
import type { WebviewMessage } from "../../src/shared/protocol";
import { copyWriter } from "./copyChunks";
import { COPY_FORMAT_LABELS, formatCopy, guessTableName, type CopyFormat } from "./copyFormats";
import { formatCount, h } from "./dom";
import type { Grid } from "./grid";

/** Above this many cells a copy is sent in pieces. */
export const PIECES_ABOVE_CELLS = 50_000;
/** Rows per piece: a few hundred kB of text. */
export const PIECE_ROWS = 5_000;
/** Above this many cells (1,000,000 rows × 10 columns) the clipboard is the wrong tool: Export instead. */
export const COPY_CELL_LIMIT = 10_000_000;

export interface CopyHost {
  readonly grid: Grid;
  /** Where notices go (after the banner). */
  readonly banner: HTMLElement;
  sql(): string;
  resultId(): string | undefined;
  post(msg: WebviewMessage): void;
  flash(text: string): void;
}

const label = (format: CopyFormat) => COPY_FORMAT_LABELS[format].replace(/^Copy ?(as )?/, "") || "TSV";
const plural = (n: number) => `${formatCount(n)} ${n === 1 ? "row" : "rows"}`;

export class CopyAction {
  private running: { copyId: string; cancelled: boolean; notice: HTMLElement } | undefined;
  private seq = 0;

  constructor(private readonly host: CopyHost) {}

  copy(format: CopyFormat): void {
    const { grid } = this.host;
    const r = grid.selection.range(grid.rowCount, grid.colCount);
    if (!r || !grid.data) { this.host.flash("Select cells to copy (click, Shift+arrows, Ctrl+A)"); return; }
    const rows = r.r1 - r.r0 + 1;
    const cols = r.c1 - r.c0 + 1;
    if (rows * cols > COPY_CELL_LIMIT) { this.offerExport(rows, cols); return; }
    const table = guessTableName(this.host.sql());
    if (rows * cols <= PIECES_ABOVE_CELLS) {
      const data = grid.selectedData()!;
      this.host.post({ type: "copy", text: formatCopy(format, data.columns, data.rows, table) });
      this.host.flash(`Copied ${plural(rows)} (${label(format)})`);
      return;
    }
    void this.copyInPieces(format, r, table);
  }

  /** The host's answer to the last piece. */
  done(copyId: string, rows: number, error?: string): void {
    if (this.running?.copyId !== copyId) return;
    this.running.notice.remove();
    this.running = undefined;
    this.host.flash(error ?? `Copied ${plural(rows)}`);
  }

  private async copyInPieces(format: CopyFormat, r: { r0: number; r1: number; c0: number; c1: number }, table: string[]): Promise<void> {
    this.cancel();
    const { grid } = this.host;
    const { rows, view, columns } = grid.data!;
    const copyId = `c${Date.now().toString(36)}-${++this.seq}`;
    const total = r.r1 - r.r0 + 1;
    const text = h("span", {});
    const cancel = h("button", { class: "eb-button", type: "button", "data-action": "copy-cancel" }, "Cancel");
    const notice = h("div", { class: "banner copy-progress", role: "status" }, text, h("span", { class: "edit-actions" }, cancel));
    const job = { copyId, cancelled: false, notice };
    cancel.addEventListener("click", () => this.cancel());
    this.running = job;
    this.host.banner.after(notice);
    // What the user sees: the shown columns in display order.
    const cols = grid.colLayout.slice(r.c0, r.c1);
    const w = copyWriter(format, cols.map((c) => columns[c]!), table);
    let pending = w.start;
    for (let from = r.r0; from <= r.r1; from += PIECE_ROWS) {
      text.textContent = `Copying ${formatCount(from - r.r0)} of ${formatCount(total)} rows (${label(format)})…`;
      const to = Math.min(r.r1, from + PIECE_ROWS - 1);
      const slice = new Array<(typeof rows)[number]>(to - from + 1);
      for (let i = from; i <= to; i++) { const row = rows[view.rowAt(i)]!; slice[i - from] = cols.map((c) => row[c] ?? null); }
      this.host.post({ type: "copyChunk", copyId, text: pending + w.piece(slice, from === r.r0), done: false });
      pending = "";
      // Let the panel paint and a click on Cancel land between pieces.
      await new Promise((ok) => setTimeout(ok, 0));
      if (job.cancelled) return;
    }
    text.textContent = `Copying ${formatCount(total)} rows: writing the clipboard…`;
    this.host.post({ type: "copyChunk", copyId, text: w.end(total > 0), done: true, rows: total });
  }

  /** Stops a copy in pieces; the host drops what it has. */
  cancel(): void {
    const job = this.running;
    if (!job) return;
    job.cancelled = true;
    job.notice.remove();
    this.running = undefined;
    this.host.post({ type: "copyChunk", copyId: job.copyId, text: "", done: true, cancel: true });
    this.host.flash("Copy cancelled: the clipboard is unchanged.");
  }

  private offerExport(rows: number, cols: number): void {
    const resultId = this.host.resultId();
    if (!resultId) return;
    const exportCsv = h("button", { class: "eb-button primary", type: "button", "data-action": "copy-export" }, "Export CSV…");
    const dismiss = h("button", { class: "eb-button", type: "button", "data-action": "copy-dismiss" }, "Dismiss");
    const notice = h("div", { class: "banner copy-notice", role: "alert" },
      h("span", {}, `${formatCount(rows)} rows × ${cols} columns is too much to copy through the clipboard (over ${formatCount(COPY_CELL_LIMIT)} cells). Export writes the whole result to a file instead.`),
      h("span", { class: "edit-actions" }, dismiss, exportCsv));
    exportCsv.addEventListener("click", () => { notice.remove(); this.host.post({ type: "export", resultId, format: "csv" }); });
    dismiss.addEventListener("click", () => notice.remove());
    document.querySelector(".copy-notice")?.remove();
    this.host.banner.after(notice);
    exportCsv.focus();
  }
}
