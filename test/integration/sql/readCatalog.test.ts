import assert from "node:assert/strict";
import type pg from "pg";
import { readCatalog } from "../../../src/core/sql/catalog/readCatalog";
import type { Catalog, CatalogRelation } from "../../../src/core/sql/catalog/catalogTypes";
import { useEmulator } from "../../support/emulator";
import { makeHarness, type Harness } from "../db/queryStack";

const SCHEMA = "Sales Ünit 🚀";
const TABLE = 'Order "Items"';

// Identifiers that break naive quoting: a space, an emoji, a double quote, mixed case.
const DDL = `
CREATE SCHEMA "Sales Ünit 🚀";
COMMENT ON SCHEMA "Sales Ünit 🚀" IS 'the sales team';
CREATE TYPE "Sales Ünit 🚀".mood AS ENUM ('happy', 'sad, really', 'it''s ok');
CREATE DOMAIN "Sales Ünit 🚀".positive_int AS integer CHECK (VALUE > 0);
CREATE TYPE "Sales Ünit 🚀".money_pair AS (amount numeric(12,2), currency char(3));
CREATE TABLE "Sales Ünit 🚀"."Order ""Items""" (
  "ID" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id int NOT NULL REFERENCES public.customers(id),
  "Qty" "Sales Ünit 🚀".positive_int NOT NULL DEFAULT 1,
  "Mood 😀" "Sales Ünit 🚀".mood,
  price numeric(10,2),
  total numeric GENERATED ALWAYS AS (price * 2) STORED,
  CONSTRAINT price_positive CHECK (price > 0)
);
COMMENT ON TABLE "Sales Ünit 🚀"."Order ""Items""" IS 'one line per item';
COMMENT ON COLUMN "Sales Ünit 🚀"."Order ""Items"""."Qty" IS 'how many';
INSERT INTO "Sales Ünit 🚀"."Order ""Items""" (customer_id, "Qty", price) VALUES (1, 2, 3.5), (2, 1, 1), (3, 4, 2);
ANALYZE "Sales Ünit 🚀"."Order ""Items""";
CREATE TABLE "Sales Ünit 🚀".events (id int, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE "Sales Ünit 🚀".events_2026 PARTITION OF "Sales Ünit 🚀".events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE TABLE "Sales Ünit 🚀".never_analyzed (x int);
CREATE VIEW "Sales Ünit 🚀".big_orders AS SELECT "ID", price FROM "Sales Ünit 🚀"."Order ""Items""" WHERE price > 2;
CREATE MATERIALIZED VIEW "Sales Ünit 🚀".order_count AS SELECT count(*) AS n FROM "Sales Ünit 🚀"."Order ""Items""";
CREATE FUNCTION "Sales Ünit 🚀".add_tax(amount numeric, rate numeric DEFAULT 0.2, note text DEFAULT 'a, b (c)') RETURNS numeric
  LANGUAGE sql IMMUTABLE AS $$ SELECT amount * (1 + rate) $$;
COMMENT ON FUNCTION "Sales Ünit 🚀".add_tax(numeric, numeric, text) IS 'adds VAT';
CREATE PROCEDURE "Sales Ünit 🚀".reset_all() LANGUAGE sql AS $$ SELECT 1 $$;
CREATE AGGREGATE "Sales Ünit 🚀".my_sum(numeric) (SFUNC = numeric_add, STYPE = numeric);
`;

function relation(c: Catalog, schema: string, name: string): CatalogRelation {
  const r = c.relations.find((x) => x.schema === schema && x.name === name);
  assert.ok(r, `relation ${schema}.${name} not in the catalog: ${c.relations.map((x) => `${x.schema}.${x.name}`).join(", ")}`);
  return r;
}

