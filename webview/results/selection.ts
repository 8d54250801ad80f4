// Rectangular selection over view coordinates (row = position in the sorted/filtered view, col = column index).
// Pure (no DOM). Whole rows, whole columns and "all" are ranges whose other axis spans everything.

export interface CellPos { row: number; col: number }
export type SelectionKind = "cells" | "rows" | "cols";
export interface Range { r0: number; r1: number; c0: number; c1: number }

export class Selection {
  anchor: CellPos = { row: 0, col: 0 };
  focus: CellPos = { row: 0, col: 0 };
  kind: SelectionKind = "cells";
  /** False until the user selects something: an empty selection copies nothing. */
  active = false;

  set(pos: CellPos, extend: boolean, kind: SelectionKind = "cells"): void {
    if (!extend || !this.active) this.anchor = { ...pos };
    this.focus = { ...pos };
    this.kind = extend && this.active ? this.kind : kind;
    this.active = true;
  }

  selectAll(rowCount: number, colCount: number): void {
    this.anchor = { row: 0, col: 0 };
    this.focus = { row: Math.max(0, rowCount - 1), col: Math.max(0, colCount - 1) };
    this.kind = "cells";
    this.active = rowCount > 0 && colCount > 0;
  }

  /** Moves (or with `extend`, stretches) the focus by a delta, clamped to the grid. */
  move(dRow: number, dCol: number, extend: boolean, rowCount: number, colCount: number): void {
    const pos = {
      row: clamp(this.focus.row + dRow, 0, rowCount - 1),
      col: clamp(this.focus.col + dCol, 0, colCount - 1),
    };
    if (!this.active) { this.set({ row: 0, col: 0 }, false); return; }
    if (!extend) this.kind = "cells";
    this.set(pos, extend, this.kind);
  }

  moveTo(pos: CellPos, extend: boolean, rowCount: number, colCount: number): void {
    this.set({ row: clamp(pos.row, 0, rowCount - 1), col: clamp(pos.col, 0, colCount - 1) }, extend, extend ? this.kind : "cells");
  }

  range(rowCount: number, colCount: number): Range | null {
    if (!this.active || rowCount === 0 || colCount === 0) return null;
    const r = { r0: Math.min(this.anchor.row, this.focus.row), r1: Math.max(this.anchor.row, this.focus.row),
      c0: Math.min(this.anchor.col, this.focus.col), c1: Math.max(this.anchor.col, this.focus.col) };
    if (this.kind === "rows") { r.c0 = 0; r.c1 = colCount - 1; }
    if (this.kind === "cols") { r.r0 = 0; r.r1 = rowCount - 1; }
    r.r1 = Math.min(r.r1, rowCount - 1);
    r.c1 = Math.min(r.c1, colCount - 1);
    return r.r0 > r.r1 ? null : r;
  }

  clear(): void { this.active = false; this.kind = "cells"; this.anchor = { row: 0, col: 0 }; this.focus = { row: 0, col: 0 }; }
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
