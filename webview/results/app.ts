// The results panel: wires the protocol (ResultStore) to the toolbar, tabs, grid and message views.
import type { EditInfo, ExtensionMessage, StagedChange, WebviewMessage } from "../../src/shared/protocol";
import { closeContextMenu, showContextMenu, type MenuEntry } from "./contextMenu";
import { COPY_FORMAT_LABELS, formatCopy, guessTableName, type CopyFormat } from "./copyFormats";
import { formatCount, formatMs, h } from "./dom";
import { Grid } from "./grid";
import { attachGridInput } from "./gridInput";
import { EditBar, openCellEditor, reviewView } from "./editUi";
import { EditState } from "./editState";
import { commandView, emptyView, errorView, noticesView, stoppedView, type QueryErrorInfo } from "./messageViews";
import { ResultStore, type ResultSet } from "./resultStore";
import type { SortSpec } from "./rowView";
import { Toolbar } from "./toolbar";
import type { VsCodeApi } from "./vscodeApi";

/** UI state kept across hide/show (vscode.setState): small, never rows. */
export interface SavedState {
  queryId?: string;
  active?: number | "messages";
  filters?: Record<number, string>;
  sorts?: Record<number, SortSpec | null>;
  widths?: Record<number, number[]>;
  /** Staged Edit Data changes per result id: a webview rebuilt after hide/show gets them back. */
  edits?: Record<string, StagedChange[]>;
}

export class ResultsApp {
  private readonly store = new ResultStore();
  private readonly toolbar: Toolbar;
  private readonly tabs = h("div", { class: "tabs", role: "tablist", "aria-label": "Result sets" });
  private readonly banner = h("div", { class: "banner", role: "note" });
  private readonly content = h("div", { class: "content" });
  private readonly messageHost = h("div", { class: "message-host" });
  private readonly toast = h("div", { class: "toast", role: "status", "aria-live": "polite" });
  private readonly grid: Grid;
  private active: number | "messages" = 0;
  private shown: ResultSet | null = null;
  private saved: SavedState;
  private timer: ReturnType<typeof setInterval> | undefined;
  private refreshQueued = false;
  private readonly edits = new Map<string, EditState>();
  private readonly editBar: EditBar;
  private review: HTMLElement | null = null;

  constructor(private readonly root: HTMLElement, private readonly vscode: VsCodeApi<SavedState>) {
    this.saved = vscode.getState() ?? {};
    this.toolbar = new Toolbar({
      cancel: () => { if (this.store.query?.running) this.post({ type: "cancel", queryId: this.store.query.queryId }); },
      exportAs: (format) => { if (this.shown) this.post({ type: "export", resultId: this.shown.resultId, format }); },
      copyMenu: (anchor) => { const r = anchor.getBoundingClientRect(); this.openMenu(r.left, r.bottom + 2, null, anchor); },
      moreMenu: (anchor) => this.openMoreMenu(anchor),
      rerun: () => this.post({ type: "rerun" }),
      openHistory: () => this.post({ type: "openHistory" }),
      filter: (text) => this.setFilter(text),
    });
    this.grid = new Grid(this.content, {
      sortChanged: (spec) => this.setSort(spec),
      widthsChanged: (widths) => { if (this.shown) this.save({ widths: { ...this.saved.widths, [this.shown.index]: [...widths] } }); },
      copyRequested: (headers) => this.copy(headers ? "tsvHeaders" : "tsv"),
      contextMenu: (x, y, col) => this.openMenu(x, y, col, this.grid.element),
      selectionChanged: () => this.renderStatus(),
    });
    this.editBar = new EditBar({
      addRow: () => this.addRow(),
      review: () => { const rs = this.shown; const es = rs && this.edits.get(rs.resultId); if (rs && es) this.post({ type: "previewEdits", resultId: rs.resultId, changes: es.changes() }); },
      discard: () => this.discardEdits(),
    });
    this.grid.events.editCell = (row, col) => this.editCell(row, col);
    attachGridInput(this.grid);
    this.content.append(this.messageHost);
    root.append(this.toolbar.element, this.tabs, this.banner, this.editBar.element, this.content, this.toolbar.statusLine, this.toast);
    // VS Code focuses the webview's window (Ctrl+2, a click on the tab): hand that focus to the grid so
    // arrows and Ctrl+C work at once instead of after a round of Tabs through the toolbar.
    window.addEventListener("focus", () => this.focusGrid());
    this.render();
  }

