import type { Queryable } from "../../explorer/pgSchemaReader";
import type {
  Catalog, CatalogColumn, CatalogConstraint, CatalogFunction, CatalogRelation, CatalogType, FunctionKind, RelationKind, TypeKind,
} from "./catalogTypes";
import { BUILTIN_TYPES_SQL, COLUMNS_SQL, CONSTRAINTS_SQL, FUNCTIONS_SQL, RELATIONS_SQL, SCHEMAS_SQL, SEARCH_PATH_SQL, TYPES_SQL } from "./catalogQueries";
import { splitArguments } from "./splitArguments";

const RELKIND: Record<string, RelationKind> = { r: "table", p: "partitioned table", v: "view", m: "materialized view", f: "foreign table" };
const PROKIND: Record<string, FunctionKind> = { f: "function", p: "procedure", a: "aggregate", w: "window" };
const TYPTYPE: Record<string, TypeKind> = { e: "enum", d: "domain", c: "composite", r: "range", b: "base" };
const CONTYPE: Record<string, CatalogConstraint["kind"]> = { p: "primary key", f: "foreign key", u: "unique", c: "check", x: "exclusion" };

type Row = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/**
 * Reads a database's catalog with eight queries on `session`, which must be one connection (a
 * client, not a pool): they run in one read-only transaction, so they see one snapshot, and with
 * `search_path` set to pg_catalog only for that transaction, so every type, table and function
 * Postgres prints is schema-qualified exactly (what the user's search path hides is still known).
 * Serially on one connection: a catalog read never takes more than one of the pool's connections.
 */
export async function readCatalog(session: Queryable, opts: { signal?: AbortSignal; now?: () => number } = {}): Promise<Catalog> {
  const run = async (sql: string): Promise<Row[]> => {
    opts.signal?.throwIfAborted();
    return (await session.query(sql)).rows;
  };
  await run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  let rows: Row[][];
  try {
    const [pathRow] = await run(SEARCH_PATH_SQL);
    await run("SET LOCAL search_path = pg_catalog");
    rows = [[pathRow]];
    for (const sql of [SCHEMAS_SQL, RELATIONS_SQL, BUILTIN_TYPES_SQL, COLUMNS_SQL, CONSTRAINTS_SQL, FUNCTIONS_SQL, TYPES_SQL]) rows.push(await run(sql));
    await run("COMMIT");
  } catch (err) {
    await session.query("ROLLBACK").catch(() => undefined);
    throw err;
  }
  const [[pathRow], schemaRows, relationRows, builtinRows, columnRows, constraintRows, functionRows, typeRows] = rows;

  const byOid = new Map<string, CatalogRelation>();
  const relations = relationRows.map((r) => {
    const rel = toRelation(r);
    byOid.set(String(r.oid), rel);
    return rel;
  });
  const builtin = new Map(builtinRows.map((r) => [String(r.oid), String(r.type)]));
  const attnames = new Map<string, Map<number, string>>();
  const unordered = new Set<string>();
  const lastAttnum = new Map<string, number>();
  for (const r of columnRows) {
    const oid = String(r.oid);
    const attnum = Number(r.attnum);
    let names = attnames.get(oid);
    if (!names) attnames.set(oid, (names = new Map()));
    if (attnum < (lastAttnum.get(oid) ?? 0)) unordered.add(oid);
    lastAttnum.set(oid, attnum);
    names.set(attnum, String(r.name));
    byOid.get(oid)?.columns.push(toColumn(r, builtin));
  }
  // The query does not sort (see COLUMNS_SQL); its rows usually come in attnum order per table.
  for (const oid of unordered) {
    const order = new Map([...attnames.get(oid)!].map(([n, name]) => [name, n]));
    byOid.get(oid)?.columns.sort((a, b) => order.get(a.name)! - order.get(b.name)!);
  }
  const named = (oid: unknown, nums: unknown) => attnums(nums).map((n) => attnames.get(String(oid))?.get(n) ?? `#${n}`);
  for (const r of constraintRows) {
    const rel = byOid.get(String(r.oid));
    if (!rel) continue;
    const kind = CONTYPE[String(r.contype)];
    rel.constraints.push({ name: String(r.name), kind, definition: String(r.definition) });
    if (kind === "primary key") rel.primaryKey = named(r.oid, r.columns);
    // A key to a table outside the user schemas (rare) stays a constraint without FK navigation.
    const ref = byOid.get(String(r.ref_oid));
    if (kind === "foreign key" && ref) {
      rel.foreignKeys.push({ name: String(r.name), columns: named(r.oid, r.columns), refSchema: ref.schema, refTable: ref.name, refColumns: named(r.ref_oid, r.ref_columns) });
    }
  }
  return {
    readAt: (opts.now ?? Date.now)(),
    searchPath: JSON.parse(String(pathRow?.path ?? "[]")) as string[],
    database: String(pathRow?.database ?? ""),
    schemas: schemaRows.map((r) => ({ name: String(r.name), ...opt("owner", str(r.owner)), ...opt("comment", str(r.comment)) })),
    relations,
    functions: functionRows.map(toFunction),
    types: typeRows.map(toType),
  };
}

