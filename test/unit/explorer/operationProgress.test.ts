// Issue #16: "waiting for the workspace.." in the progress notification.
import assert from "node:assert/strict";
import { operationProgressText } from "../../../src/core/explorer/operationProgress";

describe("operationProgressText", () => {
  it("says it waits with one ellipsis, then how long it has waited", () => {
    assert.equal(operationProgressText(300), "waiting for the workspace…");
    assert.equal(operationProgressText(4200), "waiting for the workspace… 4 s");
    for (const ms of [0, 1000, 2500, 61000]) assert.doesNotMatch(operationProgressText(ms), /\.\.|\.$/);
  });
});
