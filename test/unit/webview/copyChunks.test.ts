import assert from "node:assert/strict";
import fc from "fast-check";
import type { CellValue } from "../../../src/shared/protocol";
import { copyWriter } from "../../../webview/results/copyChunks";
import { formatCopy, type CopyFormat } from "../../../webview/results/copyFormats";

const FORMATS: CopyFormat[] = ["tsv", "tsvHeaders", "csv", "json", "markdown", "insert"];
const COLUMNS = [{ name: "id", typeName: "int4" }, { name: "na,me\n\"x\"", typeName: "text" }, { name: "doc", typeName: "jsonb" }, { name: "id", typeName: "bool" }];

function inPieces(format: CopyFormat, rows: CellValue[][], size: number): string {
  const w = copyWriter(format, COLUMNS, ["public", "t"]);
  let text = w.start;
  for (let i = 0; i < rows.length; i += size) text += w.piece(rows.slice(i, i + size), i === 0);
  return text + w.end(rows.length > 0);
}

describe("a copy written in pieces", () => {
  it("is exactly formatCopy of all the rows, for every format, any piece size, and no rows", () => {
    const cell = fc.oneof(fc.constant(null), fc.string(), fc.constantFrom("", "t", "f", "12", '{"a": [1, "x"]}', "a\tb\r\nc", "|"));
    fc.assert(fc.property(fc.array(fc.tuple(cell, cell, cell, cell), { maxLength: 40 }), fc.integer({ min: 1, max: 7 }), (rows, size) => {
      for (const f of FORMATS) assert.equal(inPieces(f, rows, size), formatCopy(f, COLUMNS, rows, ["public", "t"]), `${f}, pieces of ${size}`);
    }), { numRuns: 200 });
  });
});