function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function toRelation(r: Row): CatalogRelation {
  const tuples = Number(r.reltuples);
  const parent = str(r.parent);
  return {
    schema: String(r.schema),
    name: String(r.name),
    kind: RELKIND[String(r.relkind)] ?? "table",
    ...opt("comment", str(r.comment)),
    // PG 14+: -1 means never vacuumed/analyzed (before: 0, indistinguishable from empty).
    estimatedRows: Number.isFinite(tuples) && tuples >= 0 ? tuples : null,
    columns: [],
    primaryKey: [],
    foreignKeys: [],
    constraints: [],
    ...opt("partitionKey", str(r.partkey)),
    ...(parent ? { partitionOf: { parent, bound: str(r.bound) ?? "DEFAULT" } } : {}),
    ...opt("viewDefinition", str(r.viewdef)),
  };
}

const IDENTITY: Record<string, string> = { a: "GENERATED ALWAYS AS IDENTITY", d: "GENERATED BY DEFAULT AS IDENTITY" };

function toColumn(r: Row, builtin: Map<string, string>): CatalogColumn {
  const expr = str(r.expr);
  const generated = IDENTITY[String(r.identity)] ?? (r.generated === true ? expr : undefined);
  return {
    name: String(r.name),
    type: str(r.type) ?? builtin.get(String(r.typid)) ?? `oid ${String(r.typid)}`,
    nullable: r.not_null !== true,
    ...opt("defaultValue", r.generated === true ? undefined : expr),
    ...opt("generated", generated),
    ...opt("comment", str(r.comment)),
  };
}

/** `{1,3}` (an int2[] as text) → [1, 3]. */
function attnums(v: unknown): number[] {
  return typeof v === "string" ? v.replace(/[{}]/g, "").split(",").filter(Boolean).map(Number) : [];
}

function toFunction(r: Row): CatalogFunction {
  const args = String(r.args ?? "");
  return {
    schema: String(r.schema),
    name: String(r.name),
    kind: PROKIND[String(r.prokind)] ?? "function",
    args,
    argList: splitArguments(args),
    returns: String(r.returns ?? ""),
    ...opt("comment", str(r.comment)),
    ...opt("definition", str(r.definition)),
  };
}

function toType(r: Row): CatalogType {
  const kind = TYPTYPE[String(r.typtype)] ?? "base";
  return {
    schema: String(r.schema),
    name: String(r.name),
    kind,
    ...(kind === "enum" ? { values: strs(r.labels) } : {}),
    ...opt("baseType", str(r.base_type)),
    ...opt("comment", str(r.comment)),
  };
}
