import assert from "node:assert/strict";
import { toQueryError } from "../../../src/core/db/queryError";
import { splitStatements } from "../../../src/core/sql/splitStatements";

describe("db: query errors", () => {
  it("maps a Postgres position into the script, counting astral characters once", () => {
    const script = "SELECT 1;\nSELECT '😀', nme FROM t;";
    const stmt = splitStatements(script)[1];
    const pos = [...stmt.text].indexOf("n") + 1; // Postgres counts characters, 1-based
    const e = toQueryError({ message: 'column "nme" does not exist', code: "42703", position: String(pos), hint: "Perhaps nm?" }, stmt, 1);
    assert.equal(e.sqlstate, "42703");
    assert.equal(e.statementIndex, 1);
    assert.equal(e.hint, "Perhaps nm?");
    assert.equal(script.slice(e.scriptOffset!, e.scriptOffset! + 3), "nme");
  });
  it("ignores non-SQLSTATE codes", () => {
    assert.equal(toQueryError({ message: "x", code: "ECONNRESET" }).sqlstate, undefined);
  });
});