describe("readCatalog on the emulator's Postgres", function () {
  this.timeout(120_000);
  let h: Harness | undefined;
  let client: pg.PoolClient;
  let catalog: Catalog;
  // Registered before useEmulator's own `after`, so it runs while the emulator still does.
  after(async () => {
    client?.release();
    await h?.dispose();
  });
  const emu = useEmulator({ seed: true });

  before(async () => {
    h = makeHarness(emu());
    client = (await h.pools.connect(h.target)).client;
    client.on("error", () => undefined);
    await client.query(DDL);
    await client.query(`SET search_path TO "Sales Ünit 🚀", public`);
    catalog = await readCatalog(client);
  });

  it("reads the session's effective search path and the database, and leaves the session's search path alone", async () => {
    assert.deepEqual(catalog.searchPath, [SCHEMA, "public"]);
    assert.deepEqual((await client.query("SHOW search_path")).rows, [{ search_path: `"${SCHEMA}", public` }]);
    assert.equal(catalog.database, "databricks_postgres");
  });

  it("lists user schemas with comments, and no system schema", () => {
    const names = catalog.schemas.map((s) => s.name);
    assert.ok(names.includes("public"));
    assert.deepEqual(catalog.schemas.find((s) => s.name === SCHEMA)?.comment, "the sales team");
    assert.ok(!names.some((n) => n === "pg_catalog" || n === "information_schema" || n.startsWith("pg_toast")), names.join(","));
  });

  it("reads a table with a quoted name: kind, comment, estimated rows, columns with type/nullability/default/identity/generated", () => {
    const t = relation(catalog, SCHEMA, TABLE);
    assert.equal(t.kind, "table");
    assert.equal(t.comment, "one line per item");
    assert.equal(t.estimatedRows, 3);
    assert.deepEqual(t.columns.map((c) => c.name), ["ID", "customer_id", "Qty", "Mood 😀", "price", "total"]);
    const [id, customer, qty, mood, price, total] = t.columns;
    assert.deepEqual(id, { name: "ID", type: "bigint", nullable: false, generated: "GENERATED ALWAYS AS IDENTITY" });
    assert.deepEqual(customer, { name: "customer_id", type: "integer", nullable: false });
    assert.deepEqual(qty, { name: "Qty", type: `"${SCHEMA}".positive_int`, nullable: false, defaultValue: "1", comment: "how many" });
    assert.deepEqual(mood, { name: "Mood 😀", type: `"${SCHEMA}".mood`, nullable: true });
    assert.deepEqual(price, { name: "price", type: "numeric(10,2)", nullable: true });
    assert.deepEqual(total, { name: "total", type: "numeric", nullable: true, generated: "GENERATED ALWAYS AS ((price * (2)::numeric)) STORED" });
  });

  it("reads primary key, foreign keys and other constraints with their definitions", () => {
    const t = relation(catalog, SCHEMA, TABLE);
    assert.deepEqual(t.primaryKey, ["ID"]);
    assert.deepEqual(t.foreignKeys, [{ name: "Order \"Items\"_customer_id_fkey", columns: ["customer_id"], refSchema: "public", refTable: "customers", refColumns: ["id"] }]);
    assert.deepEqual(t.constraints.map((c) => [c.kind, c.definition]), [
      ["primary key", 'PRIMARY KEY ("ID")'],
      ["foreign key", "FOREIGN KEY (customer_id) REFERENCES public.customers(id)"],
      ["check", "CHECK ((price > (0)::numeric))"],
    ]);
    const orders = relation(catalog, "public", "orders");
    assert.deepEqual(orders.foreignKeys.map((f) => `${f.columns.join()}→${f.refSchema}.${f.refTable}(${f.refColumns.join()})`), ["customer_id→public.customers(id)"]);
  });

  it("knows a never-analyzed table has no estimate", () => {
    assert.equal(relation(catalog, SCHEMA, "never_analyzed").estimatedRows, null);
  });

  it("reads a partitioned table's key and a partition's parent and bound", () => {
    const parent = relation(catalog, SCHEMA, "events");
    assert.equal(parent.kind, "partitioned table");
    assert.equal(parent.partitionKey, "RANGE (at)");
    const part = relation(catalog, SCHEMA, "events_2026");
    assert.equal(part.kind, "table");
    assert.deepEqual(part.partitionOf, { parent: `"${SCHEMA}".events`, bound: "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')" });
    assert.deepEqual(part.columns.map((c) => `${c.name} ${c.type}`), ["id integer", "at date"]);
  });

  it("reads views and materialized views with their definitions and columns", () => {
    const v = relation(catalog, SCHEMA, "big_orders");
    assert.equal(v.kind, "view");
    assert.match(v.viewDefinition ?? "", /WHERE \(price > \(2\)::numeric\)/);
    assert.deepEqual(v.columns.map((c) => c.name), ["ID", "price"]);
    const m = relation(catalog, SCHEMA, "order_count");
    assert.equal(m.kind, "materialized view");
    assert.deepEqual(m.columns.map((c) => `${c.name} ${c.type}`), ["n bigint"]);
  });

  it("reads enums in sort order, domains with their base type, and composite types; not tables' row types", () => {
    const types = catalog.types.filter((t) => t.schema === SCHEMA);
    assert.deepEqual(types.map((t) => `${t.name}:${t.kind}`), ["money_pair:composite", "mood:enum", "positive_int:domain"]);
    assert.deepEqual(types.find((t) => t.name === "mood")?.values, ["happy", "sad, really", "it's ok"]);
    assert.equal(types.find((t) => t.name === "positive_int")?.baseType, "integer");
    // Type names are schema-qualified whatever the session's search path (pg_catalog's are not).
    assert.equal(relation(catalog, SCHEMA, TABLE).columns[2].type, `"${SCHEMA}".positive_int`);
    const builtin = catalog.types.filter((t) => t.schema === "pg_catalog").map((t) => t.name);
    assert.ok(builtin.includes("int4") && builtin.includes("text") && builtin.includes("int4range"), builtin.join(","));
    assert.ok(!builtin.some((n) => n.startsWith("_")), "no array types");
  });

  it("reads functions, procedures and aggregates with their argument lists, and user functions' definitions", () => {
    const fn = catalog.functions.find((f) => f.schema === SCHEMA && f.name === "add_tax");
    assert.ok(fn);
    assert.equal(fn.kind, "function");
    assert.equal(fn.returns, "numeric");
    assert.equal(fn.comment, "adds VAT");
    assert.deepEqual(fn.argList, ["amount numeric", "rate numeric DEFAULT 0.2", "note text DEFAULT 'a, b (c)'::text"]);
    assert.match(fn.definition ?? "", /^CREATE OR REPLACE FUNCTION "Sales Ünit 🚀"\.add_tax\(amount numeric/);
    assert.equal(catalog.functions.find((f) => f.name === "reset_all")?.kind, "procedure");
    const agg = catalog.functions.find((f) => f.name === "my_sum");
    assert.equal(agg?.kind, "aggregate");
    assert.equal(agg?.definition, undefined, "pg_get_functiondef cannot print an aggregate");
  });

  it("includes callable built-ins with their signatures, but not internal ones", () => {
    const dateTrunc = catalog.functions.filter((f) => f.schema === "pg_catalog" && f.name === "date_trunc");
    assert.ok(dateTrunc.some((f) => f.argList.length === 2 && f.argList[0] === "text" && f.returns === "timestamp with time zone"), JSON.stringify(dateTrunc));
    assert.equal(catalog.functions.find((f) => f.schema === "pg_catalog" && f.name === "count")?.kind, "aggregate");
    assert.ok(!catalog.functions.some((f) => /\binternal\b/.test(f.args) || f.returns === "internal" || f.returns === "trigger"));
  });
});
