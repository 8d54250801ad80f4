// Initial column widths from the header and a sample of values, each measured with the font it is drawn in
// (header: the UI font, bold name and smaller type label; cells: the editor font), within a cap.
import type { CellValue, ColumnInfo } from "../../src/shared/protocol";

export const SAMPLE_ROWS = 200;
const MIN_W = 56;
export const MAX_W = 420;
/** Cell padding (8 + 8) and its right border, plus a little air so text never touches the ellipsis point. */
const CELL_EXTRA = 22;
/** Header padding (8 + 8), two gaps of 6 px and the sort arrow's room, reserved whether or not it is sorted. */
const HEADER_EXTRA = 16 + 12 + 14;

let canvasCtx: CanvasRenderingContext2D | null = null;
let ctxFont = "";

function measurer(font: string): (text: string) => number {
  canvasCtx ??= document.createElement("canvas").getContext("2d");
  if (!canvasCtx) return (t) => t.length * 7.5;
  const ctx = canvasCtx;
  // Setting the font parses it: only when it changes (a column's cells share one).
  return (t) => { if (ctxFont !== font) { ctx.font = font; ctxFont = font; } return ctx.measureText(t).width; };
}

function fonts(el: HTMLElement): { cell: string; name: string; type: string } {
  const style = getComputedStyle(el);
  const size = parseFloat(style.fontSize) || 13;
  const cellFamily = style.getPropertyValue("--vscode-editor-font-family").trim() || style.fontFamily || "monospace";
  const header = el.querySelector(".grid-header");
  const hs = header ? getComputedStyle(header) : style;
  const hSize = parseFloat(hs.fontSize) || 13;
  const hFamily = hs.fontFamily || style.getPropertyValue("--vscode-font-family") || "sans-serif";
  return { cell: `${size}px ${cellFamily}`, name: `600 ${hSize}px ${hFamily}`, type: `${hSize * 0.85}px ${hFamily}` };
}

export function measureColumnWidths(columns: ColumnInfo[], rows: CellValue[][], el: HTMLElement): number[] {
  const f = fonts(el);
  const cell = measurer(f.cell);
  const name = measurer(f.name);
  const type = measurer(f.type);
  // A thousand columns measure fewer rows each: the sample stays around 40k cells.
  const sample = Math.min(rows.length, SAMPLE_ROWS, Math.max(20, Math.floor(40_000 / Math.max(1, columns.length))));
  return columns.map((col, c) => {
    let w = name(col.name) + type(col.typeName) + HEADER_EXTRA;
    for (let i = 0; i < sample; i++) {
      const v = rows[i]![c];
      const text = v === null || v === undefined ? "NULL" : v.length > 80 ? v.slice(0, 80) : v;
      w = Math.max(w, cell(text) + CELL_EXTRA);
    }
    return Math.ceil(Math.min(MAX_W, Math.max(MIN_W, w)));
  });
}

/** Width that fits one column's sampled content (double-click on the resize handle). */
export function fitColumnWidth(columns: ColumnInfo[], rows: CellValue[][], col: number, el: HTMLElement): number {
  return measureColumnWidths([columns[col]!], rows.map((r) => [r[col] ?? null]), el)[0]!;
}
