import assert from "node:assert/strict";
import { isExtensionMessage, isWebviewMessage } from "../../../src/shared/protocol";

describe("webview protocol guards", () => {
  it("accepts well-formed webview → extension messages and rejects malformed ones", () => {
    for (const m of [{ type: "ready" }, { type: "cancel", queryId: "q" }, { type: "export", resultId: "r", format: "csv" },
      { type: "copy", text: "a\tb" }, { type: "rerun" }, { type: "openHistory" }, { type: "rowsReceived", resultId: "r", totalLoaded: 5 }]) {
      assert.ok(isWebviewMessage(m), JSON.stringify(m));
    }
    for (const m of [null, "ready", [], { type: "nope" }, { type: "cancel" }, { type: "export", resultId: "r", format: "xlsx" },
      { type: "copy", text: 1 }, { type: "rowsReceived", resultId: "r", totalLoaded: Number.NaN }]) {
      assert.equal(isWebviewMessage(m), false, JSON.stringify(m));
    }
  });

  it("accepts well-formed extension → webview messages and rejects malformed ones", () => {
    const target = { label: "p / main / db" };
    const good = [
      { type: "queryStarted", queryId: "q", sql: "select 1", target, startedAt: 1 },
      { type: "resultStarted", resultId: "r", queryId: "q", index: 0, columns: [{ name: "a", typeName: "int4", typeOid: 23 }] },
      { type: "rows", resultId: "r", rows: [["1", null]], totalLoaded: 1 },
      { type: "rows", resultId: "r", rows: [], totalLoaded: 0 },
      { type: "resultDone", resultId: "r", command: "SELECT 1", rowCount: 1, truncated: false, limit: 100000 },
      { type: "resultDone", resultId: "r", command: "CREATE TABLE", rowCount: null, truncated: false, limit: 100000 },
      { type: "notice", message: "hi" },
      { type: "queryDone", queryId: "q", timing: { connectMs: 1, wakeMs: 2, executeMs: 3, fetchMs: 4 } },
      { type: "queryError", queryId: "q", message: "boom", sqlstate: "42P01", position: 3 },
      { type: "state", query: null },
      { type: "state", query: { queryId: "q", sql: "s", target, startedAt: 1, running: true } },
      { type: "theme", kind: "dark" },
    ];
    for (const m of good) assert.ok(isExtensionMessage(m), JSON.stringify(m));
    const bad = [
      { type: "queryStarted", queryId: "q", sql: "x", target: {}, startedAt: 1 },
      { type: "resultStarted", resultId: "r", queryId: "q", index: 0, columns: [{ name: "a" }] },
      { type: "rows", resultId: "r", rows: [[1]], totalLoaded: 1 },
      { type: "rows", resultId: "r", rows: "x", totalLoaded: 1 },
      { type: "resultDone", resultId: "r", command: "SELECT", rowCount: 1, truncated: "no", limit: 1 },
      { type: "queryDone", queryId: "q", timing: { connectMs: 1 } },
      { type: "queryError", queryId: "q", message: "x", position: "3" },
      { type: "state", query: { queryId: "q" } },
      { type: "theme", kind: "sepia" },
    ];
    for (const m of bad) assert.equal(isExtensionMessage(m), false, JSON.stringify(m));
  });
});

describe("chart messages", () => {
  it("checks chart requests, reports and PNGs in both directions", () => {
    const report = { resultId: "r", kind: "bar", x: "customer", y: "orders", points: 5, truncated: false };
    for (const m of [{ type: "chartShown" }, { type: "chartShown", chart: report }, { type: "chartShown", error: "No numeric column" }, { type: "saveChart", dataUrl: "data:image/png;base64,AA", name: "c.png" }]) {
      assert.ok(isWebviewMessage(m), JSON.stringify(m));
    }
    for (const m of [{ type: "chartShown", chart: { ...report, kind: "pie" } }, { type: "chartShown", chart: { ...report, points: "5" } }, { type: "saveChart", dataUrl: 1, name: "c" }]) {
      assert.equal(isWebviewMessage(m), false, JSON.stringify(m));
    }
    assert.ok(isExtensionMessage({ type: "chart", action: "open", kind: "scatter", x: "id", y: "n" }));
    assert.ok(isExtensionMessage({ type: "chart", action: "savePng" }));
    assert.equal(isExtensionMessage({ type: "chart", action: "explode" }), false);
    assert.equal(isExtensionMessage({ type: "chart", action: "open", kind: "pie" }), false);
  });
});
