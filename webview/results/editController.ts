// Edit Data in the panel: the staged changes per result, the cell editor, the edit bar and the review pane,
// and the Edit entries of the context menu. The app hands it the grid, the store and a way to post.
import type { EditInfo, StagedChange, WebviewMessage } from "../../src/shared/protocol";
import type { MenuEntry } from "./contextMenu";
import { EditBar, openCellEditor, reviewView } from "./editUi";
import { EditState } from "./editState";
import type { Grid } from "./grid";
import type { ResultSet, ResultStore } from "./resultStore";

export interface EditHost {
  readonly store: ResultStore;
  readonly grid: Grid;
  /** Where the review pane goes (over the grid). */
  readonly content: HTMLElement;
  shown(): ResultSet | null;
  post(msg: WebviewMessage): void;
  flash(text: string): void;
  render(): void;
  /** Forget the grid's data so the next render sets it again (with the edit decorations). */
  resetGrid(): void;
  /** The staged changes saved with the webview's state (they survive hide/show), and saving them. */
  savedEdits(): Record<string, StagedChange[]> | undefined;
  saveEdits(edits: Record<string, StagedChange[]>): void;
}

export class EditController {
  private readonly edits = new Map<string, EditState>();
  readonly editBar: EditBar;
  private review: HTMLElement | null = null;

  constructor(private readonly host: EditHost) {
    this.editBar = new EditBar({
      addRow: () => this.addRow(),
      review: () => { const rs = this.host.shown(); const es = rs && this.edits.get(rs.resultId); if (rs && es) this.host.post({ type: "previewEdits", resultId: rs.resultId, changes: es.changes() }); },
      discard: () => this.discardEdits(),
    });
  }

  /** A new query: nothing staged belongs to it. */
  reset(): void { this.edits.clear(); this.closeReview(); }

  has(resultId: string): boolean { return this.edits.has(resultId); }

  /** Edits staged before the webview was rebuilt come back once the rows are in again. */
  restoreSaved(rs: ResultSet): void {
    const staged = rs.editInfo ? this.host.savedEdits()?.[rs.resultId] : undefined;
    if (staged?.length && !this.edits.has(rs.resultId)) this.editState(rs)?.restore(staged);
  }

  /** The context menu's Edit Rows… / Edit Cell / Set to NULL / Add Row / Delete / Discard entries for the shown result. */
  menuEntries(hasSel: boolean): MenuEntry[] {
    const rs = this.host.shown();
    const entries: MenuEntry[] = [];
    if (this.canOfferEdit(rs)) entries.push("separator", { label: "Edit Rows…", action: () => this.host.post({ type: "enableEdit", resultId: rs.resultId }) });
    if (rs?.editInfo && !rs.editInfo.readOnlyReason && rs.done) {
      entries.push("separator",
        { label: "Edit Cell", shortcut: "F2", disabled: !hasSel, action: () => { const f = this.host.grid.selection.focus; this.editCell(f.row, this.host.grid.colLayout.dataCol(f.col)); } },
        { label: "Set to NULL", disabled: !hasSel, action: () => this.setCells(this.selectedCells().filter(([, c]) => rs.editInfo!.writable[c]), null) },
        { label: "Add Row", action: () => this.addRow() },
        { label: "Delete Row(s)", disabled: !hasSel, action: () => this.toggleDeleteSelected() },
        { label: "Discard All Changes", disabled: !this.edits.get(rs.resultId)?.count, action: () => this.discardEdits() });
    }
    return entries;
  }

  /** The staged edits of an editable result, created once its rows are all in. */
  editState(rs: ResultSet): EditState | undefined {
    if (!rs.editInfo || !rs.done) return undefined;
    let es = this.edits.get(rs.resultId);
    if (!es) {
      es = new EditState(rs.editInfo, rs.rows, () => rs.view.appended());
      this.edits.set(rs.resultId, es);
    }
    return es;
  }

  decorator(rs: ResultSet): NonNullable<Parameters<Grid["setData"]>[0]>["decorate"] {
    return {
      cell: (row, col) => { const es = this.edits.get(rs.resultId); return es?.isChanged(row, col) ? "edited" : ""; },
      row: (row) => { const es = this.edits.get(rs.resultId); return es?.isDeleted(row) ? "deleted" : es?.isInserted(row) ? "inserted" : ""; },
    };
  }

  /** Whether "Edit Rows" makes sense: every column of a finished result comes straight from a table. */
  canOfferEdit(rs: ResultSet | null): rs is ResultSet {
    return !!rs && !rs.editInfo && !!rs.done && rs.columns.length > 0 && rs.columns.every((c) => c.tableOid);
  }

  editEnabled(resultId: string, edit: EditInfo | undefined, reason: string | undefined): void {
    const rs = this.host.store.byId(resultId);
    if (!rs) return;
    if (!edit) { this.host.flash(reason ?? "This result cannot be edited."); return; }
    rs.editInfo = edit;
    if (this.host.shown() === rs) this.host.resetGrid(); // set the grid's data again, now with the edit decorations
    this.host.render();
  }

