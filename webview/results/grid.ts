// Virtualized results grid. Only a fixed pool of row elements (visible rows + overscan) ever exists, and it is
// refilled on scroll, so the DOM stays the same size from 10 to 1,000,000 rows. Taller-than-browser content is
// scaled: the scrollbar maps proportionally onto the row range (MAX_BODY_PX).
import type { CellValue, ColumnInfo } from "../../src/shared/protocol";
import { h, setText } from "./dom";
import { ColumnLayout, type LayoutState } from "./columnLayout";
import { measureColumnWidths, SAMPLE_ROWS } from "./columnWidths";
import type { RowView, SortSpec } from "./rowView";
import { Selection, type Range } from "./selection";

export const ROW_H = 22;
export const HEADER_H = 28;
const OVERSCAN = 2;
const MAX_BODY_PX = 8_000_000;
const MAX_CELL_CHARS = 400;

export interface GridData {
  columns: ColumnInfo[];
  rows: CellValue[][];
  view: RowView;
  numeric: boolean[];
  /** Extra classes for staged edits (by row index in `rows`): "edited", "deleted", "inserted". */
  decorate?: { cell(row: number, col: number): string; row(row: number): string };
}

export interface GridEvents {
  sortChanged(spec: SortSpec | null): void;
  widthsChanged(widths: number[]): void;
  copyRequested(headers: boolean): void;
  contextMenu(x: number, y: number, col: number | null): void;
  selectionChanged(): void;
  /** Double-click, F2 or Enter on a cell (view row, data column). */
  editCell?(row: number, col: number): void;
  /** Columns hidden, shown or moved: the new layout, to keep across hide/show of the panel. */
  layoutChanged?(state: LayoutState): void;
}

interface PoolRow { el: HTMLElement; gutter: HTMLElement; spacer: HTMLElement; cells: HTMLElement[]; text: string[]; cls: string[]; viewRow: number }

/** Columns rendered beyond the visible ones on each side while scrolling sideways. */
const COL_OVERSCAN = 2;

export class Grid {
  readonly element: HTMLElement;
  readonly selection = new Selection();
  data: GridData | null = null;
  widths: number[] = [];
  private readonly canvas: HTMLElement;
  private readonly header: HTMLElement;
  private readonly body: HTMLElement;
  private headerCells: HTMLElement[] = [];
  private headerGutter: HTMLElement;
  private readonly headerSpacer = h("div", { class: "col-spacer", "aria-hidden": "true" });
  /** Display position ↔ data column (hidden and reordered columns). Selection and `cols` are display positions. */
  colLayout = new ColumnLayout(0);
  /** Left edge of each displayed column (prefix sums of the widths in display order), one more entry than columns. */
  private colLeft: number[] = [0];
  /** The columns rendered now: the frozen first one, then the visible range. Cells and header cells follow it. */
  private cols: number[] = [];
  private sortSpec: SortSpec | null = null;
  private pool: PoolRow[] = [];
  private gutterW = 48;
  private focusedEl: HTMLElement | null = null;
  /** Widths measured from the content (not set by the user or restored): re-measured once rows arrive. */
  private autoWidths = false;
  private measuredRows = 0;
  private highlightRe: RegExp | null = null;
  private highlightText = "";
  /** The layout changed: every pooled cell's cached text belongs to another column now. */
  private layoutDirty = false;
  /** The width the spacers (between the frozen column and the rendered range) were given last. */
  private spacerW = "";

  constructor(host: HTMLElement, readonly events: GridEvents) {
    this.headerGutter = h("div", { class: "gutter hgutter", role: "columnheader", "aria-label": "Row number" }, "#");
    this.header = h("div", { class: "grid-header", role: "row", "aria-rowindex": "1" });
    this.body = h("div", { class: "grid-body", role: "rowgroup" });
    this.canvas = h("div", { class: "grid-canvas" }, this.header, this.body);
    this.element = h("div", { class: "grid", role: "grid", tabindex: "0", "aria-multiselectable": "true", "aria-label": "Query results" }, this.canvas);
    this.element.style.setProperty("--row-h", `${ROW_H}px`);
    this.element.style.setProperty("--header-h", `${HEADER_H}px`);
    host.append(this.element);
    this.element.addEventListener("scroll", () => this.render(), { passive: true });
    new ResizeObserver(() => this.layout()).observe(this.element);
  }

