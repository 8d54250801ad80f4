// The results panel: wires the protocol (ResultStore) to the toolbar, tabs, grid and message views.
import type { ExtensionMessage, WebviewMessage } from "../../src/shared/protocol";
import { closeContextMenu, showContextMenu, type MenuEntry } from "./contextMenu";
import { COPY_FORMAT_LABELS, formatCopy, guessTableName, type CopyFormat } from "./copyFormats";
import { formatCount, formatMs, h } from "./dom";
import { Grid } from "./grid";
import { attachGridInput } from "./gridInput";
import { commandView, emptyView, errorView, noticesView } from "./messageViews";
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

  constructor(root: HTMLElement, private readonly vscode: VsCodeApi<SavedState>) {
    this.saved = vscode.getState() ?? {};
    this.toolbar = new Toolbar({
      cancel: () => { if (this.store.query?.running) this.post({ type: "cancel", queryId: this.store.query.queryId }); },
      exportAs: (format) => { if (this.shown) this.post({ type: "export", resultId: this.shown.resultId, format }); },
      copyMenu: (anchor) => { const r = anchor.getBoundingClientRect(); this.openMenu(r.left, r.bottom + 2, null, anchor); },
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
    attachGridInput(this.grid);
    this.content.append(this.messageHost);
    root.append(this.toolbar.element, this.tabs, this.banner, this.content, this.toast);
    this.render();
  }

  handle(msg: ExtensionMessage): void {
    if (msg.type === "theme") { document.body.dataset.theme = msg.kind; return; }
    const rs = this.store.apply(msg);
    switch (msg.type) {
      case "queryStarted": case "state":
        this.active = this.store.query && this.saved.queryId === this.store.query.queryId ? this.saved.active ?? 0 : 0;
        if (this.store.query && this.saved.queryId !== this.store.query.queryId) this.save({ queryId: this.store.query.queryId, active: 0, filters: {}, sorts: {}, widths: {} });
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
      this.grid.setData(gridResult, this.saved.widths?.[gridResult.index]);
      this.grid.showSort(gridResult.view.sort);
      this.toolbar.filterInput.value = gridResult.view.filterText;
    } else if (gridResult) this.grid.refresh();
    if (!gridResult) {
      this.shown = null;
      let view: HTMLElement;
      if (this.active === "messages") view = h("div", {}, ...(query?.error ? [errorView(query.error, query.sql)] : []), noticesView(notices));
      else if (rs) view = rs.done ? commandView(rs.done.command, rs.done.rowCount) : emptyView("Running…");
      else if (query?.error) view = h("div", {}, errorView(query.error, query.sql), ...(notices.length ? [noticesView(notices)] : []));
      else if (query?.running) view = emptyView("Waiting for the first rows…");
      else if (query) view = notices.length ? noticesView(notices) : emptyView("The query returned no result set.");
      else view = emptyView("Run a SQL statement to see its results here (Ctrl+Enter in a .sql file).");
      this.messageHost.replaceChildren(view);
    }
    const truncated = gridResult?.done?.truncated;
    this.banner.hidden = !truncated;
    if (truncated) this.banner.textContent = truncatedBanner(gridResult.done!, gridResult.rows.length);
    this.toolbar.setEnabled({ running: !!query?.running, hasGrid: !!gridResult, hasQuery: !!query });
  }

  private renderStatus(): void {
    const q = this.store.query;
    if (!q) { this.toolbar.setStatus("idle", "Ready"); return; }
    this.toolbar.setTitle(`${q.target.label}\n${q.sql.length > 500 ? `${q.sql.slice(0, 500)}…` : q.sql}`);
    const elapsed = formatMs((q.endedAt ?? Date.now()) - q.startedAt);
    const rs = this.current();
    const rowsText = (r: ResultSet) => {
      const loaded = formatCount(r.rows.length);
      return r.view.length !== r.rows.length ? `${formatCount(r.view.length)} of ${loaded} rows` : `${loaded} ${r.rows.length === 1 ? "row" : "rows"}`;
    };
    const sel = this.grid.selection.range(this.grid.rowCount, this.grid.colCount);
    const selText = sel && this.shown ? ` · ${formatCount(sel.r1 - sel.r0 + 1)}×${sel.c1 - sel.c0 + 1} selected` : "";
    if (q.running) {
      this.toolbar.setStatus("running", `Running… ${elapsed}`, `${formatCount(this.store.totalRowsLoaded())} rows loaded · ${q.target.label}`);
    } else if (q.error) {
      this.toolbar.setStatus("error", q.error.sqlstate === "57014" ? "Cancelled" : "Failed", `after ${elapsed} · ${q.target.label}`);
    } else {
      const t = q.timing;
      const split = t ? ` (connect ${formatMs(t.connectMs)}${t.wakeMs ? `, wake ${formatMs(t.wakeMs)}` : ""} · execute ${formatMs(t.executeMs)} · fetch ${formatMs(t.fetchMs)})` : "";
      const head = rs ? (rs.columns.length ? rowsText(rs) : rs.done?.command ?? "Done") : "Done";
      const total = t ? formatMs(t.connectMs + t.executeMs + t.fetchMs) : elapsed;
      this.toolbar.setStatus("done", head, `${total}${split}${selText}`);
    }
  }

  private setFilter(text: string): void {
    const rs = this.shown;
    if (!rs) return;
    rs.view.setFilter(text);
    this.grid.selection.clear();
    this.save({ filters: { ...this.saved.filters, [rs.index]: text } });
    this.grid.refresh();
    this.renderStatus();
  }

  private setSort(spec: SortSpec | null): void {
    const rs = this.shown;
    if (!rs) return;
    rs.view.setSort(spec);
    this.grid.showSort(spec);
    this.save({ sorts: { ...this.saved.sorts, [rs.index]: spec } });
    this.grid.refresh();
  }

  private copy(format: CopyFormat): void {
    const data = this.grid.selectedData();
    if (!data) { this.flash("Select cells to copy (click, Shift+arrows, Ctrl+A)"); return; }
    const text = formatCopy(format, data.columns, data.rows, guessTableName(this.store.query?.sql ?? ""));
    this.post({ type: "copy", text });
    this.flash(`Copied ${formatCount(data.rows.length)} ${data.rows.length === 1 ? "row" : "rows"} (${COPY_FORMAT_LABELS[format].replace(/^Copy ?(as )?/, "") || "TSV"})`);
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