  renderEditBar(): void {
    const rs = this.host.shown();
    if (!rs?.editInfo) { this.editBar.show(null); return; }
    const es = this.edits.get(rs.resultId);
    this.editBar.show({ table: rs.editInfo.table, readOnlyReason: rs.editInfo.readOnlyReason, staged: es?.count ?? 0, ready: !!rs.done && !this.host.store.query?.running });
  }

  /** `col` is the data column (the grid maps display positions before calling). */
  editCell(viewRow: number, col: number): void {
    const rs = this.host.shown();
    if (!rs?.editInfo) return;
    if (rs.editInfo.readOnlyReason) { this.host.flash(rs.editInfo.readOnlyReason); return; }
    const es = this.editState(rs);
    if (!es) { this.host.flash("Wait for all rows to load before editing."); return; }
    if (!es.canEdit(col)) { this.host.flash(`${rs.columns[col]?.name ?? "This column"} is generated: it cannot be edited.`); return; }
    const row = rs.view.rowAt(viewRow);
    if (es.isDeleted(row)) { this.host.flash("This row is marked for deletion; restore it (Delete Row again) to edit it."); return; }
    const cell = this.host.grid.cellElement(viewRow, col);
    if (!cell) return;
    openCellEditor(cell, rs.rows[row]![col] ?? null, (value) => {
      if (value !== undefined) this.setCells([[row, col]], value);
      this.host.grid.element.focus({ preventScroll: true });
    });
  }

  setCells(cells: Array<[number, number]>, value: string | null): void {
    const rs = this.host.shown();
    const es = rs && this.editState(rs);
    if (!rs || !es) return;
    for (const [row, col] of cells) es.setCell(row, col, value);
    this.saveEdits(rs.resultId);
    this.editBar.setMessage("");
    this.host.grid.refresh();
    this.renderEditBar();
  }

  /** The selected cells as [row index, data column] pairs (shown columns only). */
  selectedCells(): Array<[number, number]> {
    const r = this.host.grid.selection.range(this.host.grid.rowCount, this.host.grid.colCount);
    const rs = this.host.shown();
    if (!r || !rs) return [];
    const cols = this.host.grid.colLayout.slice(r.c0, r.c1);
    const out: Array<[number, number]> = [];
    for (let v = r.r0; v <= r.r1 && out.length < 100_000; v++) for (const c of cols) out.push([rs.view.rowAt(v), c]);
    return out;
  }

  addRow(): void {
    const rs = this.host.shown();
    const es = rs && this.editState(rs);
    if (!rs || !es) return;
    es.addRow();
    this.saveEdits(rs.resultId);
    this.host.grid.refresh();
    this.renderEditBar();
    const viewRow = this.host.grid.rowCount - 1;
    // The first writable column the user sees (columns may be moved or hidden).
    const layout = this.host.grid.colLayout;
    const shownCols = layout.slice(0, layout.length - 1);
    const firstWritable = shownCols.find((c) => rs.editInfo!.writable[c]);
    if (firstWritable !== undefined) this.editCell(viewRow, firstWritable);
  }

  toggleDeleteSelected(): void {
    const rs = this.host.shown();
    const es = rs && this.editState(rs);
    if (!rs || !es) return;
    es.toggleDelete([...new Set(this.selectedCells().map(([row]) => row))]);
    this.saveEdits(rs.resultId);
    this.host.grid.refresh();
    this.renderEditBar();
  }

  discardEdits(): void {
    const rs = this.host.shown();
    const es = rs && this.edits.get(rs.resultId);
    if (!rs || !es) return;
    if (es.revert()) rs.view.setFilter(rs.view.filterText); // inserted rows left: rebuild the view
    this.edits.delete(rs.resultId);
    this.saveEdits(rs.resultId);
    this.closeReview();
    this.editBar.setMessage("");
    this.host.grid.refresh();
    this.renderEditBar();
  }

  private saveEdits(resultId: string): void {
    const changes = this.edits.get(resultId)?.changes() ?? [];
    const edits = { ...this.host.savedEdits() };
    if (changes.length) edits[resultId] = changes; else delete edits[resultId];
    this.host.saveEdits(edits);
  }

  showReview(resultId: string, sql: string, error?: string): void {
    if (this.host.shown()?.resultId !== resultId) return;
    if (error) { this.editBar.setMessage(error); return; }
    this.closeReview();
    const es = this.edits.get(resultId);
    this.review = reviewView(sql, () => { if (es) this.host.post({ type: "applyEdits", resultId, changes: es.changes() }); }, () => this.closeReview());
    this.host.content.append(this.review);
    this.review.querySelector<HTMLElement>("[data-action=apply-edits]")?.focus();
  }

  closeReview(): void {
    this.review?.remove();
    this.review = null;
  }

  editDone(resultId: string, status: string, message: string): void {
    this.closeReview();
    if (status === "applied") {
      // The host reads the table again: the staged state belongs to rows that are about to be replaced.
      this.edits.delete(resultId);
      this.saveEdits(resultId);
      this.editBar.setMessage(message, "info");
    } else this.editBar.setMessage(message, status === "cancelled" ? "info" : "error");
    this.renderEditBar();
    this.host.grid.refresh();
  }
}