  get rowCount(): number { return this.data?.view.length ?? 0; }
  /** Displayed columns (hidden ones excluded): the selection's column axis. */
  get colCount(): number { return this.data ? this.colLayout.length : 0; }
  get pageRows(): number { return Math.max(1, Math.floor(this.bodyViewHeight() / ROW_H) - 1); }

  setData(data: GridData | null, widths?: number[], layout?: LayoutState): void {
    this.data = data;
    this.colLayout = new ColumnLayout(data?.columns.length ?? 0, layout);
    this.selection.clear();
    const restored = !!data && widths?.length === data.columns.length;
    this.autoWidths = !!data && !restored;
    this.measuredRows = data?.rows.length ?? 0;
    this.widths = data ? (restored ? widths! : measureColumnWidths(data.columns, data.rows, this.element)) : [];
    this.buildHeader();
    this.element.scrollTop = 0;
    this.element.scrollLeft = 0;
    this.pool.forEach((p) => p.el.remove());
    this.pool = [];
    this.layout();
  }

  /** Call after rows were appended or the view (sort/filter) changed. */
  refresh(): void {
    // The grid is shown at resultStarted, before any row: widths measured then fit only the header. Measure
    // again when the first rows (up to the sample size) are in, unless the user sized the columns.
    const rows = this.data?.rows.length ?? 0;
    let remeasured = false;
    if (this.data && this.autoWidths && this.measuredRows < Math.min(rows, SAMPLE_ROWS)) {
      this.widths = measureColumnWidths(this.data.columns, this.data.rows, this.element);
      this.measuredRows = rows;
      remeasured = true;
    }
    // Rows appended (a page while streaming) or the view changed: the pooled cells stay, render() refills them.
    this.layout(remeasured);
  }

  /** Sort and filter show the new first rows, not the old scroll position. */
  scrollToTop(): void {
    this.element.scrollTop = 0;
    this.selection.clear();
  }

