import assert from "node:assert/strict";
import { indexCatalog } from "../../../src/core/sql/analysis/catalogIndex";
import { bindStatement, MissingParameterError } from "../../../src/core/sql/params/bindParameters";
import { inferParameterTypes } from "../../../src/core/sql/params/inferParameterTypes";
import { formatParameterInput, parameterWarning, parseParameterInput, rememberParameters, type RememberedParameters } from "../../../src/core/sql/params/parameterInput";
import { placeholdersIn, scanParameters } from "../../../src/core/sql/params/scanParameters";
import { errorPositionToOffset } from "../../../src/core/sql/splitStatements";
import { demoCatalog, ITEMS, SALES } from "./catalogFixture";

const keys = (sql: string) => scanParameters(sql).keys;

describe("query parameters: finding placeholders", () => {
  it("finds $n and :name, positional by number then names by first use", () => {
    assert.deepEqual(keys("SELECT * FROM orders WHERE status = :status AND id > $2 AND customer_id = $1 AND total < :max AND status <> :status"), ["$1", "$2", ":status", ":max"]);
  });

  it("not inside strings, E-strings, comments, quoted identifiers, dollar-quoted bodies or ::casts", () => {
    const sql = [
      "SELECT '$1 :a', E'it''s \\' $2', \"col $3 :b\", $$ $4 :c $$, $fn$ :d $fn$, x::text, '1'::int -- $5 :e",
      "  /* $6 :f /* nested $7 */ :g */ FROM t WHERE id = :real",
    ].join("\n");
    assert.deepEqual(keys(sql), [":real"]);
  });

  it("an array slice a[lo:hi] is not a parameter; a parameter inside brackets by number is", () => {
    assert.deepEqual(keys("SELECT arr[1:n], arr[lo:hi], arr[$1] FROM t WHERE x = :y"), ["$1", ":y"]);
  });

  it("statements that cannot take bind parameters have none (PREPARE, CREATE FUNCTION bodies, DDL)", () => {
    assert.deepEqual(placeholdersIn("PREPARE q(int) AS SELECT $1"), []);
    assert.deepEqual(placeholdersIn("CREATE FUNCTION f(int) RETURNS int RETURN $1 + 1"), []);
    assert.deepEqual(keys("PREPARE q(int) AS SELECT $1;\nSELECT :a;\nCREATE FUNCTION g(int) RETURNS int BEGIN ATOMIC SELECT $1; END;"), [":a"]);
  });

  it("reports each statement's placeholders with offsets in its own text", () => {
    const scan = scanParameters("SELECT 1;\nSELECT :a, $1;\nUPDATE t SET x = :a");
    assert.equal(scan.statements.length, 2);
    const [first, second] = scan.statements;
    assert.deepEqual(first.placeholders.map((p) => first.statement.text.slice(p.start, p.end)), [":a", "$1"]);
    assert.deepEqual(second.placeholders.map((p) => p.key), [":a"]);
  });
});

describe("query parameters: binding", () => {
  it("rewrites :name to $n, numbers each statement alone, and keeps values out of the text", () => {
    const bound = bindStatement("SELECT * FROM t WHERE b = :b AND a = $2 AND c = :b", { $1: "one", $2: "two", ":b": "'; drop table x; --" })!;
    assert.equal(bound.text, "SELECT * FROM t WHERE b = $2 AND a = $1 AND c = $2");
    assert.deepEqual(bound.values, ["two", "'; drop table x; --"]);
    assert.ok(!bound.text.includes("drop"));
  });

  it("null stays null; an empty string stays an empty string", () => {
    assert.deepEqual(bindStatement("SELECT :a, :b", { ":a": null, ":b": "" })!.values, [null, ""]);
  });

  it("a statement without placeholders is not bound", () => {
    assert.equal(bindStatement("SELECT '$1', 2", { $1: "x" }), undefined);
  });

  it("a missing value is a clear error naming the parameter", () => {
    assert.throws(() => bindStatement("SELECT :a, :b", { ":a": "1" }), (e: Error) => e instanceof MissingParameterError && /:b/.test(e.message));
  });

  it("maps the server's error position in the sent text back to the statement as written", () => {
    const text = "SELECT :customer_id, 'é🚀', nope FROM t";
    const bound = bindStatement(text, { ":customer_id": "1" })!;
    assert.equal(bound.text, "SELECT $1, 'é🚀', nope FROM t");
    const sentPos = [...bound.text.slice(0, bound.text.indexOf("nope"))].length + 1;
    const original = bound.sourcePosition(sentPos);
    assert.equal(errorPositionToOffset({ kind: "sql", start: 0, end: text.length, text, terminated: false }, original), text.indexOf("nope"));
    // A position on the placeholder itself points at the placeholder as written.
    assert.equal(bound.sourcePosition(8), 8);
  });

  it("maps positions when a rewritten placeholder is longer than the name (:a → $10)", () => {
    const names = Array.from({ length: 10 }, (_, i) => `:${String.fromCharCode(97 + i)}`);
    const text = `SELECT ${names.join(",")}, bad`;
    const values = Object.fromEntries(names.map((n) => [n, "1"]));
    const bound = bindStatement(text, values)!;
    assert.match(bound.text, /\$10, bad$/);
    const sentPos = bound.text.indexOf("bad") + 1;
    assert.equal(bound.sourcePosition(sentPos), text.indexOf("bad") + 1);
  });
});

