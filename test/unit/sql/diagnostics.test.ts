import assert from "node:assert/strict";
import { indexCatalog } from "../../../src/core/sql/analysis/catalogIndex";
import { diagnose, DiagnosticsCache, type SqlDiagnostic } from "../../../src/core/sql/diagnostics/diagnose";
import { loadPgParser, type PgParser, type PgParseResult } from "../../../src/core/sql/diagnostics/pgParser";
import { closestNames } from "../../../src/core/sql/diagnostics/suggest";
import { demoCatalog, SALES } from "./catalogFixture";

const index = indexCatalog(demoCatalog());
let parser: PgParser;
before(async function () {
  this.timeout(20000);
  parser = await loadPgParser(() => import("libpg-query"));
});

async function check(text: string, withCatalog = true): Promise<(SqlDiagnostic & { text: string })[]> {
  const d = await diagnose(text, parser, withCatalog ? { index } : {});
  assert.ok(d);
  return d.map((x) => ({ ...x, text: text.slice(x.start, x.end) }));
}

describe("diagnostics from PostgreSQL's parser", () => {
  it("a syntax error is squiggled at the exact character, with Postgres's message", async () => {
    const [d] = await check("SELECT 1;\nSELEC name FROM customers;");
    assert.deepEqual({ start: d.start, end: d.end, severity: d.severity, message: d.message, text: d.text }, { start: 10, end: 15, severity: "error", message: 'syntax error at or near "SELEC"', text: "SELEC" });
  });

  it("positions stay exact after emoji and other astral characters, and in every broken statement", async () => {
    // `FRM` is a column alias to Postgres: the error is at the name after it, past the emoji.
    const text = "SELECT '😀😀' AS a FROM customers WHERE;\nSELECT \"Mood 😀\" FRM customers;";
    const ds = await check(text, false);
    assert.deepEqual(ds.map((d) => [d.message, d.text]), [["syntax error at end of input", "WHERE"], ['syntax error at or near "customers"', "customers"]]);
  });

  it("valid PostgreSQL (dollar quotes, CTEs, DO blocks, psql meta-commands) gives no error", async () => {
    const text = [
      "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;",
      "WITH x AS (SELECT id FROM customers) SELECT id FROM x;",
      "DO $do$ BEGIN RAISE NOTICE 'hi'; END $do$;",
      "\\set ON_ERROR_STOP on",
      "SELECT c.name, count(o.id) FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.name ORDER BY 2 DESC;",
    ].join("\n");
    assert.deepEqual(await check(text), []);
  });

  it("an unknown table is Information with the closest names as fixes", async () => {
    const [d, ...rest] = await check("SELECT * FROM custmers;");
    assert.equal(rest.length, 0);
    assert.deepEqual({ severity: d.severity, code: d.code, text: d.text, suggestions: d.suggestions, message: d.message }, {
      severity: "information", code: "unknown-table", text: "custmers", suggestions: ["customers"],
      message: 'Table "custmers" is not in the search path (public) of the target\'s catalog. Did you mean "customers"?',
    });
  });

  it("an unknown column: unqualified (one known table), qualified by alias, in UPDATE SET and INSERT lists", async () => {
    const ds = await check([
      "SELECT nme FROM customers;",
      "SELECT c.emial FROM customers c JOIN orders o ON o.customer_id = c.id;",
      "UPDATE orders SET totl = 1 WHERE id = 2;",
      "INSERT INTO orders (customer_id, stauts) VALUES (1, 'x');",
    ].join("\n"));
    assert.deepEqual(ds.map((d) => [d.code, d.text, d.suggestions]), [
      ["unknown-column", "nme", ["name"]],
      ["unknown-column", "emial", ["email"]],
      ["unknown-column", "totl", ["total"]],
      ["unknown-column", "stauts", ["status"]],
    ]);
    assert.equal(ds[0].message, 'Column "nme" is not in public.customers. Did you mean "name"?');
  });

  it("quoted, mixed-case and emoji names: found when they exist, fixes quoted", async () => {
    const ok = await check(`SELECT i."Mood 😀", i."Qty" FROM "${SALES}"."Order ""Items""" i;`);
    assert.deepEqual(ok, []);
    const [d] = await check(`SELECT i."qty", * FROM "${SALES}"."Order ""Items""" i;`);
    assert.deepEqual([d.text, d.suggestions], ['"qty"', ['"Qty"']]);
  });

  it("is conservative: subqueries, functions in FROM, CTEs, output aliases, outer references, and tables the document creates", async () => {
    const text = [
      "SELECT x FROM (SELECT 1 AS x) s;",
      "SELECT g FROM generate_series(1, 3) g;",
      "WITH recent AS (SELECT id FROM orders) SELECT id FROM recent;",
      "SELECT total * 2 AS doubled FROM orders ORDER BY doubled;",
      "SELECT name FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND name <> '');",
      "CREATE TABLE invoices (id int, amount numeric);",
      "INSERT INTO invoices (id, amount) VALUES (1, 2);",
      "ALTER TABLE orders ADD COLUMN note text;",
      "UPDATE orders SET note = 'x';",
    ].join("\n");
    assert.deepEqual(await check(text), []);
  });

  it("without a catalog only syntax is checked", async () => {
    assert.deepEqual(await check("SELECT nme FROM custmers;", false), []);
  });

  it("a SQL document in another dialect gets Postgres's own errors, not a crash", async () => {
    const ds = await check("SELECT `id` FROM customers LIMIT 1, 2;", false);
    assert.equal(ds.length, 1);
    assert.equal(ds[0].severity, "error");
  });

  it("parses each statement once across runs (the cache), and stops when aborted", async () => {
    let parses = 0;
    const counting: PgParser = { loadMs: 0, parse: (sql): PgParseResult => { parses++; return parser.parse(sql); } };
    const cache = new DiagnosticsCache();
    const text = "SELECT 1;\nSELECT 2;\nSELECT 3;";
    await diagnose(text, counting, { cache });
    assert.equal(parses, 3);
    await diagnose(text.replace("SELECT 2", "SELECT 22"), counting, { cache });
    assert.equal(parses, 4, "only the edited statement is parsed again");
    const abort = new AbortController();
    abort.abort();
    assert.equal(await diagnose(text, counting, { signal: abort.signal }), undefined);
  });

  it("time-boxed: a huge statement is skipped with a note, and long files yield between slices", async () => {
    const huge = `SELECT '${"x".repeat(2000)}'`;
    const [d] = await check(`${huge};`, false).then(() => diagnose(`${huge};`, parser, { maxStatementLength: 1000 })).then((r) => r!);
    assert.equal(d.code, "not-checked");
    let yielded = false;
    setImmediate(() => { yielded = true; });
    await diagnose("SELECT 1;\n".repeat(50), parser, { sliceMs: 0 }); // sliceMs 0: a yield after every statement
    assert.ok(yielded, "the event loop ran during the check");
  });

  it("a 5 MB file: checked in slices that yield to the event loop, the error in its last statement at the exact character", async function () {
    // Splitting and walking 120,000 statements is seconds of CPU on a loaded machine: the check is about what is found, not how fast.
    this.timeout(30_000);
    const text = "SELECT id, name FROM customers WHERE id = 1;\n".repeat(120_000) + "SELECT nme FROM customers WHERE;";
    assert.ok(text.length > 5_000_000);
    let yields = 0;
    const tick = setInterval(() => { yields++; }, 0);
    // With the editor's cache the 120,000 identical statements are parsed once.
    const ds = await diagnose(text, parser, { index, sliceMs: 15, cache: new DiagnosticsCache() }).finally(() => clearInterval(tick));
    assert.ok(yields > 0, "timers ran while the file was checked");
    const view = ds!.map((d) => [d.code, text.slice(d.start, d.end)]);
    // "at end of input": the statement's last token; a statement that does not parse is not checked against the catalog.
    assert.deepEqual(view, [["syntax", "WHERE"]]);
    assert.equal(ds![0].start, text.length - "WHERE;".length);
  });

  it("a slow parser is time-boxed: the check yields between statements, and a newer version of the document stops it", async () => {
    let parses = 0;
    const slow: PgParser = { loadMs: 0, parse: (sql): PgParseResult => { parses++; const until = performance.now() + 5; while (performance.now() < until) { /* a slow parse */ } return parser.parse(sql); } };
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 20);
    const result = await diagnose("SELECT 1;\n".repeat(200), slow, { sliceMs: 15, signal: abort.signal });
    assert.equal(result, undefined, "the check was cancelled");
    assert.ok(parses < 200, `stopped after ${parses} of 200 statements`);
  });

  it("2,000-line migration: after an edit, one statement is parsed and checked again (timings: npm run bench)", async () => {
    const stmt = "CREATE TABLE t_N (id serial PRIMARY KEY, name text NOT NULL, created_at timestamptz DEFAULT now());\nALTER TABLE t_N ADD COLUMN x int;\nINSERT INTO t_N (name) VALUES ('a');\nCREATE INDEX ON t_N (name);\n";
    let text = "";
    for (let i = 0; i < 500; i++) text += stmt.replace(/t_N/g, `t_${i}`);
    assert.equal(text.split("\n").length, 2001);
    let parses = 0;
    const counting: PgParser = { loadMs: 0, parse: (sql): PgParseResult => { parses++; return parser.parse(sql); } };
    const cache = new DiagnosticsCache();
    assert.deepEqual(await diagnose(text, counting, { cache, index }), []);
    assert.equal(parses, 2000);
    const edited = text.replace("t_250 (name) VALUES ('a')", "t_250 (nme) VALUES ('a')");
    const ds = await diagnose(edited, counting, { cache, index });
    assert.equal(parses, 2001);
    assert.deepEqual(ds, [], "t_250 is created by the document: its columns are not questioned");
  });
});

describe("a parser that breaks", () => {
  it("a non-SQL failure of the parser reaches the caller (which turns diagnostics off); a wrong module is refused at load", async () => {
    const broken: PgParser = { loadMs: 0, parse: () => { throw new Error("RuntimeError: memory access out of bounds"); } };
    await assert.rejects(diagnose("SELECT 1;", broken), /memory access out of bounds/);
    await assert.rejects(loadPgParser(() => ({ parse: () => undefined })), /no parseSync: wrong package or version/);
  });
});

describe("closestNames", () => {
  it("finds typos, swaps and case differences; not unrelated names", () => {
    assert.deepEqual(closestNames("custmers", ["customers", "orders", "cursors"]), ["customers"]);
    assert.deepEqual(closestNames("emial", ["email", "name"]), ["email"]);
    assert.deepEqual(closestNames("QTY", ["Qty", "id"]), ["Qty"]);
    assert.deepEqual(closestNames("zzz", ["customers"]), []);
  });
});
