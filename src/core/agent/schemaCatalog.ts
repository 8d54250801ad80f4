/**
 * The schema as compact text for a model: one line per table with its columns, keys and
 * foreign keys, a second line for indexes and multi-column constraints. Read straight from
 * pg_catalog (information_schema is far slower on big schemas) in four queries in all.
 */
import { TextBudget } from "./textBudget";

type Query = (sql: string, values?: unknown[]) => Promise<{ rows: Array<Record<string, unknown>> }>;

export interface CatalogTable {
  oid: number;
  schema: string;
  name: string;
  kind: string;
  estimatedRows: number;
  columns: Array<{ name: string; type: string; notNull: boolean; default: string | null; identity: string }>;
  constraints: Array<{ type: string; def: string; columns: string[] }>;
  indexes: string[];
}

const TABLES_SQL = `
SELECT c.oid::int8 AS oid, n.nspname AS schema, c.relname AS name, c.relkind AS kind, c.reltuples::int8 AS rows
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
  AND ($1::text IS NULL OR n.nspname = $1)
  AND ($2::text IS NULL OR c.relname ILIKE $2 OR (n.nspname || '.' || c.relname) ILIKE $2)
  AND NOT c.relispartition
ORDER BY n.nspname = 'public' DESC, n.nspname, c.relname`;

const COLUMNS_SQL = `
SELECT a.attrelid::int8 AS oid, a.attname AS name, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS not_null, pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS def, a.attidentity AS identity
FROM pg_catalog.pg_attribute a
LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum`;

const CONSTRAINTS_SQL = `
SELECT c.conrelid::int8 AS oid, c.contype AS type, pg_catalog.pg_get_constraintdef(c.oid, true) AS def,
       ARRAY(SELECT a.attname FROM unnest(c.conkey) k JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k)::text[] AS columns
FROM pg_catalog.pg_constraint c
WHERE c.conrelid = ANY($1::oid[]) AND c.contype IN ('p', 'f', 'u', 'c', 'x')
ORDER BY c.conrelid, c.contype, c.conname`;

const INDEXES_SQL = `
SELECT i.indrelid::int8 AS oid, pg_catalog.pg_get_indexdef(i.indexrelid) AS def
FROM pg_catalog.pg_index i
WHERE i.indrelid = ANY($1::oid[])
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)
ORDER BY i.indrelid, i.indexrelid`;

/** `orders` → `%orders%`; `*` and `%` are wildcards, `_` is literal. */
export function filterPattern(filter: string | undefined): string | null {
  const f = filter?.trim();
  if (!f) return null;
  const escaped = f.replace(/\\/g, "\\\\").replace(/_/g, "\\_").replace(/\*/g, "%");
  return escaped.includes("%") ? escaped : `%${escaped}%`;
}

export async function readCatalog(query: Query, opts: { schema?: string; filter?: string }): Promise<CatalogTable[]> {
  const { rows } = await query(TABLES_SQL, [opts.schema ?? null, filterPattern(opts.filter)]);
  const tables = new Map<number, CatalogTable>();
  for (const r of rows) {
    const oid = Number(r.oid);
    tables.set(oid, { oid, schema: String(r.schema), name: String(r.name), kind: String(r.kind), estimatedRows: Number(r.rows), columns: [], constraints: [], indexes: [] });
  }
  if (tables.size === 0) return [];
  const oids = [...tables.keys()];
  const [cols, cons, idx] = [await query(COLUMNS_SQL, [oids]), await query(CONSTRAINTS_SQL, [oids]), await query(INDEXES_SQL, [oids])];
  for (const r of cols.rows) {
    tables.get(Number(r.oid))?.columns.push({ name: String(r.name), type: String(r.type), notNull: r.not_null === true, default: r.def == null ? null : String(r.def), identity: String(r.identity ?? "") });
  }
  for (const r of cons.rows) {
    tables.get(Number(r.oid))?.constraints.push({ type: String(r.type), def: String(r.def), columns: (r.columns as string[] | null) ?? [] });
  }
  for (const r of idx.rows) tables.get(Number(r.oid))?.indexes.push(String(r.def));
  return [...tables.values()];
}

const KIND: Record<string, string> = { v: "view", m: "materialized view", f: "foreign table", p: "partitioned table" };

const TYPE_ABBREVIATIONS: Array<[RegExp, string]> = [
  [/timestamp\((\d)\) with time zone/g, "timestamptz($1)"],
  [/timestamp with time zone/g, "timestamptz"],
  [/timestamp without time zone/g, "timestamp"],
  [/character varying/g, "varchar"],
  [/double precision/g, "float8"],
];

