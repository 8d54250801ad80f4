import assert from "node:assert/strict";
import fc from "fast-check";
import { parseEnvDocument, serializeEnvDocument } from "../../../src/core/envfile/envDocument";

describe("envfile/envDocument: lossless line model", function () {
  this.timeout(60_000);

  it("classifies lines and keeps each line's own ending", () => {
    const text = "\uFEFF# top\r\n\r\nexport A='x'\nB=\"multi\r\nline\"  # c\r\nnot an assignment\nC=1";
    const doc = parseEnvDocument(text);
    assert.equal(doc.bom, true);
    assert.deepEqual(doc.lines.map((l) => [l.kind, l.eol]), [
      ["comment", "\r\n"], ["blank", "\r\n"], ["assignment", "\n"], ["assignment", "\r\n"], ["other", "\n"], ["assignment", ""],
    ]);
    const b = doc.lines[3]!.assignment!;
    assert.equal(b.key, "B");
    assert.equal(b.value, "multi\nline");
    assert.equal(doc.lines[3]!.text.slice(b.valueStart, b.valueEnd), '"multi\r\nline"');
    assert.equal(doc.lines[2]!.assignment!.exported, true);
    assert.equal(serializeEnvDocument(doc), text);
  });

  it("detects the file's majority line ending, LF for files without any", () => {
    assert.equal(parseEnvDocument("A=1\r\nB=2\r\nC=3\n").newline, "\r\n");
    assert.equal(parseEnvDocument("A=1\nB=2\r\n").newline, "\n");
    assert.equal(parseEnvDocument("A=1").newline, "\n");
  });

  it("gives back any text byte for byte", () => {
    const chars = fc.constantFrom("A", "=", " ", "#", "'", '"', "`", "\n", "\r", "\t", "\\", "x", "export ", ":", "\uFEFF", "\u2028", "é");
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 80 }).map((a) => a.join("")), (text) => {
        assert.equal(serializeEnvDocument(parseEnvDocument(text)), text);
      }),
      { numRuns: 2000 },
    );
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => {
      assert.equal(serializeEnvDocument(parseEnvDocument(text)), text);
    }));
  });
});
