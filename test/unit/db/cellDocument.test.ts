import assert from "node:assert/strict";
import { cellDocument } from "../../../src/core/db/cellDocument";

describe("cellDocument (a cell opened in an editor tab)", () => {
  it("pretty-prints json/jsonb as JSON, keeps invalid JSON as text", () => {
    assert.deepEqual(cellDocument('{"a":[1,{"b":null}]}', "jsonb"), { language: "json", content: '{\n  "a": [\n    1,\n    {\n      "b": null\n    }\n  ]\n}' });
    assert.deepEqual(cellDocument("{oops", "json"), { language: "plaintext", content: "{oops" });
  });
  it("shows bytea as hex with offsets, 32 bytes a line", () => {
    const doc = cellDocument(`\\x${"ab".repeat(33)}`, "bytea");
    assert.deepEqual(doc.content.split("\n"), [`00000000  ${Array(32).fill("ab").join(" ")}`, "00000020  ab"]);
  });
  it("keeps long text and other types as they are", () => {
    assert.deepEqual(cellDocument("line 1\nline 2", "text"), { language: "plaintext", content: "line 1\nline 2" });
  });
  // Issue #15 item 5 names arrays among the cell viewers: an array now opens as a foldable JSON list, one
  // element a line (it was "{1,2}" as it is).
  it("opens arrays as JSON lists: numbers as they are, NULL as null, quoted and nested elements, json elements as JSON", () => {
    assert.deepEqual(cellDocument("{1,2}", "int4[]"), { language: "json", content: "[\n  1,\n  2\n]" });
    assert.deepEqual(cellDocument('{"a b","say \\"hi\\"",NULL,"NULL",""}', "text[]"),
      { language: "json", content: '[\n  "a b",\n  "say \\"hi\\"",\n  null,\n  "NULL",\n  ""\n]' });
    assert.equal(cellDocument("{{1,2},{3,NULL}}", "int8[]").content, "[\n  [\n    1,\n    2\n  ],\n  [\n    3,\n    null\n  ]\n]");
    assert.equal(cellDocument("[0:1]={12345678901234567890,1.50}", "numeric[]").content, "[\n  12345678901234567890,\n  1.50\n]", "digits kept");
    assert.equal(cellDocument("{t,f}", "bool[]").content, "[\n  true,\n  false\n]");
    assert.equal(cellDocument('{"{\\"a\\": 1}",NULL}', "jsonb[]").content, '[\n  {\n    "a": 1\n  },\n  null\n]');
    assert.deepEqual(cellDocument("{}", "text[]"), { language: "json", content: "[]" });
    assert.deepEqual(cellDocument("{1,2", "int4[]"), { language: "plaintext", content: "{1,2" }, "not an array literal: as it is");
  });
  it("pretty-prints JSON without changing a value: big numbers, 1.0, escapes and duplicate keys stay as stored", () => {
    assert.equal(cellDocument('{"n": 12345678901234567890, "x": 1.0, "e": "\\u00e9", "k": 1, "k": 2}', "json").content,
      '{\n  "n": 12345678901234567890,\n  "x": 1.0,\n  "e": "\\u00e9",\n  "k": 1,\n  "k": 2\n}');
    assert.equal(cellDocument('{"a": {}, "b": [], "c": "{[,:]}"}', "jsonb").content, '{\n  "a": {},\n  "b": [],\n  "c": "{[,:]}"\n}');
  });
});
