import assert from "node:assert/strict";
import { RowView } from "../../../webview/results/rowView";
import { Selection } from "../../../webview/results/selection";
import type { CellValue } from "../../../src/shared/protocol";

const view = (v: RowView) => Array.from({ length: v.length }, (_, i) => v.rowAt(i));

describe("RowView", () => {
  const make = (): CellValue[][] => [["10", "b"], ["9", null], [null, "a"], ["100", "B"], ["9", "a"], ["NaN", "c"]];

  it("is the identity without filter or sort, and follows appends", () => {
    const rows = make();
    const v = new RowView(rows, () => false);
    assert.deepEqual(view(v), [0, 1, 2, 3, 4, 5]);
    rows.push(["1", "z"]);
    v.appended();
    assert.equal(v.length, 7);
  });

  it("sorts numeric columns as numbers, stable, NULLS LAST asc / FIRST desc, NaN above numbers", () => {
    const v = new RowView(make(), (c) => c === 0);
    v.setSort({ col: 0, dir: "asc" });
    assert.deepEqual(view(v), [1, 4, 0, 3, 5, 2]);
    v.setSort({ col: 0, dir: "desc" });
    assert.deepEqual(view(v), [2, 5, 3, 0, 1, 4]);
    v.setSort(null);
    assert.deepEqual(view(v), [0, 1, 2, 3, 4, 5]);
  });

  it("sorts text by code units (like COLLATE \"C\") and stays stable", () => {
    const v = new RowView(make(), () => false);
    v.setSort({ col: 1, dir: "asc" });
    assert.deepEqual(view(v), [3, 2, 4, 0, 5, 1]);
  });

  it("filters only the shown columns when some are hidden (a match must be visible), and follows appends", () => {
    const rows = make();
    const v = new RowView(rows, (c) => c === 0);
    v.setFilter("a");
    assert.deepEqual(view(v), [2, 4, 5]);
    v.setFilterColumns([1]); // column 0 hidden: "NaN" no longer matches
    assert.deepEqual(view(v), [2, 4]);
    rows.push(["a-in-hidden", "x"], ["1", "za"]);
    v.appended();
    assert.deepEqual(view(v), [2, 4, 7]);
    v.setFilterColumns(null);
    assert.deepEqual(view(v), [2, 4, 5, 6, 7]);
  });

  it("filters case-insensitively with regex characters taken literally, and keeps filter+sort on append", () => {
    const rows = make();
    const v = new RowView(rows, (c) => c === 0);
    v.setFilter("A");
    assert.deepEqual(view(v), [2, 4, 5]); // "NaN" contains an a
    v.setFilter("(");
    assert.equal(v.length, 0);
    v.setFilter("b");
    v.setSort({ col: 0, dir: "asc" });
    assert.deepEqual(view(v), [0, 3]);
    rows.push(["50", "xb"], ["1", "no"], ["-1", "bb"]);
    v.appended();
    assert.deepEqual(view(v), [8, 0, 6, 3]);
  });

  it("sorts 100k rows on an index permutation", () => {
    const rows: CellValue[][] = Array.from({ length: 100_000 }, (_, i) => [String((i * 7919) % 100_003), `name ${i % 977}`]);
    const v = new RowView(rows, (c) => c === 0);
    v.setSort({ col: 0, dir: "desc" });
    for (let i = 1; i < v.length; i++) assert.ok(Number(rows[v.rowAt(i - 1)]![0]) >= Number(rows[v.rowAt(i)]![0]));
  });
});

describe("Selection", () => {
  it("extends with shift, clamps, and expands whole rows/columns", () => {
    const s = new Selection();
    assert.equal(s.range(10, 3), null);
    s.set({ row: 2, col: 1 }, false);
    s.move(2, 5, true, 10, 3);
    assert.deepEqual(s.range(10, 3), { r0: 2, r1: 4, c0: 1, c1: 2 });
    s.move(-1, 0, false, 10, 3);
    assert.deepEqual(s.range(10, 3), { r0: 3, r1: 3, c0: 2, c1: 2 });
    s.set({ row: 5, col: 0 }, false, "rows");
    s.set({ row: 3, col: 0 }, true);
    assert.deepEqual(s.range(10, 3), { r0: 3, r1: 5, c0: 0, c1: 2 });
    s.set({ row: 0, col: 1 }, false, "cols");
    assert.deepEqual(s.range(10, 3), { r0: 0, r1: 9, c0: 1, c1: 1 });
    s.selectAll(10, 3);
    assert.deepEqual(s.range(10, 3), { r0: 0, r1: 9, c0: 0, c1: 2 });
    assert.deepEqual(s.range(4, 3), { r0: 0, r1: 3, c0: 0, c1: 2 });
  });
});