  handle(msg: ExtensionMessage): void {
    if (msg.type === "theme") { document.body.dataset.theme = msg.kind; return; }
    if (msg.type === "editPreview") { this.showReview(msg.resultId, msg.sql, msg.error); return; }
    if (msg.type === "editResult") { this.editDone(msg.resultId, msg.status, msg.message); return; }
    if (msg.type === "editEnabled") { this.editEnabled(msg.resultId, msg.edit, msg.reason); return; }
    if (msg.type === "exportDone") { this.flash(msg.message); return; }
    if (msg.type === "queryStarted" || msg.type === "state") { this.edits.clear(); this.closeReview(); }
    const rs = this.store.apply(msg);
    switch (msg.type) {
      case "queryStarted": case "state":
        this.active = this.store.query && this.saved.queryId === this.store.query.queryId ? this.saved.active ?? 0 : 0;
        if (this.store.query && this.saved.queryId !== this.store.query.queryId) this.save({ queryId: this.store.query.queryId, active: 0, filters: {}, sorts: {}, widths: {}, edits: {} });
        this.shown = null;
        this.grid.setData(null);
        this.startTimer();
        this.render();
        break;
      case "resultStarted":
        if (!rs) break;
        rs.view.filterText = this.saved.filters?.[rs.index] ?? "";
        rs.view.setSort(this.saved.sorts?.[rs.index] ?? null);
        this.render();
        break;
      case "rows":
        if (!rs) break;
        this.post({ type: "rowsReceived", resultId: rs.resultId, totalLoaded: rs.rows.length });
        this.queueRefresh();
        break;
      case "resultDone": {
        // Edits staged before the webview was rebuilt come back once the rows are in again.
        const staged = rs?.editInfo ? this.saved.edits?.[rs.resultId] : undefined;
        if (rs && staged?.length && !this.edits.has(rs.resultId)) this.editState(rs)?.restore(staged);
        if (this.shown === rs) this.grid.refresh();
        this.render();
        break;
      }
      case "queryError":
        if (this.store.results.length > 0) this.active = "messages";
        this.render();
        break;
      default:
        this.render();
    }
  }

  private post(msg: WebviewMessage): void { this.vscode.postMessage(msg); }

  private save(patch: Partial<SavedState>): void {
    this.saved = { ...this.saved, ...patch };
    this.vscode.setState(this.saved);
  }

  /** Pages can arrive faster than frames: coalesce grid updates to one per frame. */
  private queueRefresh(): void {
    if (this.refreshQueued) return;
    this.refreshQueued = true;
    requestAnimationFrame(() => {
      this.refreshQueued = false;
      if (this.shown) this.grid.refresh();
      else this.renderContent();
      this.renderTabs();
      this.renderStatus();
    });
  }

  private startTimer(): void {
    clearInterval(this.timer);
    if (this.store.query?.running) this.timer = setInterval(() => { if (this.store.query?.running) this.renderStatus(); else clearInterval(this.timer); }, 100);
  }

  private current(): ResultSet | undefined {
    return typeof this.active === "number" ? this.store.results[this.active] ?? this.store.results[0] : undefined;
  }

  private render(): void {
    this.renderTabs();
    this.renderContent();
    this.renderStatus();
  }

  private renderTabs(): void {
    const { results, notices, query } = this.store;
    const showMessages = notices.length > 0 || (query?.error !== undefined && results.length > 0);
    this.tabs.hidden = results.length < 2 && !showMessages;
    if (this.tabs.hidden) return;
    const tab = (label: string, key: number | "messages") => {
      const t = h("button", { class: "tab", role: "tab", type: "button", "aria-selected": String(this.active === key), "data-tab": String(key) }, label);
      t.addEventListener("click", () => { this.active = key; this.save({ active: key }); this.render(); });
      return t;
    };
    const tabs = results.map((r, i) => tab(r.columns.length ? `Result ${i + 1} (${formatCount(r.rows.length)})` : r.done?.command ?? `Result ${i + 1}`, i));
    if (showMessages) tabs.push(tab(query?.error ? "Messages ⚠" : `Messages (${notices.length})`, "messages"));
    this.tabs.replaceChildren(...tabs);
  }

