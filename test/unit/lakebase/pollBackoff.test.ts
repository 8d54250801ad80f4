import assert from "node:assert/strict";
import { DEFAULT_POLL_BACKOFF, pollDelayMs } from "../../../src/core/lakebase/operations";

describe("lakebase: operation poll backoff arithmetic", () => {
  it("starts at 250 ms, doubles, and caps at 5 s", () => {
    const delays = Array.from({ length: 8 }, (_, i) => pollDelayMs(i));
    assert.deepEqual(delays, [250, 500, 1000, 2000, 4000, 5000, 5000, 5000]);
    assert.equal(DEFAULT_POLL_BACKOFF.maxMs, 5000);
  });

  it("honours a custom backoff", () => {
    assert.deepEqual([0, 1, 2, 3].map((i) => pollDelayMs(i, { initialMs: 10, maxMs: 25, factor: 1.5 })), [10, 15, 23, 25]);
  });
});
