import assert from "node:assert/strict";
import {
  formatCopy, guessTableName, jsonValue, quoteIdent, quoteLiteral, toCsv, toInsert, toJson, toMarkdown, toTsv,
} from "../../../webview/results/copyFormats";

const cols = [
  { name: "id", typeName: "int4" },
  { name: "name", typeName: "text" },
  { name: "big", typeName: "int8" },
  { name: "ok", typeName: "bool" },
];
const rows = [
  ["1", "plain", "9007199254740993", "t"],
  ["2", null, null, "f"],
  ["3", 'say "hi",\tnow\nthen | pipe', "0", null],
  ["4", "", "-5", "t"],
];

describe("copy formats", () => {
  it("TSV: NULL empty, quotes only around tabs/newlines/quotes, optional headers", () => {
    assert.equal(toTsv(cols, rows.slice(0, 2)), "1\tplain\t9007199254740993\tt\n2\t\t\tf");
    assert.equal(toTsv(cols, [rows[2]!]), '3\t"say ""hi"",\tnow\nthen | pipe"\t0\t');
    assert.equal(toTsv(cols, [rows[0]!], true), "id\tname\tbig\tok\n1\tplain\t9007199254740993\tt");
  });

  it("CSV follows RFC 4180 with CRLF and keeps NULL and '' distinct", () => {
    assert.equal(
      toCsv(cols, rows),
      'id,name,big,ok\r\n1,plain,9007199254740993,t\r\n2,,,f\r\n3,"say ""hi"",\tnow\nthen | pipe",0,\r\n4,"",-5,t',
    );
  });

  it("JSON maps exact numeric types, bool and json; keeps int8 as string; disambiguates duplicate names", () => {
    const parsed = JSON.parse(toJson(cols, rows.slice(0, 2))) as unknown;
    assert.deepEqual(parsed, [
      { id: 1, name: "plain", big: "9007199254740993", ok: true },
      { id: 2, name: null, big: null, ok: false },
    ]);
    const dup = [{ name: "?column?", typeName: "int4" }, { name: "?column?", typeName: "jsonb" }];
    assert.equal(toJson(dup, [["1", '{"a":[1,2]}']]), '[\n  {\n    "?column?": 1,\n    "?column?_2": {\n      "a": [\n        1,\n        2\n      ]\n    }\n  }\n]');
    assert.equal(jsonValue("NaN", "float8"), "NaN");
    assert.equal(jsonValue("1.5e3", "float8"), 1500);
    assert.equal(jsonValue("{bad", "json"), "{bad");
  });

  it("Markdown escapes pipes, turns newlines into <br> and right-aligns numeric columns", () => {
    assert.equal(toMarkdown(cols, rows.slice(1, 3)), [
      "| id | name | big | ok |",
      "| ---: | --- | ---: | --- |",
      "| 2 | NULL | NULL | f |",
      '| 3 | say "hi",\tnow<br>then \\| pipe | 0 | NULL |',
    ].join("\n"));
  });

  it("SQL INSERT quotes identifiers and literals, leaves numbers, booleans and NULL bare", () => {
    const weird = [{ name: 'we"ird', typeName: "text" }, { name: "n", typeName: "numeric" }, { name: "b", typeName: "bool" }];
    assert.equal(
      toInsert(weird, [["O'Reilly \\ x", "12.50", "t"], [null, "NaN", null]], ["my schema", "T"]),
      'INSERT INTO "my schema"."T" ("we""ird", "n", "b") VALUES (\'O\'\'Reilly \\ x\', 12.50, true);\n' +
      'INSERT INTO "my schema"."T" ("we""ird", "n", "b") VALUES (NULL, \'NaN\', NULL);',
    );
    assert.equal(quoteIdent('a"b'), '"a""b"');
    assert.equal(quoteLiteral("it's"), "'it''s'");
  });

  it("guesses the table from the first FROM target", () => {
    assert.deepEqual(guessTableName("select * from public.Users u where x"), ["public", "users"]);
    assert.deepEqual(guessTableName('SELECT a FROM "My Schema"."Odd""T"'), ["My Schema", 'Odd"T']);
    assert.deepEqual(guessTableName("select 1"), ["table_name"]);
  });

  it("formatCopy dispatches every format", () => {
    const one = [["1", "x", "2", "t"]];
    assert.equal(formatCopy("tsv", cols, one), "1\tx\t2\tt");
    assert.equal(formatCopy("tsvHeaders", cols, one), "id\tname\tbig\tok\n1\tx\t2\tt");
    assert.equal(formatCopy("csv", cols, one), "id,name,big,ok\r\n1,x,2,t");
    assert.equal(formatCopy("insert", cols, one, ["t"]), 'INSERT INTO "t" ("id", "name", "big", "ok") VALUES (1, \'x\', 2, true);');
    assert.ok(formatCopy("json", cols, one).startsWith("[\n  {"));
    assert.ok(formatCopy("markdown", cols, one).startsWith("| id |"));
  });
});
