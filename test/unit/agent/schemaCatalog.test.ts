import assert from "node:assert/strict";
import { filterPattern, formatCatalog, tableLines, type CatalogTable } from "../../../src/core/agent/schemaCatalog";
import { singleStatement } from "../../../src/core/agent/singleStatement";

const table = (i: number): CatalogTable => ({
  oid: i, schema: "public", name: `t${i}`, kind: "r", estimatedRows: 10,
  columns: [
    { name: "id", type: "bigint", notNull: true, default: "nextval('t_id_seq'::regclass)", identity: "" },
    { name: "created_at", type: "timestamp with time zone", notNull: true, default: "now()", identity: "" },
    { name: "label", type: "character varying(40)", notNull: false, default: null, identity: "" },
  ],
  constraints: [{ type: "p", def: "PRIMARY KEY (id)", columns: ["id"] }, { type: "u", def: "UNIQUE (label, created_at)", columns: ["label", "created_at"] }],
  indexes: ["CREATE INDEX t_gin ON public.t USING gin (label)"],
});

describe("agent schema text", () => {
  it("one compact line per table, a second for multi-column constraints and indexes", () => {
    assert.deepEqual(tableLines(table(1)), [
      "public.t1 (~10 rows): id bigint pk serial, created_at timestamptz not null default now(), label varchar(40)",
      "  unique (label, created_at); index t_gin gin (label)",
    ]);
  });

  it("stays within the byte budget however many tables, and says how to see the rest", () => {
    const tables = Array.from({ length: 2000 }, (_, i) => table(i));
    const text = formatCatalog(tables, 32 * 1024, "");
    assert.ok(Buffer.byteLength(text) <= 32 * 1024, `${Buffer.byteLength(text)} bytes`);
    assert.match(text, /^2000 tables\/views; TRUNCATED: columns shown for the first \d+, names for \d+ more, \d+ not listed\. Pass a filter/);
    const small = formatCatalog(tables.slice(0, 3), 32 * 1024, " in schema public");
    assert.match(small, /^3 tables\/views in schema public\.\n/);
    assert.equal(formatCatalog([], 1000, " matching \"x\""), "No tables or views matching \"x\".");
  });

  it("filters: substring by default, * as a wildcard, _ literal", () => {
    assert.equal(filterPattern("order"), "%order%");
    assert.equal(filterPattern("billing.*"), "billing.%");
    assert.equal(filterPattern("user_roles"), "%user\\_roles%");
    assert.equal(filterPattern("  "), null);
  });

  it("one statement only: several, none, or psql meta-commands are refused before sending", () => {
    assert.equal(singleStatement("  SELECT ';' AS semi ; -- done"), "SELECT ';' AS semi");
    assert.equal(singleStatement("SELECT $$a;b$$"), "SELECT $$a;b$$");
    assert.throws(() => singleStatement("COMMIT; DELETE FROM t"), /one statement per call: this text holds 2 statements/);
    assert.throws(() => singleStatement("-- nothing\n;"), /The SQL is empty/);
    assert.throws(() => singleStatement("\\! rm -rf /"), /psql meta-commands/);
  });
});
