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
    assert.deepEqual(cellDocument("{1,2}", "int4[]"), { language: "plaintext", content: "{1,2}" });
  });
});