  private renderContent(): void {
    const { query, notices } = this.store;
    const rs = this.current();
    const gridResult = rs && rs.columns.length > 0 ? rs : null;
    this.grid.element.hidden = !gridResult;
    this.messageHost.hidden = !!gridResult;
    if (gridResult && gridResult !== this.shown) {
      this.shown = gridResult;
      this.grid.highlight = gridResult.view.filterText;
      this.grid.setData({ ...gridResult, rows: gridResult.rows, view: gridResult.view, decorate: gridResult.editInfo ? this.decorator(gridResult) : undefined }, this.saved.widths?.[gridResult.index]);
      this.grid.showSort(gridResult.view.sort);
      this.toolbar.filterInput.value = gridResult.view.filterText;
    } else if (gridResult) this.grid.refresh();
    if (!gridResult) {
      this.shown = null;
      let view: HTMLElement;
      if (this.active === "messages") view = h("div", {}, ...(query?.error ? [this.errorOrStop(query.error)] : []), noticesView(notices));
      else if (rs) view = rs.done ? commandView(rs.done.command, rs.done.rowCount) : emptyView("Running…");
      else if (query?.error) view = h("div", {}, this.errorOrStop(query.error), ...(notices.length ? [noticesView(notices)] : []));
      else if (query?.running) view = emptyView("Waiting for the first rows…");
      else if (query) view = notices.length ? noticesView(notices) : emptyView("The query returned no result set.");
      else view = emptyView("Run a SQL statement to see its results here (Ctrl+Enter in a .sql file).");
      this.messageHost.replaceChildren(view);
    }
    const truncated = gridResult?.done?.truncated;
    this.banner.hidden = !truncated;
    if (truncated) this.banner.textContent = truncatedBanner(gridResult.done!, gridResult.rows.length);
    this.toolbar.setEnabled({ running: !!query?.running, hasGrid: !!gridResult, hasQuery: !!query });
    this.renderEditBar();
  }

  private errorOrStop(err: QueryErrorInfo): HTMLElement {
    const q = this.store.query!;
    return err.outcome ? stoppedView(err.outcome, formatMs((q.endedAt ?? Date.now()) - q.startedAt)) : errorView(err, q.sql);
  }

  /** One line, always visible: "3 rows · 4 ms · production", then the split of the time and when it ran. */
  private renderStatus(): void {
    const q = this.store.query;
    if (!q) { this.toolbar.setStatus("idle", "Ready"); return; }
    this.toolbar.setTitle(`${q.target.label}\n${q.sql.length > 500 ? `${q.sql.slice(0, 500)}…` : q.sql}`);
    const elapsed = formatMs((q.endedAt ?? Date.now()) - q.startedAt);
    const where = q.target.branch ?? q.target.label;
    const rs = this.current();
    const rowsText = (r: ResultSet) => {
      const loaded = formatCount(r.rows.length);
      if (r.view.length !== r.rows.length) return `${formatCount(r.view.length)} of ${loaded} rows`;
      if (r.done?.truncated) return `first ${loaded} of …`;
      return `${loaded} ${r.rows.length === 1 ? "row" : "rows"}`;
    };
    const sel = this.grid.selection.range(this.grid.rowCount, this.grid.colCount);
    const selText = sel && this.shown ? ` · ${formatCount(sel.r1 - sel.r0 + 1)}×${sel.c1 - sel.c0 + 1} selected` : "";
    const ran = `ran ${new Date(q.startedAt).toLocaleTimeString("en-GB")}`;
    if (q.running) {
      this.toolbar.setStatus("running", `Running… ${elapsed}`, `${formatCount(this.store.totalRowsLoaded())} rows loaded · ${q.target.label}`, ` · ${where}`);
    } else if (q.error?.outcome) {
      this.toolbar.setStatus("cancelled", q.error.outcome === "cancelled" ? "Cancelled" : "Timed out", `${ran} · ${q.target.label}`, ` · after ${elapsed} · ${where}`);
    } else if (q.error) {
      this.toolbar.setStatus("error", "Failed", `${ran} · ${q.target.label}`, ` · after ${elapsed} · ${where}`);
    } else {
      const t = q.timing;
      const split = t ? `connect ${formatMs(t.connectMs)}${t.wakeMs ? `, wake ${formatMs(t.wakeMs)}` : ""} · execute ${formatMs(t.executeMs)} · fetch ${formatMs(t.fetchMs)} · ` : "";
      const head = rs ? (rs.columns.length ? rowsText(rs) : rs.done?.command ?? "Done") : "Done";
      // The headline time is the server's part (execute + fetch); connecting is in the detail.
      const took = t ? formatMs(t.executeMs + t.fetchMs) : elapsed;
      this.toolbar.setStatus("done", head, `${split}${ran}${selText}`, ` · ${took} · ${where}`);
    }
  }

