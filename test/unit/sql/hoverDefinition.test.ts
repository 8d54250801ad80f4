import assert from "node:assert/strict";
import { indexCatalog } from "../../../src/core/sql/analysis/catalogIndex";
import { ddlFor } from "../../../src/core/sql/analysis/ddl";
import { hover } from "../../../src/core/sql/analysis/hover";
import { signatureHelp } from "../../../src/core/sql/analysis/signatureHelp";
import { symbolAt } from "../../../src/core/sql/analysis/symbolAt";
import { demoCatalog, SALES } from "./catalogFixture";

const index = indexCatalog(demoCatalog());
const cut = (s: string) => { const o = s.indexOf("|"); return { text: s.slice(0, o) + s.slice(o + 1), offset: o }; };
const hoverAt = (s: string) => { const { text, offset } = cut(s); return hover(text, offset, index); };
const symbol = (s: string) => { const { text, offset } = cut(s); return symbolAt(text, offset, index)?.symbol; };
const sig = (s: string) => { const { text, offset } = cut(s); return signatureHelp(text, offset, index); };

describe("hover", () => {
  it("on a column by alias: type, nullability, default, PK, with the exact hovered range", () => {
    const { text, offset } = cut("SELECT c.|id FROM customers c");
    const h = hover(text, offset, index);
    assert.ok(h);
    assert.equal(text.slice(h.start, h.end), "id");
    assert.equal(h.markdown, "**column** `customers.id` of table `public.customers`\n\n`integer NOT NULL PRIMARY KEY DEFAULT nextval('public.customers_id_seq'::regclass)`");
  });

  it("on a foreign-key column: what it references; on an unqualified column: found among the FROM tables", () => {
    assert.match(hoverAt("SELECT total, customer_|id FROM orders")!.markdown, /references `public\.customers\(id\)`/);
    assert.match(hoverAt("SELECT sta|tus FROM orders o JOIN customers c ON c.id = o.customer_id")!.markdown, /^\*\*column\*\* `orders\.status`[\s\S]*`text NOT NULL DEFAULT 'open'::text`/);
  });

  it("on a table: comment, column count, estimated rows and its columns", () => {
    const h = hoverAt("SELECT * FROM custo|mers");
    assert.equal(h?.markdown, [
      "**table** `public.customers`", "people who buy", "4 columns · ~3 rows (estimate)",
      "```sql\nid integer NOT NULL PRIMARY KEY DEFAULT nextval('public.customers_id_seq'::regclass)\nname text NOT NULL\nemail text NOT NULL\ncreated_at timestamp with time zone NOT NULL DEFAULT now()\n```",
    ].join("\n\n"));
  });

  it("on an alias, a quoted and emoji name, a partitioned table", () => {
    assert.match(hoverAt("SELECT o|.id FROM orders o")!.markdown, /^\*\*table\*\* `public\.orders`/);
    const q = hoverAt(`SELECT i."Mood |😀" FROM "${SALES}"."Order ""Items""" i`);
    assert.match(q!.markdown, /^\*\*column\*\* `"Order ""Items"""\."Mood 😀"` of table `"Sales Ünit 🚀"\."Order ""Items"""`/);
    assert.match(hoverAt(`SELECT * FROM "${SALES}".ev|ents`)!.markdown, /partitioned table[\s\S]*partitioned by `RANGE \(at\)`/);
    assert.match(hoverAt(`SELECT * FROM "${SALES}".events_2026|`)!.markdown, /partition of `"Sales Ünit 🚀"\.events` `FOR VALUES FROM/);
  });

  it("on a function: every overload's signature and its comment", () => {
    assert.equal(hoverAt("SELECT date_tr|unc('day', now())")?.markdown, "**function** `pg_catalog.date_trunc` · 2 overloads\n\n```sql\ndate_trunc(text, timestamp with time zone) → timestamp with time zone\ndate_trunc(text, timestamp with time zone, text) → timestamp with time zone\n```");
    assert.match(hoverAt("SELECT add_tax|(1)")!.markdown, /adds VAT$/);
  });

  it("on a type after ::, and nothing on unknown names, key words or inside strings", () => {
    assert.match(hoverAt("SELECT 'x'::sta|tus")!.markdown, /^\*\*enum type\*\* `public\.status`\n\nvalues: `'open'`, `'paid'`/);
    assert.equal(hoverAt("SELECT nope| FROM orders"), undefined);
    assert.equal(hoverAt("SEL|ECT 1"), undefined);
    assert.equal(hoverAt("SELECT 'customers|' FROM orders"), undefined);
  });

  it("on the column list of INSERT INTO t (…): that table's column, qualified, aliased or quoted; the SELECT feeding it sees its own tables", () => {
    assert.equal(hoverAt("INSERT INTO orders (customer_id, to|tal) VALUES (1, 2)")?.markdown, "**column** `orders.total` of table `public.orders`\n\n`numeric(10,2) NOT NULL`");
    assert.match(hoverAt("insert into public.orders(sta|tus) values ('paid')")!.markdown, /^\*\*column\*\* `orders\.status`[\s\S]*`text NOT NULL DEFAULT 'open'::text`/);
    assert.match(hoverAt("INSERT INTO orders AS o (custo|mer_id) VALUES (1)")!.markdown, /references `public\.customers\(id\)`/);
    assert.match(hoverAt(`INSERT INTO "${SALES}"."Order ""Items""" ("Mood |😀") VALUES ('happy')`)!.markdown, /^\*\*column\*\* `"Order ""Items"""\."Mood 😀"`/);
    // Only the target's columns: `name` is a column of customers, not of orders.
    assert.equal(hoverAt("INSERT INTO orders (na|me) SELECT name FROM customers"), undefined);
    assert.match(hoverAt("INSERT INTO orders (customer_id) SELECT i|d FROM customers")!.markdown, /^\*\*column\*\* `customers\.id`/);
    assert.match(hoverAt("INSERT INTO orders (customer_id) SELECT 1 FROM customers RETURNING i|d")!.markdown, /^\*\*column\*\* `orders\.id`/);
    assert.match(hoverAt("INSERT INTO customers (name) VALUES ('x') ON CONFLICT (ema|il) DO NOTHING")!.markdown, /^\*\*column\*\* `customers\.email`/);
    const { text, offset } = cut("INSERT INTO orders (customer_id, to|tal) VALUES (1, 2)");
    assert.deepEqual(symbolAt(text, offset, index)?.symbol.kind, "column", "go to definition finds it too");
  });

  it("a CTE hides a table of the same name", () => {
    assert.equal(hoverAt("WITH orders AS (SELECT 1 AS x) SELECT * FROM ord|ers"), undefined);
  });
});

describe("go to definition (DDL from the catalog)", () => {
  it("a table: CREATE TABLE with columns, defaults, constraints and comments", () => {
    const s = symbol("SELECT * FROM cus|tomers");
    assert.ok(s);
    assert.equal(ddlFor(s)?.text, [
      "-- Reconstructed from the Lakebase target's catalog (read-only).",
      "CREATE TABLE public.customers (",
      "    id integer DEFAULT nextval('public.customers_id_seq'::regclass) NOT NULL,",
      "    name text NOT NULL,",
      "    email text NOT NULL,",
      "    created_at timestamp with time zone DEFAULT now() NOT NULL,",
      "    CONSTRAINT customers_pkey PRIMARY KEY (id),",
      "    CONSTRAINT customers_email_key UNIQUE (email)",
      ");",
      "COMMENT ON TABLE public.customers IS 'people who buy';",
      "",
    ].join("\n"));
  });

  it("a column: the table's DDL, positioned on the column's line", () => {
    const d = ddlFor(symbol("SELECT o.tot|al FROM orders o")!)!;
    assert.equal(d.text.split("\n")[d.line], "    total numeric(10,2) NOT NULL,");
    const q = ddlFor(symbol(`SELECT i."Q|ty" FROM "${SALES}"."Order ""Items""" i`)!)!;
    assert.equal(q.text.split("\n")[q.line], `    "Qty" "${SALES}".positive_int DEFAULT 1 NOT NULL,`);
    assert.match(q.text, /^CREATE TABLE "Sales Ünit 🚀"\."Order ""Items""" \($/m);
    assert.match(q.text, /^COMMENT ON COLUMN "Sales Ünit 🚀"\."Order ""Items"""\."Qty" IS 'how many';$/m);
  });

  it("a view, a partition, a function with source, a built-in, an enum", () => {
    assert.match(ddlFor(symbol("SELECT * FROM paid_|orders")!)!.text, /^CREATE VIEW public\.paid_orders AS\n SELECT id,\n    total\n   FROM public\.orders\n  WHERE \(status = 'paid'::text\);\n-- Columns:/m);
    assert.match(ddlFor(symbol(`SELECT * FROM "${SALES}".events_20|26`)!)!.text, /^CREATE TABLE "Sales Ünit 🚀"\.events_2026 PARTITION OF "Sales Ünit 🚀"\.events\n {4}FOR VALUES FROM \('2026-01-01'\) TO \('2027-01-01'\);$/m);
    assert.match(ddlFor(symbol("SELECT add_t|ax(2)")!)!.text, /^CREATE OR REPLACE FUNCTION public\.add_tax\(amount numeric, rate numeric DEFAULT 0\.2\)\n RETURNS numeric/);
    assert.equal(ddlFor(symbol("SELECT no|w()")!)!.text, "-- FUNCTION pg_catalog.now() RETURNS timestamp with time zone (built in)\n");
    assert.equal(ddlFor(symbol("SELECT 'x'::stat|us")!)!.text, "CREATE TYPE public.status AS ENUM ('open', 'paid');\n");
  });
});

describe("signature help", () => {
  it("inside a call: the overloads, the active argument, the overload that fits", () => {
    const r = sig("SELECT date_trunc('day', |) FROM orders");
    assert.ok(r);
    assert.deepEqual(r.signatures.map((s) => s.label), ["date_trunc(text, timestamp with time zone) → timestamp with time zone", "date_trunc(text, timestamp with time zone, text) → timestamp with time zone"]);
    assert.equal(r.activeParameter, 1);
    const [a, b] = r.signatures[0].parameters;
    assert.equal(r.signatures[0].label.slice(...a), "text");
    assert.equal(r.signatures[0].label.slice(...b), "timestamp with time zone");
    assert.equal(sig("SELECT date_trunc('day', now(), |")?.activeSignature, 1);
  });

  it("nested calls and parentheses: the innermost known call; commas inside strings and inner calls do not count", () => {
    const r = sig("SELECT add_tax(date_part('a,b', now()), (1 + 2), |");
    assert.equal(r?.signatures[0].label, "add_tax(amount numeric, rate numeric DEFAULT 0.2) → numeric");
    assert.equal(r?.activeParameter, 2);
    assert.equal(sig("SELECT add_tax((1 + |")?.activeParameter, 0);
    assert.equal(sig("SELECT now(|)")?.signatures[0].parameters.length, 0);
    assert.equal(sig("SELECT * FROM orders WHERE id IN (|"), undefined);
    assert.equal(sig("SELECT add_tax(1) |"), undefined);
  });
});

describe("hover text from the database", () => {
  it("a comment is shown as text: markdown links and images in it are escaped", () => {
    const cat = demoCatalog();
    cat.relations[0].comment = "see ![x](https://evil.example/p.png) and [docs](command:workbench.action.quit)";
    const h = hover("SELECT * FROM customers", 16, indexCatalog(cat));
    assert.match(h!.markdown, /see \\!\\\[x\\\]\\\(https:\/\/evil\\\.example\/p\\\.png\\\) and \\\[docs\\\]\\\(command:workbench\\\.action\\\.quit\\\)/);
  });
});