describe("query parameters: types from the catalog", () => {
  const index = indexCatalog(demoCatalog());

  it("a comparison with a column, either side, qualified or not", () => {
    const types = inferParameterTypes("SELECT * FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.total > $1 AND :email = c.email AND status LIKE :s", index);
    assert.deepEqual(Object.fromEntries(types), { $1: "numeric(10,2)", ":email": "text", ":s": "text" });
  });

  it("IN lists, BETWEEN, NOT LIKE, LIMIT/OFFSET and an explicit cast", () => {
    const types = inferParameterTypes("SELECT * FROM customers WHERE id IN ($1, $2) AND created_at BETWEEN :from AND :to AND name NOT LIKE :n AND email = :e::varchar(40) LIMIT :lim OFFSET $3", index);
    assert.deepEqual(Object.fromEntries(types), {
      $1: "integer", $2: "integer", ":from": "timestamp with time zone", ":to": "timestamp with time zone", ":n": "text", ":e": "varchar(40)", ":lim": "bigint", $3: "bigint",
    });
  });

  it("INSERT … (columns) VALUES positions, with quoted, mixed-case and emoji names", () => {
    const types = inferParameterTypes(`INSERT INTO "${SALES}"."${ITEMS.replace(/"/g, '""')}" ("customer_id", "Qty", "Mood 😀") VALUES ($1, :qty, :mood)`, index);
    assert.deepEqual(Object.fromEntries(types), { $1: "integer", ":qty": `"${SALES}".positive_int`, ":mood": `"${SALES}".mood` });
    assert.deepEqual(Object.fromEntries(inferParameterTypes("INSERT INTO customers VALUES ($1, $2)", index)), { $1: "integer", $2: "text" });
  });

  it("no catalog (key words only): casts and LIMIT still; unknown columns are left to the server", () => {
    assert.deepEqual(Object.fromEntries(inferParameterTypes("SELECT * FROM customers WHERE id = $1 AND x = $2::int LIMIT $3", undefined)), { $2: "int", $3: "bigint" });
    assert.deepEqual(Object.fromEntries(inferParameterTypes("SELECT * FROM customers WHERE nope = $1", index)), {});
  });
});

describe("query parameters: the prompt's values", () => {
  it("NULL (any case, blanks around) is SQL NULL; anything else is sent as typed", () => {
    assert.equal(parseParameterInput(" null "), null);
    assert.equal(parseParameterInput("NULL"), null);
    assert.equal(parseParameterInput("'NULL'"), "'NULL'");
    assert.equal(parseParameterInput(""), "");
    assert.equal(parseParameterInput(" 42 "), " 42 ");
    assert.equal(formatParameterInput(null), "NULL");
    assert.equal(formatParameterInput(undefined), "");
  });

  it("warns (does not refuse) when a value cannot be of the inferred type", () => {
    assert.match(parameterWarning("abc", "integer") ?? "", /integer expects a whole number/);
    assert.equal(parameterWarning("-12", "bigint"), undefined);
    assert.equal(parameterWarning("NULL", "integer"), undefined);
    assert.match(parameterWarning("1,5", "numeric(10,2)") ?? "", /expects a number/);
    assert.equal(parameterWarning("1.5e3", "numeric(10,2)"), undefined);
    assert.match(parameterWarning("maybe", "boolean") ?? "", /boolean/);
    assert.equal(parameterWarning("anything", "text"), undefined);
    assert.equal(parameterWarning("anything", undefined), undefined);
  });

  it("remembers the last values per document, drops what looks like a secret, keeps at most `limit` documents", () => {
    const keep = (v: string) => !v.startsWith("dapi");
    let all = rememberParameters(undefined, "file:///a.sql", { ":id": "1", $1: null }, keep);
    all = rememberParameters(all, "file:///b.sql", { ":id": "2" }, keep);
    all = rememberParameters(all, "file:///a.sql", { ":id": "3", ":tok": "dapi0123456789abcdef0123" }, keep);
    assert.deepEqual(all, { "file:///b.sql": { ":id": "2" }, "file:///a.sql": { ":id": "3", $1: null } });
    assert.deepEqual(Object.keys(all), ["file:///b.sql", "file:///a.sql"], "the last used document is last");
    let many: RememberedParameters = all;
    for (let i = 0; i < 5; i++) many = rememberParameters(many, `file:///${i}.sql`, { ":x": String(i) }, keep, 3);
    assert.deepEqual(Object.keys(many), ["file:///2.sql", "file:///3.sql", "file:///4.sql"]);
  });
});
