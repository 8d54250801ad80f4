import assert from "node:assert/strict";
import { ResultBudget, rowBytes } from "../../../src/core/db/resultLimits";
import { executionMode } from "../../../src/core/db/statementKind";

describe("db: result limits", () => {
  it("keeps rows until the row limit, then says rows", () => {
    const b = new ResultBudget({ maxRows: 3, maxBytes: 1e9 });
    assert.deepEqual(b.take([["a"], ["b"]]), [["a"], ["b"]]);
    assert.equal(b.full, false);
    assert.deepEqual(b.take([["c"], ["d"]]), [["c"]]);
    assert.equal(b.cappedBy, "rows");
    assert.deepEqual(b.take([["e"]]), []);
    assert.equal(b.rows, 3);
  });

  it("keeps rows until the byte limit, then says bytes", () => {
    const row = ["x".repeat(100), null];
    const size = rowBytes(row);
    assert.equal(size, 8 + (8 + 100) + 8);
    const b = new ResultBudget({ maxRows: 1000, maxBytes: size * 2.5 });
    assert.equal(b.take([row, row, row, row]).length, 2);
    assert.equal(b.cappedBy, "bytes");
    assert.equal(b.bytes, size * 2);
  });

  it("asks for smaller pages when rows are wide and never for more than could fit (plus one)", () => {
    const b = new ResultBudget({ maxRows: 10_000, maxBytes: 64 * 2 ** 20 });
    assert.equal(b.nextPage(1000), 1000, "first page: the page size");
    b.take(Array.from({ length: 10 }, () => ["y".repeat(2 ** 20 - 16)]));
    assert.equal(b.nextPage(1000), 4, "1 MB rows: a 4 MB page");
    const near = new ResultBudget({ maxRows: 5, maxBytes: 1e9 });
    near.take([["a"], ["b"], ["c"]]);
    assert.equal(near.nextPage(1000), 3, "two more fit, one more tells whether the result goes on");
    const bytes = new ResultBudget({ maxRows: 1e6, maxBytes: 1000 });
    bytes.take([["z".repeat(84)]]); // 100 bytes a row
    assert.equal(bytes.nextPage(1000), 10);
  });
});

describe("db: every row-returning statement kind goes through the cursor", () => {
  it("classifies EXECUTE, FETCH, SHOW, TABLE, VALUES, WITH, EXPLAIN and RETURNING as cursor statements", () => {
    for (const sql of ["EXECUTE q(1)", "fetch all from c", "SHOW ALL", "TABLE t", "VALUES (1)", "WITH a AS (SELECT 1) SELECT * FROM a", "EXPLAIN ANALYZE SELECT 1",
      "UPDATE t SET a = 1 RETURNING a", "MERGE INTO t USING s ON true WHEN MATCHED THEN DELETE RETURNING *", "/* c */ (SELECT 1)"]) {
      assert.equal(executionMode(sql), "cursor", sql);
    }
    // CALL stays on the simple protocol (transaction control in procedures) and is capped there.
    assert.equal(executionMode("CALL p(1, NULL)"), "simple");
  });
});
