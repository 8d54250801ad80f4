import assert from "node:assert/strict";
import { ColumnLayout } from "../../../webview/results/columnLayout";

const shown = (l: ColumnLayout) => Array.from({ length: l.length }, (_, i) => l.dataCol(i));

describe("column layout (display position → data column)", () => {
  it("starts as the identity", () => {
    const l = new ColumnLayout(4);
    assert.deepEqual(shown(l), [0, 1, 2, 3]);
    assert.equal(l.isDefault, true);
    assert.equal(l.posOf(2), 2);
  });

  it("hides and shows columns, keeping their place in the order", () => {
    const l = new ColumnLayout(4);
    assert.equal(l.hide(1), true);
    assert.deepEqual(shown(l), [0, 2, 3]);
    assert.equal(l.posOf(1), -1);
    assert.equal(l.posOf(3), 2);
    assert.equal(l.hiddenCount, 1);
    assert.equal(l.hide(1), false, "already hidden");
    l.show(1);
    assert.deepEqual(shown(l), [0, 1, 2, 3]);
    l.hide(0); l.hide(3);
    assert.deepEqual(shown(l), [1, 2]);
    l.showAll();
    assert.deepEqual(shown(l), [0, 1, 2, 3]);
  });

  it("never hides the last shown column", () => {
    const l = new ColumnLayout(2);
    assert.equal(l.hide(0), true);
    assert.equal(l.hide(1), false);
    assert.deepEqual(shown(l), [1]);
  });

  it("moves a column right and left to the exact display position", () => {
    const l = new ColumnLayout(5);
    assert.equal(l.move(0, 3), true);
    assert.deepEqual(shown(l), [1, 2, 3, 0, 4]);
    assert.equal(l.move(4, 0), true);
    assert.deepEqual(shown(l), [4, 1, 2, 3, 0]);
    assert.equal(l.move(2, 2), false);
    assert.equal(l.move(0, 9), false);
    assert.equal(l.isReordered, true);
    l.resetOrder();
    assert.deepEqual(shown(l), [0, 1, 2, 3, 4]);
  });

  it("moves among visible columns, hidden ones keep their slot in the full order", () => {
    const l = new ColumnLayout(5);
    l.hide(1);
    l.move(0, 1); // 0 goes after 2 (the column shown at position 1)
    assert.deepEqual(shown(l), [2, 0, 3, 4]);
    assert.deepEqual(l.allInOrder(), [1, 2, 0, 3, 4]);
    l.show(1);
    assert.deepEqual(shown(l), [1, 2, 0, 3, 4]);
    assert.deepEqual(l.slice(1, 2), [2, 0]);
  });

  it("round-trips its state and rejects a state that does not fit", () => {
    const l = new ColumnLayout(4);
    l.move(3, 0); l.hide(1);
    const s = l.state();
    assert.deepEqual(s, { order: [3, 0, 1, 2], hidden: [1] });
    assert.deepEqual(shown(new ColumnLayout(4, s)), [3, 0, 2]);
    assert.deepEqual(shown(new ColumnLayout(5, s)), [0, 1, 2, 3, 4], "different column count: reset");
    assert.deepEqual(shown(new ColumnLayout(4, { order: [0, 0, 1, 2], hidden: [] })), [0, 1, 2, 3], "not a permutation");
    assert.deepEqual(shown(new ColumnLayout(2, { order: [0, 1], hidden: [0, 1] })), [0, 1], "all hidden");
  });
});
