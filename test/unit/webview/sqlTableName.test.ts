// The table a result comes from, for "Copy as SQL INSERT": taken from the statement's tokens, never from a
// comment, string literal or dollar-quoted body.
import assert from "node:assert/strict";
import { guessTableName } from "../../../webview/results/copyFormats";
import { sourceTable } from "../../../webview/results/sqlTableName";

describe("sourceTable (INSERT table name from the statement's parse)", () => {
  it("ignores a leading line comment that contains the word 'from'", () => {
    const sql = "-- Orders: read from the table below\nSELECT id, total FROM shop.orders WHERE total > 10";
    assert.deepEqual(sourceTable(sql), ["shop", "orders"]);
    assert.deepEqual(guessTableName(sql), ["shop", "orders"]);
  });

  it("ignores block comments (nested), string literals and dollar-quoted text", () => {
    assert.deepEqual(sourceTable("/* pick from /* nested from x */ the */ select 'from y', $q$ from z $q$ from public.items"), ["public", "items"]);
    assert.deepEqual(sourceTable("select E'it\\'s from w' as a from t1"), ["t1"]);
  });

  it("keeps quoted identifiers exact, folds unquoted ones to lower case", () => {
    assert.deepEqual(sourceTable('SELECT a FROM "My Schema"."Odd""T"'), ["My Schema", 'Odd"T']);
    assert.deepEqual(sourceTable("select * from Public.Users u"), ["public", "users"]);
  });

  it("skips a FROM inside parentheses (subquery, function call) and prefers the outer one", () => {
    assert.deepEqual(sourceTable("select (select max(x) from other) as m, extract(year from ts) from main_t"), ["main_t"]);
  });

  it("returns undefined when the statement reads no table", () => {
    assert.equal(sourceTable("-- from comments only\nselect 1"), undefined);
    assert.equal(sourceTable("select * from (select 1) s"), undefined);
    assert.deepEqual(guessTableName("select 1 -- from nowhere"), ["table_name"]);
  });
});
