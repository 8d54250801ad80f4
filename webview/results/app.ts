// The results panel: wires the protocol (ResultStore) to the toolbar, tabs, grid and message views.
import type { ExtensionMessage, StagedChange, WebviewMessage } from "../../src/shared/protocol";
import { ChartView, type ChartOptions, type ChartSource } from "./chartView";
import type { LayoutState } from "./columnLayout";
import { closeColumnsPanel, showColumnsPanel } from "./columnsPanel";
import { closeContextMenu, showContextMenu, type MenuEntry } from "./contextMenu";
import { CopyAction } from "./copyAction";
import { COPY_FORMAT_LABELS, type CopyFormat } from "./copyFormats";
import { formatCount, formatMs, h } from "./dom";
import { Grid, HEADER_H } from "./grid";
import { attachGridInput } from "./gridInput";
import { EditController } from "./editController";
import { commandView, emptyView, errorView, noticesView, stoppedView, type QueryErrorInfo } from "./messageViews";
import { ResultStore, type ResultSet } from "./resultStore";
import type { SortSpec } from "./rowView";
import { statusOf, truncatedBanner } from "./statusLine";
import { Toolbar } from "./toolbar";
import type { VsCodeApi } from "./vscodeApi";

/** UI state kept across hide/show (vscode.setState): small, never rows. */
export interface SavedState {
  queryId?: string;
  active?: number | "messages";
  filters?: Record<number, string>;
  sorts?: Record<number, SortSpec | null>;
  widths?: Record<number, number[]>;
  /** Hidden and moved columns per result index, with the columns they belong to (kept while the columns match). */
  layouts?: Record<number, LayoutState & { key: string }>;
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
  private readonly edit: EditController;
  private readonly copier: CopyAction;
  private readonly chart: ChartView;

  constructor(root: HTMLElement, private readonly vscode: VsCodeApi<SavedState>) {
    this.saved = vscode.getState() ?? {};
    this.toolbar = new Toolbar({
      cancel: () => { if (this.store.query?.running) this.post({ type: "cancel", queryId: this.store.query.queryId }); },
      exportAs: (format) => { if (this.shown) this.post({ type: "export", resultId: this.shown.resultId, format }); },
      copyMenu: (anchor) => { const r = anchor.getBoundingClientRect(); this.openMenu(r.left, r.bottom + 2, null, anchor); },
      moreMenu: (anchor) => this.openMoreMenu(anchor),
      rerun: () => this.post({ type: "rerun" }),
      openHistory: () => this.post({ type: "openHistory" }),
      filter: (text) => this.setFilter(text),
      chart: () => { if (this.chart.isOpen) this.closeChart(); else this.openChart(); },
    });
    this.chart = new ChartView({
      close: () => this.closeChart(),
      save: (dataUrl, name) => this.post({ type: "saveChart", dataUrl, name }),
      shown: (chart, error) => this.post({ type: "chartShown", chart, error }),
    });
    this.grid = new Grid(this.content, {
      sortChanged: (spec) => this.setSort(spec),
      widthsChanged: (widths) => { if (this.shown) this.save({ widths: { ...this.saved.widths, [this.shown.index]: [...widths] } }); },
      copyRequested: (headers) => this.copy(headers ? "tsvHeaders" : "tsv"),
      contextMenu: (x, y, col) => this.openMenu(x, y, col, this.grid.element),
      selectionChanged: () => this.renderStatus(),
      layoutChanged: (state) => {
        if (this.shown) this.save({ layouts: { ...this.saved.layouts, [this.shown.index]: { ...state, key: columnsKey(this.shown) } } });
        if (this.syncFilterColumns()) { this.grid.scrollToTop(); this.grid.refresh(); this.refreshChart(); }
        this.renderStatus();
      },
    });
    this.edit = new EditController({
      store: this.store, grid: this.grid, content: this.content,
      shown: () => this.shown, post: (m) => this.post(m), flash: (t) => this.flash(t), render: () => this.render(), resetGrid: () => { this.shown = null; },
      savedEdits: () => this.saved.edits, saveEdits: (edits) => this.save({ edits }),
    });
    this.grid.events.editCell = (row, col) => this.edit.editCell(row, col);
    this.copier = new CopyAction({
      grid: this.grid, banner: this.banner, sql: () => this.store.query?.sql ?? "", resultId: () => this.shown?.resultId,
      post: (m) => this.post(m), flash: (t) => this.flash(t),
    });
    attachGridInput(this.grid);
    this.content.append(this.messageHost, this.chart.element);
    root.append(this.toolbar.element, this.tabs, this.banner, this.edit.editBar.element, this.content, this.toolbar.statusLine, this.toast);
    // VS Code focuses the webview's window (Ctrl+2, a click on the tab): hand that focus to the grid so
    // arrows and Ctrl+C work at once instead of after a round of Tabs through the toolbar.
    window.addEventListener("focus", () => this.focusGrid());
    this.render();
  }

