import assert from "node:assert/strict";
import { type CatalogIndex, indexCatalog } from "../../../src/core/sql/analysis/catalogIndex";
import { complete, type CompletionResult } from "../../../src/core/sql/analysis/completion";
import { hover } from "../../../src/core/sql/analysis/hover";
import { bigCatalog, demoCatalog, SALES } from "./catalogFixture";

const index = indexCatalog(demoCatalog());

/** Completes where `|` is. */
function at(sqlWithCursor: string, idx: CatalogIndex | null = index): CompletionResult & { text: string; offset: number } {
  const offset = sqlWithCursor.indexOf("|");
  const text = sqlWithCursor.slice(0, offset) + sqlWithCursor.slice(offset + 1);
  return { ...complete(text, offset, idx ?? undefined), text, offset };
}
const labels = (r: CompletionResult, kind?: string) => r.items.filter((i) => !kind || i.kind === kind).map((i) => i.label);
const item = (r: CompletionResult, label: string) => {
  const found = r.items.find((i) => i.label === label);
  assert.ok(found, `no item ${label} in ${labels(r).slice(0, 40).join(", ")}`);
  return found;
};
const sorted = (r: CompletionResult, kind?: string) => [...r.items].filter((i) => !kind || i.kind === kind).sort((a, b) => (a.sortText < b.sortText ? -1 : 1)).map((i) => i.label);

