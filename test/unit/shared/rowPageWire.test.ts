// A page of rows packed for the webview (one UTF-8 buffer and the NULL positions) comes back exactly as it went:
// NULL vs empty string, non-ASCII text, one column, and the pages that cannot be packed are posted as they are.
import assert from "node:assert/strict";
import { isExtensionMessage, type CellValue, type ExtensionMessage } from "../../../src/shared/protocol";
import { packForPost, unpackPosted } from "../../../src/shared/rowPageWire";

const page = (rows: CellValue[][]): Extract<ExtensionMessage, { type: "rows" }> => ({ type: "rows", resultId: "q/0", rows, totalLoaded: 40 + rows.length });
/** What the webview gets after VS Code's channel: a structured clone (the buffer stays a Uint8Array). */
const roundTrip = (msg: ExtensionMessage) => unpackPosted(structuredClone(packForPost(msg)));

describe("rowPageWire", () => {
  it("packs a page into one byte buffer and unpacks the same rows, NULL and '' kept apart", () => {
    const rows: CellValue[][] = [["1", "Ada", null, ""], ["2", "", "ünïcødé ✓ 日本", null], ["3", "tab\there\nnewline", "\"quoted\", {json}", "x"]];
    const packed = packForPost(page(rows));
    assert.equal(packed.type, "rowsPacked");
    assert.ok(packed.type === "rowsPacked" && packed.cells instanceof Uint8Array);
    assert.deepEqual(packed.type === "rowsPacked" && packed.nulls, [2, 7]);
    const back = roundTrip(page(rows));
    assert.deepEqual(back, page(rows));
    assert.ok(isExtensionMessage(back));
  });

  it("handles one column, all NULLs and all empty strings", () => {
    for (const rows of [[["a"], ["b"]], [[null], [null], [null]], [[""], [""]], [["", null], [null, ""]]] as CellValue[][][]) {
      assert.equal(packForPost(page(rows)).type, "rowsPacked");
      assert.deepEqual(roundTrip(page(rows)), page(rows));
    }
  });

  it("posts as they are the pages it cannot pack losslessly, and every other message", () => {
    for (const rows of [[], [[], []], [["a", "b"], ["c"]], [["has\u0000nul", "b"]]] as CellValue[][][]) {
      const msg = page(rows);
      assert.equal(packForPost(msg), msg);
      assert.deepEqual(roundTrip(msg), msg);
    }
    const done: ExtensionMessage = { type: "queryDone", queryId: "q", timing: { connectMs: 1, executeMs: 2, fetchMs: 3 } };
    assert.equal(packForPost(done), done);
    assert.equal(unpackPosted(done), done);
  });

  it("leaves a packed page whose cells do not add up as it is, so validation rejects it", () => {
    const packed = packForPost(page([["a", "b"], ["c", "d"]]));
    assert.ok(packed.type === "rowsPacked");
    for (const bad of [{ ...packed, count: 3 }, { ...packed, nulls: [9] }, { ...packed, cols: 0 }, { ...packed, cells: "a\u0000b" }]) {
      const out = unpackPosted(bad);
      assert.equal(out, bad);
      assert.equal(isExtensionMessage(out), false);
    }
  });
});
