// A copy written in pieces: start + piece(rows₀, first) + piece(rows₁) + … + end is exactly formatCopy() of all
// the rows, for every format, so a big selection can be formatted a few thousand rows at a time and never held
// as one string in the webview. Pure: unit-tested against formatCopy.
import type { CellValue } from "../../src/shared/protocol";
import { toCsv, toInsert, toJson, toMarkdown, toTsv, type CopyColumn, type CopyFormat } from "./copyFormats";

export interface CopyWriter {
  start: string;
  /** The text of `rows` (at least one) with the separator that goes before it. */
  piece(rows: CellValue[][], first: boolean): string;
  /** After the last piece; `any` is whether any rows were written. */
  end(any: boolean): string;
}

export function copyWriter(format: CopyFormat, columns: CopyColumn[], table: string[]): CopyWriter {
  const none = () => "";
  switch (format) {
    case "tsv": return { start: "", piece: (rows, first) => (first ? "" : "\n") + toTsv(columns, rows), end: none };
    case "tsvHeaders": return { start: toTsv(columns, [], true), piece: (rows) => `\n${toTsv(columns, rows)}`, end: none };
    case "csv": {
      const head = toCsv(columns, []);
      return { start: head, piece: (rows) => `\r\n${toCsv(columns, rows).slice(head.length + 2)}`, end: none };
    }
    case "markdown": {
      const head = toMarkdown(columns, []);
      return { start: head, piece: (rows) => `\n${toMarkdown(columns, rows).slice(head.length + 1)}`, end: none };
    }
    // JSON.stringify(array, null, 2) is "[\n" + items + "\n]" and each item is indented the same wherever it is.
    case "json": return { start: "[", piece: (rows, first) => (first ? "\n" : ",\n") + toJson(columns, rows).slice(2, -2), end: (any) => (any ? "\n]" : "]") };
    case "insert": return { start: "", piece: (rows, first) => (first ? "" : "\n") + toInsert(columns, rows, table), end: none };
  }
}