describe("completion", () => {
  it("after FROM: the search path's tables and views, and schemas; no columns", () => {
    const r = at("SELECT * FROM |");
    assert.equal(r.site, "relation");
    assert.deepEqual(labels(r, "table"), ["customers", "orders"]);
    assert.deepEqual(labels(r, "view"), ["paid_orders"]);
    assert.deepEqual(labels(r, "schema"), ["public", SALES, "audit"]);
    assert.equal(labels(r, "column").length, 0);
    assert.equal(item(r, "customers").detail, "table public");
  });

  it("after a comma in FROM, and after JOIN, tables again; after a table and its alias, key words", () => {
    assert.deepEqual(labels(at("SELECT * FROM orders, |"), "table"), ["customers", "orders"]);
    assert.equal(at("SELECT * FROM orders o |").site, "afterRelation");
    assert.ok(labels(at("SELECT * FROM orders o |")).includes("WHERE"));
  });

  it("in the SELECT list: columns of the FROM tables in table order, before functions and key words", () => {
    const r = at("SELECT | FROM customers c");
    assert.equal(r.site, "expression");
    assert.deepEqual(sorted(r, "column"), ["id", "name", "email", "created_at"]);
    const order = sorted(r);
    assert.ok(order.indexOf("created_at") < order.indexOf("add_tax") && order.indexOf("add_tax") < order.indexOf("date_trunc") && order.indexOf("date_trunc") < order.indexOf("SELECT"));
    assert.equal(item(r, "email").detail, "text NOT NULL · customers");
    assert.equal(item(r, "id").detail, "integer NOT NULL PK · customers");
  });

  it("after alias.: only that table's columns, also when the FROM comes later or the table is joined", () => {
    const r = at("SELECT c.| FROM customers c JOIN orders o ON o.customer_id = c.id");
    assert.equal(r.site, "member");
    assert.deepEqual(labels(r), ["id", "name", "email", "created_at"]);
    assert.deepEqual(labels(at("SELECT * FROM customers c JOIN orders o ON o.customer_id = c.id WHERE o.|")), ["id", "customer_id", "total", "status"]);
  });

  it("in WHERE with two tables, each column says which alias it belongs to", () => {
    const r = at("SELECT * FROM customers c JOIN orders o ON o.customer_id = c.id WHERE |");
    assert.equal(item(r, "total").detail, "numeric(10,2) NOT NULL · o");
    assert.ok(labels(r, "column").includes("email"));
  });

  it("after JOIN: the tables a foreign key links to the ones in FROM, with the ON condition", () => {
    const r = at("SELECT * FROM customers c JOIN |");
    const joins = r.items.filter((i) => i.kind === "join");
    assert.deepEqual(joins.map((j) => j.insertText), ["orders o ON o.customer_id = c.id", `"${SALES}"."Order ""Items""" oi ON oi.customer_id = c.id`]);
    assert.equal(joins[0].filterText, "orders");
    const back = at("SELECT * FROM orders JOIN |").items.filter((i) => i.kind === "join").map((j) => j.insertText);
    assert.deepEqual(back, ["customers c ON c.id = orders.customer_id"]);
    // A join typed in front of an existing one: aliases after the cursor do not count.
    const before = at("SELECT * FROM customers c LEFT JOIN |orders o ON o.customer_id = c.id").items.filter((i) => i.kind === "join").map((j) => j.insertText);
    assert.equal(before[0], "orders o ON o.customer_id = c.id");
    const taken = at("SELECT * FROM customers o JOIN |").items.filter((i) => i.kind === "join").map((j) => j.insertText);
    assert.equal(taken[0], "orders o2 ON o2.customer_id = o.id");
  });

  it("after JOIN t ON: the foreign-key condition between t and the tables before it", () => {
    const r = at("SELECT * FROM customers c JOIN orders o ON |");
    assert.deepEqual(r.items.filter((i) => i.kind === "join").map((i) => i.insertText), ["o.customer_id = c.id"]);
  });

  it("after schema.: that schema's relations, functions and types, quoted as needed", () => {
    const r = at(`SELECT * FROM "${SALES}".|`);
    assert.equal(r.site, "member");
    assert.deepEqual(r.items.filter((i) => i.kind === "table").map((i) => i.insertText), ['"Order ""Items"""', "events", "events_2026"]);
    assert.deepEqual(r.items.filter((i) => i.kind === "type").map((i) => i.insertText), ["mood"]);
  });

  it("a half-typed quoted name is replaced whole and filtered on its quoted form", () => {
    const r = at(`SELECT * FROM "${SALES}"."Ord|`);
    const it0 = item(r, 'Order "Items"');
    assert.equal(it0.filterText, '"Order ""Items"""');
    assert.equal(r.text.slice(r.replaceStart, r.replaceEnd), '"Ord');
    // Unquoted typing filters on the plain name.
    assert.equal(item(at(`SELECT * FROM "${SALES}".Ord|`), 'Order "Items"').filterText, 'Order "Items"');
  });

  it("mixed-case, emoji and reserved-word columns are inserted quoted", () => {
    const r = at(`SELECT i.| FROM "${SALES}"."Order ""Items""" AS i`);
    assert.deepEqual(r.items.map((i) => i.insertText), ['"ID"', "customer_id", '"Qty"', '"Mood 😀"']);
  });

  it("respects the search path: a table of another schema is reachable only qualified; the first schema wins a shared name", () => {
    assert.ok(!labels(at("SELECT * FROM |")).includes("events"));
    const withAudit = indexCatalog({ ...demoCatalog(), searchPath: ["audit", "public"] });
    const r = at("SELECT * FROM |", withAudit);
    assert.deepEqual(r.items.filter((i) => i.label === "customers").map((i) => i.detail), ["table audit"]);
    assert.deepEqual(labels(at("SELECT | FROM customers", withAudit), "column"), ["changed_at", "who"]);
  });

  it("a word being typed is the replace range, and the current statement alone counts", () => {
    const r = at("SELECT id FROM customers;\nSELECT to| FROM orders");
    assert.deepEqual(labels(r, "column"), ["id", "customer_id", "total", "status"]);
    assert.equal(r.text.slice(r.replaceStart, r.replaceEnd), "to");
  });

  it("INSERT column lists and UPDATE … SET offer the target table's columns only", () => {
    assert.deepEqual(labels(at("INSERT INTO orders (|")), ["id", "customer_id", "total", "status"]);
    assert.deepEqual(labels(at("INSERT INTO public.orders (id, |")), ["id", "customer_id", "total", "status"]);
    assert.deepEqual(labels(at("UPDATE orders SET |")), ["id", "customer_id", "total", "status"]);
    assert.ok(labels(at("INSERT INTO orders (id) VALUES (|")).includes("now"));
  });

  it("after :: and in a CREATE TABLE column: types, user types of the search path first", () => {
    const r = at("SELECT 'open'::|");
    assert.equal(r.site, "type");
    assert.deepEqual(sorted(r, "type"), ["status", "int4", "text"]);
    assert.equal(at("CREATE TABLE t (id int, mood |").site, "type");
    assert.notEqual(at("CREATE TABLE t (|").site, "type", "a column name comes first");
    assert.equal(at("ALTER TABLE t ADD COLUMN x |").site, "type");
  });

  it("functions are one item per name with their first signature and a snippet that places the cursor", () => {
    const r = at("SELECT | FROM orders");
    const dt = item(r, "date_trunc");
    assert.equal(dt.detail, "date_trunc(text, timestamp with time zone) → timestamp with time zone (+1 overloads)");
    assert.equal(dt.insertText, "date_trunc($0)");
    assert.equal(dt.snippet, true);
    assert.equal(item(r, "now").insertText, "now()$0");
  });

  it("nothing inside a comment or a string; key words only at the start of a statement", () => {
    assert.equal(at("SELECT * FROM orders -- FROM |").items.length, 0);
    assert.equal(at("SELECT * FROM orders /* | */").items.length, 0);
    assert.equal(at("SELECT 'FROM |' FROM orders").items.length, 0);
    const r = at("|");
    assert.equal(r.site, "statement");
    assert.ok(r.items.every((i) => i.kind === "keyword"));
  });

  it("without a catalog (unreachable target): key words only, never a throw", () => {
    const r = at("SELECT * FROM |", null);
    assert.ok(r.items.length > 20);
    assert.ok(r.items.every((i) => i.kind === "keyword"));
  });

  it("a subquery's tables are not visible outside it, an enclosing query's are inside", () => {
    const outside = at("SELECT | FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id)");
    assert.deepEqual(labels(outside, "column"), ["id", "name", "email", "created_at"]);
    const inside = at("SELECT * FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE |)");
    assert.deepEqual(labels(inside, "column"), ["id", "name", "email", "created_at", "customer_id", "total", "status"]);
  });

  it("completes over a 5,000-table × 20-column catalog (FROM, SELECT list, JOIN); its speed is measured in npm run bench", () => {
    const big = indexCatalog(bigCatalog(5000, 20));
    const cases = ["SELECT * FROM |", "SELECT | FROM table_10 a JOIN table_11 b ON a.id = b.id", "SELECT * FROM table_4000 t JOIN |"];
    for (const c of cases) assert.ok(at(c, big).items.length > 0, c);
    assert.equal(at("SELECT * FROM |", big).items.filter((i) => i.kind === "table").length, 5002);
  });

  it("a 10,000-table catalog: every table after FROM, an alias's columns, FK joins, and hover still right", function () {
    // Building the catalog, its index and the 10,000-item FROM list once is ~0.4 s of CPU, several times that on a loaded machine.
    this.timeout(10_000);
    const big = indexCatalog(bigCatalog(10_000, 4)); // the table count is what is big here
    assert.equal(at("SELECT * FROM |", big).items.filter((i) => i.kind === "table").length, 10_002);
    assert.deepEqual(labels(at("SELECT t.| FROM table_9999 t", big), "column").slice(0, 3), ["id", "column_1_of_9999", "column_2_of_9999"]);
    assert.ok(labels(at("SELECT * FROM table_9999 t JOIN |", big), "join").some((l) => l.includes("table_9998")), "the FK to the previous table is offered");
    const text = "SELECT column_3_of_9000 FROM table_9000";
    assert.match(hover(text, 10, big)!.markdown, /^\*\*column\*\* `table_9000\.column_3_of_9000`/);
  });

  it("a 5 MB file: completion at its end sees the statement at the cursor", () => {
    const text = "SELECT id, name FROM customers WHERE id = 1;\n".repeat(120_000) + "SELECT | FROM orders;";
    const r = at(text);
    assert.deepEqual(labels(r, "column"), ["id", "customer_id", "total", "status"]);
  });
});
