import type { Catalog, CatalogColumn, CatalogRelation } from "../../../src/core/sql/catalog/catalogTypes";

export const SALES = "Sales Ünit 🚀";
export const ITEMS = 'Order "Items"';

const col = (name: string, type: string, extra: Partial<CatalogColumn> = {}): CatalogColumn => ({ name, type, nullable: true, ...extra });

function rel(schema: string, name: string, columns: CatalogColumn[], extra: Partial<CatalogRelation> = {}): CatalogRelation {
  return { schema, name, kind: "table", estimatedRows: null, columns, primaryKey: [], foreignKeys: [], constraints: [], ...extra };
}

/** The demo's tables plus the tricky names of the catalog reader's integration test, as readCatalog returns them. */
export function demoCatalog(): Catalog {
  return {
    readAt: 0,
    searchPath: ["public"],
    database: "databricks_postgres",
    schemas: [{ name: "public", owner: "dev@example.com" }, { name: SALES, comment: "the sales team" }, { name: "audit" }],
    relations: [
      rel("public", "customers", [
        col("id", "integer", { nullable: false, defaultValue: "nextval('public.customers_id_seq'::regclass)" }),
        col("name", "text", { nullable: false }),
        col("email", "text", { nullable: false }),
        col("created_at", "timestamp with time zone", { nullable: false, defaultValue: "now()" }),
      ], {
        comment: "people who buy", estimatedRows: 3, primaryKey: ["id"],
        constraints: [{ name: "customers_pkey", kind: "primary key", definition: "PRIMARY KEY (id)" }, { name: "customers_email_key", kind: "unique", definition: "UNIQUE (email)" }],
      }),
      rel("public", "orders", [
        col("id", "integer", { nullable: false, defaultValue: "nextval('public.orders_id_seq'::regclass)" }),
        col("customer_id", "integer", { nullable: false }),
        col("total", "numeric(10,2)", { nullable: false }),
        col("status", "text", { nullable: false, defaultValue: "'open'::text" }),
      ], {
        estimatedRows: 4, primaryKey: ["id"],
        foreignKeys: [{ name: "orders_customer_id_fkey", columns: ["customer_id"], refSchema: "public", refTable: "customers", refColumns: ["id"] }],
        constraints: [
          { name: "orders_pkey", kind: "primary key", definition: "PRIMARY KEY (id)" },
          { name: "orders_customer_id_fkey", kind: "foreign key", definition: "FOREIGN KEY (customer_id) REFERENCES public.customers(id)" },
        ],
      }),
      rel("public", "paid_orders", [col("id", "integer"), col("total", "numeric(10,2)")], { kind: "view", viewDefinition: " SELECT id,\n    total\n   FROM public.orders\n  WHERE (status = 'paid'::text);" }),
      rel(SALES, ITEMS, [
        col("ID", "bigint", { nullable: false, generated: "GENERATED ALWAYS AS IDENTITY" }),
        col("customer_id", "integer", { nullable: false }),
        col("Qty", `"${SALES}".positive_int`, { nullable: false, defaultValue: "1", comment: "how many" }),
        col("Mood 😀", `"${SALES}".mood`),
      ], {
        comment: "one line per item", estimatedRows: 3, primaryKey: ["ID"],
        foreignKeys: [{ name: "items_customer_fkey", columns: ["customer_id"], refSchema: "public", refTable: "customers", refColumns: ["id"] }],
        constraints: [{ name: "Order \"Items\"_pkey", kind: "primary key", definition: 'PRIMARY KEY ("ID")' }],
      }),
      rel(SALES, "events", [col("id", "integer"), col("at", "date", { nullable: false })], { kind: "partitioned table", partitionKey: "RANGE (at)" }),
      rel(SALES, "events_2026", [col("id", "integer"), col("at", "date", { nullable: false })], { partitionOf: { parent: `"${SALES}".events`, bound: "FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')" } }),
      rel("audit", "customers", [col("changed_at", "timestamp with time zone"), col("who", "text")]),
    ],
    functions: [
      { schema: "pg_catalog", name: "date_trunc", kind: "function", args: "text, timestamp with time zone", argList: ["text", "timestamp with time zone"], returns: "timestamp with time zone" },
      { schema: "pg_catalog", name: "date_trunc", kind: "function", args: "text, timestamp with time zone, text", argList: ["text", "timestamp with time zone", "text"], returns: "timestamp with time zone" },
      { schema: "pg_catalog", name: "count", kind: "aggregate", args: '"any"', argList: ['"any"'], returns: "bigint" },
      { schema: "pg_catalog", name: "now", kind: "function", args: "", argList: [], returns: "timestamp with time zone", comment: "current transaction time" },
      {
        schema: "public", name: "add_tax", kind: "function", args: "amount numeric, rate numeric DEFAULT 0.2", argList: ["amount numeric", "rate numeric DEFAULT 0.2"], returns: "numeric", comment: "adds VAT",
        definition: "CREATE OR REPLACE FUNCTION public.add_tax(amount numeric, rate numeric DEFAULT 0.2)\n RETURNS numeric\n LANGUAGE sql\n IMMUTABLE\nAS $function$ SELECT amount * (1 + rate) $function$\n",
      },
    ],
    types: [
      { schema: "pg_catalog", name: "int4", kind: "base" },
      { schema: "pg_catalog", name: "text", kind: "base" },
      { schema: SALES, name: "mood", kind: "enum", values: ["happy", "sad, really", "it's ok"] },
      { schema: "public", name: "status", kind: "enum", values: ["open", "paid"] },
    ],
  };
}

/** A generated catalog: `tables` tables of `columns` columns each in `public`, every table with a FK to the previous one. */
export function bigCatalog(tables: number, columns: number): Catalog {
  const relations: CatalogRelation[] = [];
  for (let t = 0; t < tables; t++) {
    const cols = [col("id", "bigint", { nullable: false })];
    for (let c = 1; c < columns; c++) cols.push(col(`column_${c}_of_${t}`, c % 2 ? "text" : "integer"));
    relations.push(rel("public", `table_${t}`, cols, {
      primaryKey: ["id"], estimatedRows: t,
      foreignKeys: t > 0 ? [{ name: `fk_${t}`, columns: ["column_2_of_" + t], refSchema: "public", refTable: `table_${t - 1}`, refColumns: ["id"] }] : [],
    }));
  }
  const base = demoCatalog();
  return { ...base, relations: [...base.relations, ...relations] };
}