  private focusGrid(): void {
    const active = document.activeElement;
    if (this.grid.element.hidden || (active && active !== document.body)) return;
    if (!this.grid.selection.active && this.grid.rowCount > 0) { this.grid.selection.set({ row: 0, col: 0 }, false); this.grid.render(); }
    this.grid.element.focus({ preventScroll: true });
  }

  private openMoreMenu(anchor: HTMLElement): void {
    const q = this.store.query;
    const hasGrid = !!this.shown;
    const hasSel = this.grid.selection.active;
    const r = anchor.getBoundingClientRect();
    const entries: MenuEntry[] = [
      q?.running ? { label: "Cancel", action: () => this.post({ type: "cancel", queryId: q.queryId }) } : { label: "Run Again", disabled: !q, action: () => this.post({ type: "rerun" }) },
      "separator",
      ...(["tsv", "tsvHeaders", "csv", "json", "markdown", "insert"] as CopyFormat[]).map((f): MenuEntry => ({ label: COPY_FORMAT_LABELS[f], disabled: !hasSel, action: () => this.copy(f) })),
      "separator",
      { label: "Export CSV…", disabled: !hasGrid, action: () => { if (this.shown) this.post({ type: "export", resultId: this.shown.resultId, format: "csv" }); } },
      { label: "Export JSON…", disabled: !hasGrid, action: () => { if (this.shown) this.post({ type: "export", resultId: this.shown.resultId, format: "json" }); } },
      "separator",
      { label: "Query History", action: () => this.post({ type: "openHistory" }) },
    ];
    const shown = this.shown;
    if (this.canOfferEdit(shown)) entries.splice(2, 0, { label: "Edit Rows…", action: () => this.post({ type: "enableEdit", resultId: shown.resultId }) }, "separator");
    showContextMenu(r.right - 230, r.bottom + 2, entries, anchor);
  }

  private setFilter(text: string): void {
    const rs = this.shown;
    if (!rs) return;
    rs.view.setFilter(text);
    this.grid.selection.clear();
    this.grid.highlight = text;
    this.grid.scrollToTop();
    this.save({ filters: { ...this.saved.filters, [rs.index]: text } });
    this.grid.refresh();
    this.renderStatus();
  }

  private setSort(spec: SortSpec | null): void {
    const rs = this.shown;
    if (!rs) return;
    rs.view.setSort(spec);
    this.grid.showSort(spec);
    this.grid.scrollToTop();
    this.save({ sorts: { ...this.saved.sorts, [rs.index]: spec } });
    this.grid.refresh();
  }

  // ---- Edit Data ----

  /** The staged edits of an editable result, created once its rows are all in. */
  private editState(rs: ResultSet): EditState | undefined {
    if (!rs.editInfo || !rs.done) return undefined;
    let es = this.edits.get(rs.resultId);
    if (!es) {
      es = new EditState(rs.editInfo, rs.rows, () => rs.view.appended());
      this.edits.set(rs.resultId, es);
    }
    return es;
  }