function shortType(t: string): string {
  let out = t;
  for (const [re, rep] of TYPE_ABBREVIATIONS) out = out.replace(re, rep);
  return out;
}

function shortConstraint(def: string): string {
  return def
    .replace(/^PRIMARY KEY /, "pk ")
    .replace(/^FOREIGN KEY \(([^)]*)\) REFERENCES /, "fk ($1) → ")
    .replace(/^UNIQUE /, "unique ")
    .replace(/^CHECK /, "check ")
    .replace(/^EXCLUDE /, "exclude ");
}

function shortIndex(def: string): string {
  const m = /^CREATE (UNIQUE )?INDEX (\S+) ON \S+ USING (\w+) (.*)$/.exec(def);
  if (!m) return def;
  return `${m[1] ? "unique " : ""}index ${m[2]}${m[3] === "btree" ? "" : ` ${m[3]}`} ${m[4]}`;
}

/** `public.orders (~4 rows): id integer pk serial, customer_id integer not null → public.customers(id), …` */
export function tableLines(t: CatalogTable): string[] {
  const single = (type: string) => new Map(t.constraints.filter((c) => c.type === type && c.columns.length === 1).map((c) => [c.columns[0], c]));
  const pk = single("p");
  const fk = single("f");
  const unique = single("u");
  const cols = t.columns.map((c) => {
    const parts = [c.name, shortType(c.type)];
    if (pk.has(c.name)) parts.push("pk");
    else if (c.notNull) parts.push("not null");
    if (unique.has(c.name)) parts.push("unique");
    if (c.identity) parts.push("identity");
    else if (c.default?.startsWith("nextval(")) parts.push("serial");
    else if (c.default !== null) parts.push(`default ${c.default.length > 60 ? `${c.default.slice(0, 60)}…` : c.default}`);
    const ref = fk.get(c.name);
    if (ref) parts.push(ref.def.replace(/^FOREIGN KEY \([^)]*\) REFERENCES /, "→ "));
    return parts.join(" ");
  });
  const kind = KIND[t.kind];
  const rows = t.estimatedRows >= 0 && t.kind !== "v" ? `~${t.estimatedRows} rows` : "";
  const meta = [kind, rows].filter(Boolean).join(", ");
  const head = `${t.schema}.${t.name}${meta ? ` (${meta})` : ""}: ${cols.join(", ")}`;
  const extra = [
    ...t.constraints.filter((c) => !(c.columns.length === 1 && (c.type === "p" || c.type === "f" || c.type === "u"))).map((c) => shortConstraint(c.def)),
    ...t.indexes.map(shortIndex),
  ];
  return extra.length ? [head, `  ${extra.join("; ")}`] : [head];
}

/**
 * Full lines while they fit three quarters of the budget, then only names, then a count:
 * a huge schema still shows every table it can, and says how to see the rest.
 */
export function formatCatalog(tables: CatalogTable[], maxBytes: number, where: string): string {
  if (tables.length === 0) return `No tables or views${where}.`;
  const body = new TextBudget(maxBytes - 400);
  let detailed = 0;
  for (const t of tables) {
    const lines = tableLines(t);
    const size = lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
    if (body.bytes + size > (maxBytes * 3) / 4) break;
    for (const l of lines) body.add(l);
    detailed++;
  }
  let named = detailed;
  if (detailed < tables.length) {
    body.force(`Tables without details (call again with a filter to see their columns):`);
    let pending: string[] = [];
    const flush = (): boolean => {
      if (pending.length === 0) return true;
      if (!body.add(pending.join(", "))) return false;
      named += pending.length;
      pending = [];
      return true;
    };
    for (const t of tables.slice(detailed)) {
      const name = `${t.schema}.${t.name}`;
      if (pending.length && Buffer.byteLength(pending.join(", ")) + name.length > 200 && !flush()) break;
      pending.push(name);
    }
    flush();
  }
  const head = detailed === tables.length
    ? `${tables.length} tables/views${where}.`
    : `${tables.length} tables/views${where}; TRUNCATED: columns shown for the first ${detailed}${named < tables.length ? `, names for ${named - detailed} more, ${tables.length - named} not listed` : `, names only for the other ${tables.length - detailed}`}. Pass a filter (e.g. "orders" or "billing.*") to see the rest.`;
  return `${head}\n${body.text()}`;
}
