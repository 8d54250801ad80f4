// Which data columns the grid shows, and in what order: the one place that maps a display position to a data
// column. Everything the user sees or acts on (rendering, header, selection, copy, keyboard) works in display
// positions; rows, sort, edits and widths keep the data column. Pure (no DOM): unit-tested under Node.

/** What webview state keeps: the full order (hidden columns keep their place) and the hidden ones. */
export interface LayoutState { order: number[]; hidden: number[] }

export class ColumnLayout {
  private order: number[];
  private readonly hidden = new Set<number>();
  /** Display position → data column, visible columns only (derived from order and hidden). */
  private visible: number[] = [];
  private pos: Int32Array;

  constructor(readonly count: number, state?: LayoutState) {
    this.order = Array.from({ length: count }, (_, i) => i);
    this.pos = new Int32Array(count);
    if (state && isValid(state, count)) {
      this.order = [...state.order];
      for (const c of state.hidden) this.hidden.add(c);
    }
    this.derive();
  }

  /** Number of displayed columns. */
  get length(): number { return this.visible.length; }
  get hiddenCount(): number { return this.hidden.size; }
  /** True when nothing is hidden or moved: the grid shows the result as it came. */
  get isDefault(): boolean { return this.hidden.size === 0 && this.order.every((c, i) => c === i); }
  get isReordered(): boolean { return !this.order.every((c, i) => c === i); }

  /** The data column shown at a display position. */
  dataCol(pos: number): number { return this.visible[pos] ?? -1; }
  /** The display position of a data column, or -1 when it is hidden. */
  posOf(col: number): number { return col >= 0 && col < this.count ? this.pos[col]! : -1; }
  /** Data columns for the display positions from..to (inclusive), in display order. */
  slice(from: number, to: number): number[] { return this.visible.slice(from, to + 1); }
  /** Every data column in display order, hidden ones included (the Columns… list). */
  allInOrder(): number[] { return [...this.order]; }
  isHidden(col: number): boolean { return this.hidden.has(col); }

  /** Hides a data column; the last shown column cannot be hidden (false then). */
  hide(col: number): boolean {
    if (this.hidden.has(col) || col < 0 || col >= this.count || this.visible.length <= 1) return false;
    this.hidden.add(col);
    this.derive();
    return true;
  }

  show(col: number): boolean {
    if (!this.hidden.delete(col)) return false;
    this.derive();
    return true;
  }

  showAll(): void { this.hidden.clear(); this.derive(); }

  resetOrder(): void { this.order.sort((a, b) => a - b); this.derive(); }

  /** Moves the column at display position `from` to display position `to` (the others shift). */
  move(from: number, to: number): boolean {
    const n = this.visible.length;
    if (from < 0 || from >= n || to < 0 || to >= n || from === to) return false;
    const col = this.visible[from]!;
    const target = this.visible[to]!;
    const order = this.order.filter((c) => c !== col);
    const at = order.indexOf(target);
    // Moving right lands after the target, moving left before it: the column ends at display position `to`.
    order.splice(from < to ? at + 1 : at, 0, col);
    this.order = order;
    this.derive();
    return true;
  }

  state(): LayoutState { return { order: [...this.order], hidden: [...this.hidden].sort((a, b) => a - b) }; }

  private derive(): void {
    this.visible = this.order.filter((c) => !this.hidden.has(c));
    this.pos.fill(-1);
    this.visible.forEach((c, i) => { this.pos[c] = i; });
  }
}

/** A saved layout fits only a result with the same number of columns, and must be a permutation. */
function isValid(s: LayoutState, count: number): boolean {
  if (!Array.isArray(s.order) || s.order.length !== count || !Array.isArray(s.hidden)) return false;
  const seen = new Uint8Array(count);
  for (const c of s.order) { if (!Number.isInteger(c) || c < 0 || c >= count || seen[c]) return false; seen[c] = 1; }
  return s.hidden.every((c) => Number.isInteger(c) && c >= 0 && c < count) && s.hidden.length < count;
}