  /** Text of the filter, highlighted in the cells that show it. */
  set highlight(text: string) {
    const q = text.trim();
    if (q === this.highlightText) return;
    this.highlightText = q;
    this.highlightRe = q ? new RegExp(q.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i") : null;
    for (const p of this.pool) p.text.fill("\u0000");
  }

  /** Hides, shows or moves columns (`change` edits the layout; false = nothing changed). The selection is cleared:
   * its positions would now point at other columns. */
  changeLayout(change: (layout: ColumnLayout) => boolean | void): boolean {
    if (!this.data || change(this.colLayout) === false) return false;
    this.selection.clear();
    const maxLeft = Math.max(0, this.element.scrollWidth - this.element.clientWidth);
    if (this.element.scrollLeft > maxLeft) this.element.scrollLeft = maxLeft;
    this.layoutDirty = true;
    this.applyWidths();
    this.events.layoutChanged?.(this.colLayout.state());
    this.events.selectionChanged();
    return true;
  }

  /** Width of the column at a display position. */
  private widthAt(pos: number): number { return this.widths[this.colLayout.dataCol(pos)] ?? 0; }

  /** `col` is a data column. */
  setColumnWidth(col: number, width: number): void {
    this.autoWidths = false;
    this.widths[col] = Math.max(40, Math.round(width));
    this.applyWidths();
  }

  /** The selected cells as the user sees them (rows in view order, shown columns in display order), for copying. */
  selectedData(): { columns: ColumnInfo[]; rows: CellValue[][] } | null {
    const r = this.selection.range(this.rowCount, this.colCount);
    if (!r || !this.data) return null;
    const { rows, view, columns } = this.data;
    const cols = this.colLayout.slice(r.c0, r.c1);
    const out: CellValue[][] = new Array(r.r1 - r.r0 + 1);
    for (let i = r.r0; i <= r.r1; i++) out[i - r.r0] = pick(rows[view.rowAt(i)]!, cols);
    return { columns: cols.map((c) => columns[c]!), rows: out };
  }

  /** Scrolls so that the focused cell is visible, then renders. */
  revealFocus(): void {
    const { row, col } = this.selection.focus;
    const vh = this.bodyViewHeight();
    const ratio = this.scrollRatio();
    let vt = this.element.scrollTop * ratio;
    const top = row * ROW_H;
    if (top < vt) vt = top;
    else if (top + ROW_H > vt + vh) vt = top + ROW_H - vh;
    this.element.scrollTop = Math.round(vt / ratio);
    // The first column is frozen (always in view); others must clear it and the row numbers.
    const left = this.gutterW + (this.colLeft[col] ?? 0);
    const covered = col === 0 ? 0 : this.gutterW + this.widthAt(0);
    const viewW = this.element.clientWidth;
    if (col > 0 && left - covered < this.element.scrollLeft) this.element.scrollLeft = left - covered;
    else if (col > 0 && left + this.widthAt(col) > this.element.scrollLeft + viewW) this.element.scrollLeft = left + this.widthAt(col) - viewW;
    this.render();
  }

  /** The rendered cell at a view row and data column (scrolled into view first), for the cell editor; null when hidden. */
  cellElement(row: number, dataCol: number): HTMLElement | null {
    const col = this.colLayout.posOf(dataCol);
    if (col < 0) return null;
    this.selection.set({ row, col }, false);
    this.revealFocus();
    const k = this.cols.indexOf(col);
    return k < 0 ? null : this.pool.find((p) => p.viewRow === row)?.cells[k] ?? null;
  }

  /** View row and display position under a client point, or null. */
  hitTest(target: EventTarget | null): { row: number; col: number; gutter: boolean } | null {
    const el = target instanceof Element ? target.closest(".cell, .gutter") : null;
    const rowEl = el?.closest(".grid-row");
    if (!el || !rowEl) return null;
    const poolRow = this.pool.find((p) => p.el === rowEl);
    if (!poolRow || poolRow.viewRow < 0) return null;
    return { row: poolRow.viewRow, col: el.classList.contains("gutter") ? 0 : Number((el as HTMLElement).dataset.pos), gutter: el.classList.contains("gutter") };
  }

  /** Display position of the header cell under `target`, or null. */
  headerColumnAt(target: EventTarget | null): number | null {
    const el = target instanceof Element ? target.closest(".hcell") : null;
    return el ? Number((el as HTMLElement).dataset.pos) : null;
  }

  private bodyViewHeight(): number { return Math.max(0, this.element.clientHeight - HEADER_H); }

  private scrollRatio(): number {
    const contentH = this.rowCount * ROW_H;
    const bodyH = Math.min(contentH, MAX_BODY_PX);
    const vh = this.bodyViewHeight();
    return contentH > bodyH && bodyH > vh ? (contentH - vh) / (bodyH - vh) : 1;
  }

  private buildHeader(): void {
    this.cols = [];
    this.headerCells = [];
    this.header.replaceChildren(this.headerGutter, this.headerSpacer);
    this.element.setAttribute("aria-colcount", String(this.colCount + 1));
  }

  /** Header cell of the column at display position `pos`; data-col names the data column, data-pos the position. */
  private headerCell(pos: number): HTMLElement {
    const i = this.colLayout.dataCol(pos);
    const c = this.data!.columns[i]!;
    return h("div", { class: `hcell${this.data!.numeric[i] ? " num" : ""}${pos === 0 ? " frozen" : ""}`, role: "columnheader", "aria-colindex": String(pos + 2), "data-col": String(i), "data-pos": String(pos), title: `${c.name} (${c.typeName}) — click to sort, drag to move, Shift+click to select the column` },
      h("span", { class: "hname" }, c.name),
      h("span", { class: "htype" }, c.typeName),
      h("span", { class: "hsort", "aria-hidden": "true" }),
      h("div", { class: "resizer", "aria-hidden": "true" }));
  }

  /** Which columns to render: the first (frozen) and those in view, with a little overscan. */
  private visibleColumns(): number[] {
    const n = this.colCount;
    if (n === 0) return [];
    const left = this.element.scrollLeft;
    const right = left + Math.max(0, this.element.clientWidth - this.gutterW);
    let c0 = 0;
    while (c0 < n - 1 && this.colLeft[c0 + 1]! <= left) c0++;
    let c1 = c0;
    while (c1 < n - 1 && this.colLeft[c1 + 1]! < right) c1++;
    c0 = Math.max(1, c0 - COL_OVERSCAN);
    c1 = Math.min(n - 1, c1 + COL_OVERSCAN);
    const out = [0];
    for (let c = c0; c <= c1; c++) out.push(c);
    return out;
  }

  /** Rebuilds the header's and every pooled row's cells for a new column range (only when it changes). */
  private bindColumns(cols: number[]): void {
    const same = cols.length === this.cols.length && cols.every((c, i) => c === this.cols[i]);
    const spacer = `${cols.length > 1 ? this.colLeft[cols[1]!]! - this.colLeft[1]! : 0}px`;
    if (same) {
      // Called on every scroll frame: write the spacers only when they move (sideways scrolling).
      if (spacer !== this.spacerW) { this.spacerW = spacer; this.headerSpacer.style.width = spacer; for (const p of this.pool) p.spacer.style.width = spacer; }
      return;
    }
    this.cols = cols;
    this.spacerW = spacer;
    this.headerCells = cols.map((c) => { const el = this.headerCell(c); el.style.width = `${this.widthAt(c)}px`; return el; });
    this.headerSpacer.style.width = spacer;
    this.header.replaceChildren(this.headerGutter, ...this.headerCells.slice(0, 1), this.headerSpacer, ...this.headerCells.slice(1));
    this.showSort(this.sortSpec);
    for (const p of this.pool) this.bindRow(p, spacer);
  }

  private bindRow(p: PoolRow, spacer: string): void {
    p.cells = this.cols.map((c) => {
      const el = h("div", { class: "cell", role: "gridcell", "aria-colindex": String(c + 2), "data-col": String(this.colLayout.dataCol(c)), "data-pos": String(c) });
      el.style.width = `${this.widthAt(c)}px`;
      return el;
    });
    p.spacer.style.width = spacer;
    p.text = p.cells.map(() => "\u0000");
    p.cls = p.cells.map(() => "");
    p.viewRow = -2;
    p.el.replaceChildren(p.gutter, ...p.cells.slice(0, 1), p.spacer, ...p.cells.slice(1));
  }

  /** Sort indicator in the header; the grid does not own the sort, it only shows it. */
  showSort(spec: SortSpec | null): void {
    this.sortSpec = spec;
    this.headerCells.forEach((cell) => {
      const i = Number(cell.dataset.col);
      const dir = spec && spec.col === i ? spec.dir : null;
      cell.setAttribute("aria-sort", dir === "asc" ? "ascending" : dir === "desc" ? "descending" : "none");
      cell.querySelector(".hsort")!.textContent = dir === "asc" ? "▲" : dir === "desc" ? "▼" : "";
    });
  }

  /** Sizes the canvas and the row pool; `rebind`: the widths may have changed, so every cell is rebuilt. */
  private layout(rebind = true): void {
    const n = this.rowCount;
    const gutterW = this.gutterW;
    this.gutterW = Math.max(40, String(n).length * 8 + 20);
    this.element.style.setProperty("--gutter-w", `${this.gutterW}px`);
    this.element.setAttribute("aria-rowcount", String(n + 1));
    this.canvas.style.height = `${HEADER_H + Math.min(n * ROW_H, MAX_BODY_PX)}px`;
    const wanted = this.data ? Math.ceil(this.bodyViewHeight() / ROW_H) + 1 + OVERSCAN : 0;
    while (this.pool.length < wanted) this.pool.push(this.makeRow());
    while (this.pool.length > wanted) this.pool.pop()!.el.remove();
    if (rebind || gutterW !== this.gutterW) this.applyWidths();
    else this.render();
  }

  private makeRow(): PoolRow {
    const gutter = h("div", { class: "gutter", role: "rowheader" });
    const spacer = h("div", { class: "col-spacer", "aria-hidden": "true" });
    const el = h("div", { class: "grid-row", role: "row" });
    const p: PoolRow = { el, gutter, spacer, cells: [], text: [], cls: [], viewRow: -2 };
    this.bindRow(p, this.headerSpacer.style.width || "0px");
    this.body.append(el);
    return p;
  }

  private applyWidths(): void {
    this.colLeft = [0];
    for (let c = 0; c < this.colCount; c++) this.colLeft.push(this.colLeft.at(-1)! + this.widthAt(c));
    this.canvas.style.width = `${this.colLeft.at(-1)! + this.gutterW}px`;
    this.element.style.setProperty("--frozen-w", `${this.widthAt(0)}px`);
    this.element.setAttribute("aria-colcount", String(this.colCount + 1));
    if (this.layoutDirty) { this.layoutDirty = false; for (const p of this.pool) p.text.fill("\u0000"); }
    this.cols = []; // widths changed: rebind every cell
    this.bindColumns(this.visibleColumns());
    this.render();
  }

  /** Cell text, with the first filter match wrapped in <mark> (NULL never matches, like the filter). */
  private fillCell(cell: HTMLElement, text: string, isValue: boolean): void {
    const m = isValue && this.highlightRe ? this.highlightRe.exec(text) : null;
    if (!m) { setText(cell, text); return; }
    cell.replaceChildren(text.slice(0, m.index), h("mark", {}, m[0]), text.slice(m.index + m[0].length));
  }

  render(): void {
    const data = this.data;
    if (!data) return;
    this.bindColumns(this.visibleColumns());
    const n = data.view.length;
    const vt = this.element.scrollTop * this.scrollRatio();
    const first = Math.floor(vt / ROW_H);
    const offset = vt - first * ROW_H;
    this.body.style.transform = `translateY(${HEADER_H + this.element.scrollTop - offset}px)`;
    const range = this.selection.range(n, this.colCount);
    const focus = this.selection.active ? this.selection.focus : null;
    let focusedEl: HTMLElement | null = null;
    for (let k = 0; k < this.pool.length; k++) {
      const p = this.pool[k]!;
      const viewRow = first + k;
      if (viewRow >= n) { if (!p.el.hidden) p.el.hidden = true; p.viewRow = -1; continue; }
      if (p.el.hidden) p.el.hidden = false;
      const rowChanged = p.viewRow !== viewRow;
      if (rowChanged) {
        p.viewRow = viewRow;
        p.el.setAttribute("aria-rowindex", String(viewRow + 2));
        setText(p.gutter, String(viewRow + 1));
      }
      const dataRow = data.view.rowAt(viewRow);
      const values = data.rows[dataRow]!;
      const rowCls = data.decorate ? `grid-row ${data.decorate.row(dataRow)}`.trimEnd() : "grid-row";
      if (p.el.className !== rowCls) p.el.className = rowCls;
      const rowSel = range !== null && viewRow >= range.r0 && viewRow <= range.r1;
      const gutterCls = rowSel ? "gutter sel" : "gutter";
      if (p.gutter.className !== gutterCls) p.gutter.className = gutterCls;
      for (let k = 0; k < p.cells.length; k++) {
        const c = this.cols[k]!;
        const d = this.colLayout.dataCol(c);
        const v = values[d] ?? null;
        const text = v === null ? "NULL" : displayText(v);
        const cell = p.cells[k]!;
        if (p.text[k] !== text) { this.fillCell(cell, text, v !== null); p.text[k] = text; }
        const sel = rowSel && inCols(range!, c);
        const isFocus = focus !== null && focus.row === viewRow && focus.col === c;
        const extra = data.decorate ? data.decorate.cell(dataRow, d) : "";
        const cls = `cell${c === 0 ? " frozen" : ""}${v === null ? " null" : ""}${data.numeric[d] ? " num" : ""}${sel ? " sel" : ""}${isFocus ? " focus" : ""}${extra ? ` ${extra}` : ""}`;
        if (p.cls[k] !== cls) { cell.className = cls; p.cls[k] = cls; cell.setAttribute("aria-selected", sel ? "true" : "false"); }
        if (isFocus) focusedEl = cell;
      }
    }
    if (focusedEl !== this.focusedEl) {
      this.focusedEl?.removeAttribute("id");
      if (focusedEl) { focusedEl.id = "grid-active-cell"; this.element.setAttribute("aria-activedescendant", "grid-active-cell"); }
      else this.element.removeAttribute("aria-activedescendant");
      this.focusedEl = focusedEl;
    }
    this.headerCells.forEach((cell, k) => cell.classList.toggle("sel", range !== null && inCols(range, this.cols[k]!) && range.r0 === 0 && range.r1 === n - 1));
  }
}

const inCols = (r: Range, c: number) => c >= r.c0 && c <= r.c1;
const pick = (row: CellValue[], cols: number[]) => cols.map((c) => row[c] ?? null);


/** One line, bounded length: the DOM never receives a multi-megabyte cell. */
function displayText(v: string): string {
  const s = v.length > MAX_CELL_CHARS ? `${v.slice(0, MAX_CELL_CHARS)}…` : v;
  return /[\r\n]/.test(s) ? s.replace(/\r\n|\r|\n/g, "↵") : s;
}