  private decorator(rs: ResultSet): NonNullable<Parameters<Grid["setData"]>[0]>["decorate"] {
    return {
      cell: (row, col) => { const es = this.edits.get(rs.resultId); return es?.isChanged(row, col) ? "edited" : ""; },
      row: (row) => { const es = this.edits.get(rs.resultId); return es?.isDeleted(row) ? "deleted" : es?.isInserted(row) ? "inserted" : ""; },
    };
  }

  /** Whether "Edit Rows" makes sense: every column of a finished result comes straight from a table. */
  private canOfferEdit(rs: ResultSet | null): rs is ResultSet {
    return !!rs && !rs.editInfo && !!rs.done && rs.columns.length > 0 && rs.columns.every((c) => c.tableOid);
  }

  private editEnabled(resultId: string, edit: EditInfo | undefined, reason: string | undefined): void {
    const rs = this.store.byId(resultId);
    if (!rs) return;
    if (!edit) { this.flash(reason ?? "This result cannot be edited."); return; }
    rs.editInfo = edit;
    if (this.shown === rs) this.shown = null; // set the grid's data again, now with the edit decorations
    this.render();
  }

  private renderEditBar(): void {
    const rs = this.shown;
    if (!rs?.editInfo) { this.editBar.show(null); return; }
    const es = this.edits.get(rs.resultId);
    this.editBar.show({ table: rs.editInfo.table, readOnlyReason: rs.editInfo.readOnlyReason, staged: es?.count ?? 0, ready: !!rs.done && !this.store.query?.running });
  }

  private editCell(viewRow: number, col: number): void {
    const rs = this.shown;
    if (!rs?.editInfo) return;
    if (rs.editInfo.readOnlyReason) { this.flash(rs.editInfo.readOnlyReason); return; }
    const es = this.editState(rs);
    if (!es) { this.flash("Wait for all rows to load before editing."); return; }
    if (!es.canEdit(col)) { this.flash(`${rs.columns[col]?.name ?? "This column"} is generated: it cannot be edited.`); return; }
    const row = rs.view.rowAt(viewRow);
    if (es.isDeleted(row)) { this.flash("This row is marked for deletion; restore it (Delete Row again) to edit it."); return; }
    const cell = this.grid.cellElement(viewRow, col);
    if (!cell) return;
    openCellEditor(cell, rs.rows[row]![col] ?? null, (value) => {
      if (value !== undefined) this.setCells([[row, col]], value);
      this.grid.element.focus({ preventScroll: true });
    });
  }

  private setCells(cells: Array<[number, number]>, value: string | null): void {
    const rs = this.shown;
    const es = rs && this.editState(rs);
    if (!rs || !es) return;
    for (const [row, col] of cells) es.setCell(row, col, value);
    this.saveEdits(rs.resultId);
    this.editBar.setMessage("");
    this.grid.refresh();
    this.renderEditBar();
  }

  /** The selected cells as [row index, column] pairs. */
  private selectedCells(): Array<[number, number]> {
    const r = this.grid.selection.range(this.grid.rowCount, this.grid.colCount);
    const rs = this.shown;
    if (!r || !rs) return [];
    const out: Array<[number, number]> = [];
    for (let v = r.r0; v <= r.r1 && out.length < 100_000; v++) for (let c = r.c0; c <= r.c1; c++) out.push([rs.view.rowAt(v), c]);
    return out;
  }

  private addRow(): void {
    const rs = this.shown;
    const es = rs && this.editState(rs);
    if (!rs || !es) return;
    es.addRow();
    this.saveEdits(rs.resultId);
    this.grid.refresh();
    this.renderEditBar();
    const viewRow = this.grid.rowCount - 1;
    const firstWritable = rs.editInfo!.writable.findIndex((w) => w);
    if (firstWritable >= 0) this.editCell(viewRow, firstWritable);
  }

