import assert from "node:assert/strict";
import { isExtensionMessage, type ExtensionMessage } from "../../../src/shared/protocol";
import { emptyResultStream, foldResultMessage, newStreamResult } from "../../../src/shared/resultStream";
import { redactPanelMessage } from "../../../src/ui/results/redactPanelMessage";

// The panel's Export button is a request whose reply matters: the host answers with `exportDone`, so the
// panel can say what was written, or why nothing was (before, a failure only reached the log).
describe("export reply (exportDone)", () => {
  it("is a well-formed extension → webview message, and malformed ones are refused", () => {
    for (const status of ["done", "cancelled", "error"]) assert.ok(isExtensionMessage({ type: "exportDone", resultId: "r", status, message: "m" }), status);
    for (const m of [{ type: "exportDone", resultId: "r", status: "ok", message: "m" }, { type: "exportDone", resultId: "r", status: "done" }, { type: "exportDone", status: "done", message: "m" }]) {
      assert.equal(isExtensionMessage(m), false, JSON.stringify(m));
    }
  });

  it("its message passes the log's redaction (an error can echo a connection string)", () => {
    const msg = { type: "exportDone", resultId: "r", status: "error", message: "Export failed: postgresql://u:s3cret@h/db" } as unknown as ExtensionMessage;
    assert.deepEqual(redactPanelMessage(msg, (t) => t.replace("s3cret", "***")), { ...msg, message: "Export failed: postgresql://u:***@h/db" });
  });

  it("does not change what is known about the query (not replayed)", () => {
    const state = emptyResultStream();
    foldResultMessage(state, { type: "queryStarted", queryId: "q", sql: "s", target: { label: "t" }, startedAt: 1 }, newStreamResult);
    const before = JSON.stringify(state);
    foldResultMessage(state, { type: "exportDone", resultId: "q/0", status: "done", message: "Exported 3 rows to a.csv." } as unknown as ExtensionMessage, newStreamResult);
    assert.equal(JSON.stringify(state), before);
  });
});
