// How a page of rows crosses from the extension host to the results webview. A `rows` message of 1,000
// rows × 10 columns is 11,000 JS objects: VS Code serializes it to JSON in the extension host, parses it in
// the workbench, and structured-clones it twice more on its way into the webview's frame. Packed, the page is
// one UTF-8 byte array (every cell, separated by U+0000, which no Postgres text value can hold) plus the
// positions of its NULLs: VS Code passes the bytes through as a binary buffer, untouched by JSON.
// Imported by both sides: no Node, DOM or vscode imports here (TextEncoder/TextDecoder are in both).
import type { CellValue, ExtensionMessage } from "./protocol";

type RowsMessage = Extract<ExtensionMessage, { type: "rows" }>;

/** The packed form of a `rows` message, as posted. */
export interface PackedRowsMessage {
  type: "rowsPacked";
  resultId: string;
  totalLoaded: number;
  /** Rows in the page and cells per row. */
  count: number;
  cols: number;
  /** Every cell in row order, UTF-8, separated by U+0000 (a NULL is an empty cell listed in `nulls`). */
  cells: Uint8Array;
  /** Indexes (row × cols + col) of the NULL cells. */
  nulls: number[];
}

const SEP = "\u0000";
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The message to post for `msg`: a `rows` message packed, anything else as it is. A page that cannot be packed
 * losslessly (no columns, rows of different lengths, a value holding U+0000) is posted as it is.
 */
export function packForPost(msg: ExtensionMessage): ExtensionMessage | PackedRowsMessage {
  if (msg.type !== "rows") return msg;
  const packed = packRows(msg);
  return packed ?? msg;
}

function packRows(msg: RowsMessage): PackedRowsMessage | undefined {
  const { rows } = msg;
  const count = rows.length;
  const cols = rows[0]?.length ?? 0;
  if (count === 0 || cols === 0) return undefined;
  const parts = new Array<string>(count * cols);
  const nulls: number[] = [];
  let k = 0;
  for (const row of rows) {
    if (row.length !== cols) return undefined;
    for (const v of row) {
      if (v === null) { nulls.push(k); parts[k++] = ""; continue; }
      if (v.includes(SEP)) return undefined;
      parts[k++] = v;
    }
  }
  return { type: "rowsPacked", resultId: msg.resultId, totalLoaded: msg.totalLoaded, count, cols, cells: encoder.encode(parts.join(SEP)), nulls };
}

/** The webview's side: a packed page back into the `rows` message it stands for; anything else is returned as it is
 * (and validated by the caller). A packed page whose cells do not add up is returned unchanged, so it fails validation. */
export function unpackPosted(data: unknown): unknown {
  if (!isPacked(data)) return data;
  const cells = decoder.decode(data.cells).split(SEP);
  const { count, cols } = data;
  if (cells.length !== count * cols) return data;
  const rows = new Array<CellValue[]>(count);
  for (let r = 0; r < count; r++) rows[r] = cells.slice(r * cols, (r + 1) * cols);
  for (const i of data.nulls) {
    if (!Number.isInteger(i) || i < 0 || i >= cells.length) return data;
    rows[Math.floor(i / cols)]![i % cols] = null;
  }
  return { type: "rows", resultId: data.resultId, rows, totalLoaded: data.totalLoaded } satisfies RowsMessage;
}

function isPacked(m: unknown): m is PackedRowsMessage {
  if (typeof m !== "object" || m === null) return false;
  const p = m as Partial<PackedRowsMessage>;
  return p.type === "rowsPacked" && typeof p.resultId === "string" && typeof p.totalLoaded === "number" && ArrayBuffer.isView(p.cells)
    && Number.isInteger(p.count) && Number.isInteger(p.cols) && p.count! > 0 && p.cols! > 0 && Array.isArray(p.nulls);
}
