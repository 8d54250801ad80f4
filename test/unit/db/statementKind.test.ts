import assert from "node:assert/strict";
import { changesSessionState, executionMode, firstKeyword, isCopyFromStdin } from "../../../src/core/db/statementKind";

describe("db: statement kinds", () => {
  it("finds the first keyword past comments and parentheses", () => {
    assert.equal(firstKeyword("  -- hi\n/* a /* nested */ b */ (select 1)"), "SELECT");
    assert.equal(firstKeyword("with x as (select 1) select * from x"), "WITH");
  });
  it("streams row-returning statements through a cursor, the rest through a simple query", () => {
    assert.equal(executionMode("SELECT 1"), "cursor");
    assert.equal(executionMode("-- c\nWITH a AS (SELECT 1) SELECT * FROM a"), "cursor");
    assert.equal(executionMode("insert into t values (1) returning id"), "cursor");
    assert.equal(executionMode("insert into t values (1)"), "simple");
    assert.equal(executionMode("BEGIN"), "simple");
    assert.equal(executionMode("COPY t TO STDOUT"), "simple");
    assert.equal(executionMode("VACUUM t"), "simple");
    assert.ok(isCopyFromStdin("copy t (a) from stdin with csv"));
    assert.ok(!isCopyFromStdin("copy t from '/tmp/x'"));
  });
  it("notices statements that leave session state behind", () => {
    assert.ok(changesSessionState("SET search_path = x"));
    assert.ok(changesSessionState("create temp table t (a int)"));
    assert.ok(changesSessionState("select set_config('a.b', '1', false)"));
    assert.ok(!changesSessionState("UPDATE t SET a = 1"));
  });
});