  private toggleDeleteSelected(): void {
    const rs = this.shown;
    const es = rs && this.editState(rs);
    if (!rs || !es) return;
    es.toggleDelete([...new Set(this.selectedCells().map(([row]) => row))]);
    this.saveEdits(rs.resultId);
    this.grid.refresh();
    this.renderEditBar();
  }

  private discardEdits(): void {
    const rs = this.shown;
    const es = rs && this.edits.get(rs.resultId);
    if (!rs || !es) return;
    if (es.revert()) rs.view.setFilter(rs.view.filterText); // inserted rows left: rebuild the view
    this.edits.delete(rs.resultId);
    this.saveEdits(rs.resultId);
    this.closeReview();
    this.editBar.setMessage("");
    this.grid.refresh();
    this.renderEditBar();
  }

  private saveEdits(resultId: string): void {
    const changes = this.edits.get(resultId)?.changes() ?? [];
    const edits = { ...this.saved.edits };
    if (changes.length) edits[resultId] = changes; else delete edits[resultId];
    this.save({ edits });
  }

  private showReview(resultId: string, sql: string, error?: string): void {
    if (this.shown?.resultId !== resultId) return;
    if (error) { this.editBar.setMessage(error); return; }
    this.closeReview();
    const es = this.edits.get(resultId);
    this.review = reviewView(sql, () => { if (es) this.post({ type: "applyEdits", resultId, changes: es.changes() }); }, () => this.closeReview());
    this.content.append(this.review);
    this.review.querySelector<HTMLElement>("[data-action=apply-edits]")?.focus();
  }

  private closeReview(): void {
    this.review?.remove();
    this.review = null;
  }

  private editDone(resultId: string, status: string, message: string): void {
    this.closeReview();
    if (status === "applied") {
      // The host reads the table again: the staged state belongs to rows that are about to be replaced.
      this.edits.delete(resultId);
      this.saveEdits(resultId);
      this.editBar.setMessage(message, "info");
    } else this.editBar.setMessage(message, status === "cancelled" ? "info" : "error");
    this.renderEditBar();
    this.grid.refresh();
  }

  /**
   * Above this many cells a copy would build a string of tens of megabytes in the webview (and the clipboard):
   * offer the export, which streams the whole result to a file on the extension side, instead.
   */
  static readonly COPY_CELL_LIMIT = 1_000_000;

  private copy(format: CopyFormat): void {
    const r = this.grid.selection.range(this.grid.rowCount, this.grid.colCount);
    const cells = r ? (r.r1 - r.r0 + 1) * (r.c1 - r.c0 + 1) : 0;
    if (r && cells > ResultsApp.COPY_CELL_LIMIT) { this.offerExport(r.r1 - r.r0 + 1, r.c1 - r.c0 + 1); return; }
    const data = this.grid.selectedData();
    if (!data) { this.flash("Select cells to copy (click, Shift+arrows, Ctrl+A)"); return; }
    const text = formatCopy(format, data.columns, data.rows, guessTableName(this.store.query?.sql ?? ""));
    this.post({ type: "copy", text });
    this.flash(`Copied ${formatCount(data.rows.length)} ${data.rows.length === 1 ? "row" : "rows"} (${COPY_FORMAT_LABELS[format].replace(/^Copy ?(as )?/, "") || "TSV"})`);
  }

  private offerExport(rows: number, cols: number): void {
    const rs = this.shown;
    if (!rs) return;
    const exportCsv = h("button", { class: "eb-button primary", type: "button", "data-action": "copy-export" }, "Export CSV…");
    const dismiss = h("button", { class: "eb-button", type: "button", "data-action": "copy-dismiss" }, "Dismiss");
    const notice = h("div", { class: "banner copy-notice", role: "alert" },
      h("span", {}, `${formatCount(rows)} rows × ${cols} columns is too much to copy through the clipboard (over ${formatCount(ResultsApp.COPY_CELL_LIMIT)} cells). Export writes the whole result to a file instead.`),
      h("span", { class: "edit-actions" }, dismiss, exportCsv));
    exportCsv.addEventListener("click", () => { notice.remove(); this.post({ type: "export", resultId: rs.resultId, format: "csv" }); });
    dismiss.addEventListener("click", () => notice.remove());
    this.root.querySelector(".copy-notice")?.remove();
    this.banner.after(notice);
    exportCsv.focus();
  }