  handle(msg: ExtensionMessage): void {
    if (msg.type === "theme") { document.body.dataset.theme = msg.kind; return; }
    if (msg.type === "editPreview") { this.edit.showReview(msg.resultId, msg.sql, msg.error); return; }
    if (msg.type === "editResult") { this.edit.editDone(msg.resultId, msg.status, msg.message); return; }
    if (msg.type === "editEnabled") { this.edit.editEnabled(msg.resultId, msg.edit, msg.reason); return; }
    if (msg.type === "chart") { this.chartCommand(msg.action, msg); return; }
    if (msg.type === "exportDone") { this.flash(msg.message); return; }
    if (msg.type === "copyDone") { this.copier.done(msg.copyId, msg.rows, msg.error); return; }
    if (msg.type === "copySelection") {
      if (msg.all && this.shown) { this.grid.selection.selectAll(this.grid.rowCount, this.grid.colCount); this.grid.render(); }
      this.copy(msg.format);
      return;
    }
    if (msg.type === "queryStarted" || msg.type === "state") { this.edit.reset(); this.closeChart(); this.copier.cancel(); closeColumnsPanel(); }
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
        // The first page is drawn at once (the row a user waits for); later ones once per frame.
        if (rs.rows.length === msg.rows.length) this.refreshNow();
        else this.queueRefresh();
        break;
      case "resultDone": {
        if (rs) this.edit.restoreSaved(rs);
        if (this.shown === rs) { this.grid.refresh(); this.refreshChart(); }
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
      this.refreshNow();
    });
  }

  private refreshNow(): void {
    if (this.shown) { this.grid.refresh(); this.refreshChart(); }
    else this.renderContent();
    this.renderTabs();
    this.renderStatus();
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
    if (gridResult !== this.shown && this.chart.isOpen) this.closeChart();
    if (gridResult && gridResult !== this.shown) {
      this.shown = gridResult;
      this.grid.highlight = gridResult.view.filterText;
      this.grid.setData({ ...gridResult, rows: gridResult.rows, view: gridResult.view, decorate: gridResult.editInfo ? this.edit.decorator(gridResult) : undefined }, this.saved.widths?.[gridResult.index], this.savedLayout(gridResult));
      this.grid.showSort(gridResult.view.sort);
      if (this.syncFilterColumns()) this.grid.refresh();
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
    this.edit.renderEditBar();
  }

  private errorOrStop(err: QueryErrorInfo): HTMLElement {
    const q = this.store.query!;
    return err.outcome ? stoppedView(err.outcome, formatMs((q.endedAt ?? Date.now()) - q.startedAt)) : errorView(err, q.sql);
  }

  /** One line, always visible: "3 rows · 4 ms · production", then the split of the time and when it ran. */
  private renderStatus(): void {
    const q = this.store.query;
    if (q) this.toolbar.setTitle(`${q.target.label}\n${q.sql.length > 500 ? `${q.sql.slice(0, 500)}…` : q.sql}`);
    const sel = this.grid.selection.range(this.grid.rowCount, this.grid.colCount);
    const selText = sel && this.shown ? ` · ${formatCount(sel.r1 - sel.r0 + 1)}×${sel.c1 - sel.c0 + 1} selected` : "";
    const hidden = this.shown ? this.grid.colLayout.hiddenCount : 0;
    const hiddenText = hidden ? ` · ${hidden} ${hidden === 1 ? "column" : "columns"} hidden` : "";
    const s = statusOf(q, this.current(), this.store.totalRowsLoaded(), selText);
    // Hidden columns change what a copy holds: say so where it stays visible (after the rows and time).
    if (hiddenText && s.kind === "done") s.meta += hiddenText;
    this.toolbar.setStatus(s.kind, s.text, s.detail, s.meta);
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
      { label: "Chart…", disabled: !hasGrid, action: () => this.openChart() },
      { label: "Columns…", disabled: !hasGrid, action: () => this.openColumns(r.right - 280, r.bottom + 2, anchor) },
      "separator",
      { label: "Query History", action: () => this.post({ type: "openHistory" }) },
    ];
    const shown = this.shown;
    if (this.edit.canOfferEdit(shown)) entries.splice(2, 0, { label: "Edit Rows…", action: () => this.post({ type: "enableEdit", resultId: shown.resultId }) }, "separator");
    showContextMenu(r.right - 230, r.bottom + 2, entries, anchor);
  }

  private openColumns(x: number, y: number, returnFocus: HTMLElement): void {
    const rs = this.shown;
    if (!rs) return;
    closeContextMenu();
    const minTop = this.grid.element.getBoundingClientRect().top + HEADER_H + 2;
    showColumnsPanel(x, Math.max(y, minTop), { columns: rs.columns, layout: this.grid.colLayout, change: (edit) => this.grid.changeLayout(edit), minTop }, returnFocus);
  }

  /** The filter looks at the shown columns only (a match must be visible). True when the view was rebuilt. */
  private syncFilterColumns(): boolean {
    const rs = this.shown;
    if (!rs) return false;
    const l = this.grid.colLayout;
    const before = rs.view.length;
    rs.view.setFilterColumns(l.hiddenCount ? l.slice(0, l.length - 1) : null);
    return !!rs.view.filterText.trim() && rs.view.length !== before;
  }

  /** The saved layout of a result, if it was made for the same columns (a new query with other columns starts fresh). */
  private savedLayout(rs: ResultSet): LayoutState | undefined {
    const l = this.saved.layouts?.[rs.index];
    return l && l.key === columnsKey(rs) ? l : undefined;
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
    this.refreshChart();
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
    this.refreshChart();
  }

  // ---- Chart ----

  /** The rows of a result as the grid shows them (filter and sort applied). */
  private chartSource(rs: ResultSet): ChartSource {
    return { resultId: rs.resultId, columns: rs.columns, length: rs.view.length, rowAt: (i) => rs.rows[rs.view.rowAt(i)]! };
  }

  private openChart(opts: ChartOptions = {}): void {
    const rs = this.shown;
    const fail = (error: string) => { this.flash(error); this.post({ type: "chartShown", error }); };
    if (!rs) { fail("Run a query that returns rows to chart it."); return; }
    this.chart.open(this.chartSource(rs), opts).catch((err: Error) => fail(err.message));
  }

  private refreshChart(): void { if (this.shown && this.chart.isOpen) this.chart.refresh(this.chartSource(this.shown)); }

  private closeChart(): void {
    if (!this.chart.isOpen) return;
    this.chart.close();
    if (!this.grid.element.hidden) this.grid.element.focus({ preventScroll: true });
  }

  private chartCommand(action: "open" | "savePng" | "close", opts: ChartOptions): void {
    if (action === "open") this.openChart({ kind: opts.kind, x: opts.x, y: opts.y });
    else if (action === "savePng") this.chart.savePng();
    else if (this.chart.isOpen) this.closeChart();
    else this.post({ type: "chartShown" }); // nothing to close: say so, the command waits for an answer
  }

  private copy(format: CopyFormat): void { this.copier.copy(format); }

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
    const focusCell = () => { const f = this.grid.selection.focus; const d = this.grid.colLayout.dataCol(f.col); const row = rs ? rs.rows[rs.view.rowAt(f.row)] : undefined; return rs && row && d >= 0 ? { value: row[d] ?? null, col: rs.columns[d]! } : undefined; };
    const fc = hasSel ? focusCell() : undefined;
    entries.push("separator", { label: "Open Value in Editor", disabled: !fc || fc.value === null, action: () => { if (fc && fc.value !== null) this.post({ type: "openValue", value: fc.value, typeName: fc.col.typeName, column: fc.col.name }); } });
    entries.push(...this.edit.menuEntries(hasSel));
    if (col !== null) {
      // `col` is the header's display position; sort and hide name the data column.
      const dataCol = this.grid.colLayout.dataCol(col);
      entries.push("separator",
        { label: "Sort Ascending", action: () => this.setSort({ col: dataCol, dir: "asc" }) },
        { label: "Sort Descending", action: () => this.setSort({ col: dataCol, dir: "desc" }) },
        { label: "Clear Sort", disabled: !this.shown?.view.sort, action: () => this.setSort(null) },
        { label: "Select Column", action: () => { this.grid.selection.set({ row: 0, col }, false, "cols"); this.grid.render(); } },
        "separator",
        { label: "Hide Column", disabled: this.grid.colLayout.length <= 1, action: () => this.grid.changeLayout((l) => l.hide(dataCol)) },
        { label: "Columns…", action: () => this.openColumns(x, y, returnFocus) },
        { label: "Reset Column Order", disabled: !this.grid.colLayout.isReordered, action: () => this.grid.changeLayout((l) => { l.resetOrder(); }) });
    }
    showContextMenu(x, y, entries, returnFocus);
  }
}

/** Names and types of a result's columns: a saved column layout applies only to the same columns. */
function columnsKey(rs: ResultSet): string { return JSON.stringify(rs.columns.map((c) => [c.name, c.typeOid])); }
