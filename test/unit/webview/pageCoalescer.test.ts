// Pages on their way to the results webview: posted at once while the channel is idle, merged while two messages
// are unacknowledged, sent when an answer comes (or when a merge grows big), in order and with nothing lost.
import assert from "node:assert/strict";
import type { CellValue } from "../../../src/shared/protocol";
import { PageCoalescer, type RowsMessage } from "../../../src/ui/results/pageCoalescer";

const page = (resultId: string, from: number, n: number, cols = 2): RowsMessage => ({
  type: "rows", resultId, totalLoaded: from + n,
  rows: Array.from({ length: n }, (_, i) => Array.from({ length: cols }, (_, c): CellValue => `${from + i}:${c}`)),
});

describe("PageCoalescer", () => {
  it("posts while fewer than two messages are in flight, merges after, and sends the merge on an answer", () => {
    const sent: RowsMessage[] = [];
    const c = new PageCoalescer((m) => sent.push(m));
    const p1 = page("r", 0, 10), p2 = page("r", 10, 10), p3 = page("r", 20, 10), p4 = page("r", 30, 10);
    c.add(p1); c.add(p2);
    assert.deepEqual(sent, [p1, p2], "idle channel: at once");
    c.add(p3); c.add(p4);
    assert.equal(sent.length, 2, "two in flight: merged, waiting");
    assert.equal(p3.rows.length, 10, "the recorded page itself is not extended");
    c.acked("r", 10);
    assert.equal(sent.length, 3);
    assert.deepEqual(sent[2], { type: "rows", resultId: "r", totalLoaded: 40, rows: [...p3.rows, ...p4.rows] });
    assert.deepEqual(sent.flatMap((m) => m.rows), [...p1.rows, ...p2.rows, ...p3.rows, ...p4.rows], "every row once, in order");
  });

  it("sends a merge that reached 100,000 cells without waiting, and flushes before another result's page", () => {
    const sent: RowsMessage[] = [];
    const c = new PageCoalescer((m) => sent.push(m));
    c.add(page("a", 0, 1, 10)); c.add(page("a", 1, 1, 10));
    for (let i = 0; i < 10; i++) c.add(page("a", 2 + i * 1000, 1000, 10));
    assert.equal(sent.length, 3, "the merge went when it held 10 pages of 10,000 cells");
    assert.equal(sent[2]!.rows.length, 10_000);
    c.add(page("a", 10_002, 5, 10));
    c.add(page("b", 0, 5, 10));
    assert.deepEqual(sent.slice(3).map((m) => [m.resultId, m.totalLoaded]), [["a", 10_007]], "a's rest went before b's page, which waits");
    c.flush();
    assert.deepEqual(sent.slice(3).map((m) => [m.resultId, m.totalLoaded]), [["a", 10_007], ["b", 5]]);
  });

  it("drops what waits on reset (the replay log resends it) and starts with an idle channel", () => {
    const sent: RowsMessage[] = [];
    const c = new PageCoalescer((m) => sent.push(m));
    c.add(page("r", 0, 1)); c.add(page("r", 1, 1)); c.add(page("r", 2, 1));
    c.reset();
    c.flush();
    assert.equal(sent.length, 2);
    c.add(page("r", 0, 1));
    assert.equal(sent.length, 3, "posted at once after the reset");
  });
});
