// Initial column widths from the header and a sample of values, measured with the grid's own font.
import type { CellValue, ColumnInfo } from "../../src/shared/protocol";

const SAMPLE_ROWS = 200;
const MIN_W = 56;
const MAX_W = 420;
const PADDING = 20;

let canvasCtx: CanvasRenderingContext2D | null = null;

function measurer(el: HTMLElement): (text: string) => number {
  canvasCtx ??= document.createElement("canvas").getContext("2d");
  const style = getComputedStyle(el);
  if (!canvasCtx) return (t) => t.length * 7.5;
  canvasCtx.font = `${style.fontSize || "13px"} ${style.getPropertyValue("--vscode-editor-font-family") || style.fontFamily || "monospace"}`;
  const ctx = canvasCtx;
  return (t) => ctx.measureText(t).width;
}

export function measureColumnWidths(columns: ColumnInfo[], rows: CellValue[][], el: HTMLElement): number[] {
  const measure = measurer(el);
  return columns.map((col, c) => {
    // Header: name + type label (smaller font, ~0.85) + sort arrow room.
    let w = measure(col.name) + measure(col.typeName) * 0.85 + 34;
    for (let i = 0; i < Math.min(rows.length, SAMPLE_ROWS); i++) {
      const v = rows[i]![c];
      const text = v === null || v === undefined ? "NULL" : v.length > 80 ? v.slice(0, 80) : v;
      w = Math.max(w, measure(text) + PADDING);
    }
    return Math.round(Math.min(MAX_W, Math.max(MIN_W, w)));
  });
}

/** Width that fits one column's sampled content (double-click on the resize handle). */
export function fitColumnWidth(columns: ColumnInfo[], rows: CellValue[][], col: number, el: HTMLElement): number {
  return measureColumnWidths([columns[col]!], rows.map((r) => [r[col] ?? null]), el)[0]!;
}