  private flash(text: string): void {
    this.toast.textContent = text;
    this.toast.classList.add("visible");
    setTimeout(() => this.toast.classList.remove("visible"), 1800);
  }

  private openMenu(x: number, y: number, col: number | null, returnFocus: HTMLElement): void {
    closeContextMenu();
    const hasSel = this.grid.selection.active;
    const copyItem = (f: CopyFormat, shortcut?: string): MenuEntry => ({ label: COPY_FORMAT_LABELS[f], shortcut, disabled: !hasSel, action: () => this.copy(f) });
    const entries: MenuEntry[] = [
      copyItem("tsv", "Ctrl+C"), copyItem("tsvHeaders", "Ctrl+Shift+C"), copyItem("csv"), copyItem("json"), copyItem("markdown"), copyItem("insert"),
      "separator",
      { label: "Select All", shortcut: "Ctrl+A", action: () => { this.grid.selection.selectAll(this.grid.rowCount, this.grid.colCount); this.grid.render(); this.renderStatus(); } },
    ];
    const rs = this.shown;
    const focusCell = () => { const f = this.grid.selection.focus; const row = rs ? rs.rows[rs.view.rowAt(f.row)] : undefined; return rs && row ? { value: row[f.col] ?? null, col: rs.columns[f.col]! } : undefined; };
    const fc = hasSel ? focusCell() : undefined;
    entries.push("separator", { label: "Open Value in Editor", disabled: !fc || fc.value === null, action: () => { if (fc && fc.value !== null) this.post({ type: "openValue", value: fc.value, typeName: fc.col.typeName, column: fc.col.name }); } });
    if (this.canOfferEdit(rs)) entries.push("separator", { label: "Edit Rows…", action: () => this.post({ type: "enableEdit", resultId: rs.resultId }) });
    if (rs?.editInfo && !rs.editInfo.readOnlyReason && rs.done) {
      entries.push("separator",
        { label: "Edit Cell", shortcut: "F2", disabled: !hasSel, action: () => { const f = this.grid.selection.focus; this.editCell(f.row, f.col); } },
        { label: "Set to NULL", disabled: !hasSel, action: () => this.setCells(this.selectedCells().filter(([, c]) => rs.editInfo!.writable[c]), null) },
        { label: "Add Row", action: () => this.addRow() },
        { label: "Delete Row(s)", disabled: !hasSel, action: () => this.toggleDeleteSelected() },
        { label: "Discard All Changes", disabled: !this.edits.get(rs.resultId)?.count, action: () => this.discardEdits() });
    }
    if (col !== null) {
      entries.push("separator",
        { label: "Sort Ascending", action: () => this.setSort({ col, dir: "asc" }) },
        { label: "Sort Descending", action: () => this.setSort({ col, dir: "desc" }) },
        { label: "Clear Sort", disabled: !this.shown?.view.sort, action: () => this.setSort(null) },
        { label: "Select Column", action: () => { this.grid.selection.set({ row: 0, col }, false, "cols"); this.grid.render(); } });
    }
    showContextMenu(x, y, entries, returnFocus);
  }
}

/** What the banner says about a capped result: by rows (maxRows) or by size (maxResultBytes). */
function truncatedBanner(done: { limit: number; cappedBy?: "rows" | "bytes"; limitBytes?: number }, shown: number): string {
  if (done.cappedBy === "bytes") {
    const mb = done.limitBytes !== undefined ? `${Math.round(done.limitBytes / 2 ** 20)} MB` : "the size limit";
    return `Showing the first ${formatCount(shown)} rows: the result reached ${mb} and the panel stops there to stay within memory (setting lakebase.query.maxResultBytes). Export CSV/JSON writes the full result.`;
  }
  return `Showing the first ${formatCount(done.limit)} rows: the panel stops there to stay fast (setting lakebase.query.maxRows). Export CSV/JSON writes the full result.`;
}
