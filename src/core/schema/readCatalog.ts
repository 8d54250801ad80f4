import type { Queryable } from "../explorer/pgSchemaReader";
import type { Catalog, CatalogObject, ColumnDef, ObjectKind, TableShape } from "./catalogTypes";
import * as SQL from "./catalogSql";
import { tableDdl } from "./tableDdl";

export interface ReadCatalogOptions {
  /** Schemas left out besides the system ones; default `["drizzle"]` (drizzle-kit's bookkeeping). */
  excludeSchemas?: string[];
}

type Row = Record<string, unknown>;
const str = (v: unknown): string => (v == null ? "" : String(v));
const orNull = (v: unknown): string | null => (v == null ? null : String(v));
const endStatement = (s: string): string => `${s.trim().replace(/;+$/, "")};`;
const RELKIND_WORD: Record<string, string> = { r: "TABLE", p: "TABLE", v: "TABLE", m: "TABLE", S: "SEQUENCE" };
const POLICY_CMD: Record<string, string> = { r: "SELECT", a: "INSERT", w: "UPDATE", d: "DELETE", "*": "ALL" };

/**
 * Reads every user schema object of the connected database. `client` must be one connection
 * (not a pool): the reads run in one read-only repeatable-read transaction, so they see one
 * consistent catalog, with `search_path = pg_catalog` so every name in the DDL is qualified.
 */
export async function readCatalog(client: Queryable, opts: ReadCatalogOptions = {}): Promise<Catalog> {
  const excluded = [...(opts.excludeSchemas ?? ["drizzle"])];
  await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  try {
    await client.query("SET LOCAL search_path = pg_catalog, pg_temp");
    const q = async (sql: string) => (await client.query(sql, [excluded])).rows as Row[];
    const catalog: Catalog = new Map();
    const add = (o: CatalogObject) => catalog.set(o.key, o);

    for (const r of await q(SQL.SCHEMAS_SQL)) {
      add({ kind: "schema", key: `schema:${str(r.name)}`, name: str(r.name), schema: str(r.name), qname: str(r.qname), order: Number(r.oid),
        ddl: `CREATE SCHEMA ${str(r.qname)};`, drop: `DROP SCHEMA ${str(r.qname)};` });
    }
    for (const r of await q(SQL.ENUMS_SQL)) {
      const labels = (r.labels as string[]).map(String);
      add({ kind: "enum", key: `enum:${str(r.schema)}.${str(r.name)}`, name: `${str(r.schema)}.${str(r.name)}`, schema: str(r.schema), qname: str(r.qname), order: Number(r.oid),
        ddl: `CREATE TYPE ${str(r.qname)} AS ENUM (${labels.map(literal).join(", ")});`, drop: `DROP TYPE ${str(r.qname)};`, enumValues: labels });
    }
    for (const r of await q(SQL.SEQUENCES_SQL)) {
      const parent = r.owned_table == null ? undefined : `table:${str(r.owned_schema)}.${str(r.owned_table)}`;
      add({ kind: "sequence", key: `sequence:${str(r.schema)}.${str(r.name)}`, name: `${str(r.schema)}.${str(r.name)}`, schema: str(r.schema), qname: str(r.qname), order: Number(r.oid), parent,
        ddl: `CREATE SEQUENCE ${str(r.qname)} ${sequenceOptions(r)};`, drop: `DROP SEQUENCE ${str(r.qname)};`,
        ownedBy: parent ? `ALTER SEQUENCE ${str(r.qname)} OWNED BY ${str(r.owned_qname)}.${str(r.owned_column)};` : undefined });
    }

    const columns = new Map<number, ColumnDef[]>();
    for (const r of await q(SQL.COLUMNS_SQL)) {
      const relid = Number(r.relid);
      let list = columns.get(relid);
      if (!list) columns.set(relid, (list = []));
      list.push({ name: str(r.name), qname: str(r.qname), type: str(r.type), notNull: r.not_null === true, default: orNull(r.default),
        identity: str(r.identity), generated: str(r.generated), collation: orNull(r.collation) });
    }
    for (const r of await q(SQL.TABLES_SQL)) {
      const table: TableShape = { columns: columns.get(Number(r.oid)) ?? [], rowSecurity: r.rls === true, forceRowSecurity: r.force_rls === true };
      add({ kind: "table", key: `table:${str(r.schema)}.${str(r.name)}`, name: `${str(r.schema)}.${str(r.name)}`, schema: str(r.schema), qname: str(r.qname), order: Number(r.oid),
        ddl: tableDdl(str(r.qname), table, orNull(r.partkey)), drop: `DROP TABLE ${str(r.qname)};`, table });
    }
    for (const r of await q(SQL.CONSTRAINTS_SQL)) {
      add({ kind: "constraint", key: `constraint:${str(r.schema)}.${str(r.table)}.${str(r.name)}`, name: `${str(r.schema)}.${str(r.table)}.${str(r.name)}`,
        schema: str(r.schema), qname: str(r.qname), order: Number(r.oid), parent: `table:${str(r.schema)}.${str(r.table)}`, constraintType: str(r.type),
        ddl: `ALTER TABLE ${str(r.table_qname)} ADD CONSTRAINT ${str(r.qname)} ${str(r.def)};`, drop: `ALTER TABLE ${str(r.table_qname)} DROP CONSTRAINT ${str(r.qname)};` });
    }
    for (const r of await q(SQL.INDEXES_SQL)) {
      add({ kind: "index", key: `index:${str(r.schema)}.${str(r.name)}`, name: `${str(r.schema)}.${str(r.name)}`, schema: str(r.schema), qname: str(r.qname), order: Number(r.oid),
        parent: `${r.relkind === "m" ? "materialized view" : "table"}:${str(r.schema)}.${str(r.table)}`,
        ddl: endStatement(str(r.def)), drop: `DROP INDEX ${str(r.qname)};` });
    }
    for (const r of await q(SQL.VIEWS_SQL)) {
      const kind: ObjectKind = r.relkind === "m" ? "materialized view" : "view";
      const word = kind === "view" ? "VIEW" : "MATERIALIZED VIEW";
      add({ kind, key: `${kind}:${str(r.schema)}.${str(r.name)}`, name: `${str(r.schema)}.${str(r.name)}`, schema: str(r.schema), qname: str(r.qname), order: Number(r.oid),
        ddl: `CREATE ${word} ${str(r.qname)} AS\n${endStatement(str(r.def))}`, drop: `DROP ${word} ${str(r.qname)};` });
    }
    for (const r of await q(SQL.FUNCTIONS_SQL)) {
      const kind: ObjectKind = r.prokind === "p" ? "procedure" : "function";
      const signature = `${str(r.schema)}.${str(r.name)}(${str(r.args)})`;
      add({ kind, key: `${kind}:${signature}`, name: signature, schema: str(r.schema), qname: str(r.qname), order: Number(r.oid),
        ddl: endStatement(str(r.def)), drop: `DROP ${kind.toUpperCase()} ${str(r.qname)}(${str(r.args)});` });
    }
    for (const r of await q(SQL.TRIGGERS_SQL)) {
      const parentKind = r.relkind === "v" ? "view" : r.relkind === "m" ? "materialized view" : "table";
      add({ kind: "trigger", key: `trigger:${str(r.schema)}.${str(r.table)}.${str(r.name)}`, name: `${str(r.schema)}.${str(r.table)}.${str(r.name)}`,
        schema: str(r.schema), qname: str(r.qname), order: Number(r.oid), parent: `${parentKind}:${str(r.schema)}.${str(r.table)}`,
        ddl: endStatement(str(r.def)), drop: `DROP TRIGGER ${str(r.qname)} ON ${str(r.table_qname)};` });
    }
    for (const r of await q(SQL.POLICIES_SQL)) {
      let ddl = `CREATE POLICY ${str(r.qname)} ON ${str(r.table_qname)} AS ${r.permissive ? "PERMISSIVE" : "RESTRICTIVE"} FOR ${POLICY_CMD[str(r.cmd)] ?? "ALL"} TO ${(r.roles as string[]).join(", ")}`;
      if (r.using != null) ddl += ` USING (${str(r.using)})`;
      if (r.check != null) ddl += ` WITH CHECK (${str(r.check)})`;
      add({ kind: "policy", key: `policy:${str(r.schema)}.${str(r.table)}.${str(r.name)}`, name: `${str(r.schema)}.${str(r.table)}.${str(r.name)}`,
        schema: str(r.schema), qname: str(r.qname), order: Number(r.oid), parent: `table:${str(r.schema)}.${str(r.table)}`, ddl: `${ddl};`, drop: `DROP POLICY ${str(r.qname)} ON ${str(r.table_qname)};` });
    }
    addGrants(await q(SQL.GRANTS_SQL), add);
    await client.query("COMMIT");
    return catalog;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  }
}

function literal(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function sequenceOptions(r: Row): string {
  return `AS ${str(r.type)} INCREMENT BY ${str(r.increment)} MINVALUE ${str(r.min)} MAXVALUE ${str(r.max)} START WITH ${str(r.start)} CACHE ${str(r.cache)}${r.cycle ? " CYCLE" : " NO CYCLE"}`;
}

/** One object per (object, grantee): `GRANT INSERT, SELECT ON TABLE public.t TO reader;`. */
function addGrants(rows: Row[], add: (o: CatalogObject) => void): void {
  const groups = new Map<string, { r: Row; plain: string[]; grantable: string[] }>();
  for (const r of rows) {
    const id = `${str(r.on_kind)}:${str(r.schema)}.${str(r.name)}:${str(r.grantee)}`;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { r, plain: [], grantable: [] }));
    (r.grantable ? g.grantable : g.plain).push(str(r.privilege));
  }
  let order = 0;
  for (const [id, { r, plain, grantable }] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const onSchema = r.on_kind === "schema";
    const target = onSchema ? `SCHEMA ${str(r.qname)}` : `${RELKIND_WORD[str(r.relkind)] ?? "TABLE"} ${str(r.qname)}`;
    const grantee = str(r.grantee);
    const lines: string[] = [];
    if (plain.length) lines.push(`GRANT ${plain.sort().join(", ")} ON ${target} TO ${grantee};`);
    if (grantable.length) lines.push(`GRANT ${grantable.sort().join(", ")} ON ${target} TO ${grantee} WITH GRANT OPTION;`);
    const objectName = onSchema ? str(r.schema) : `${str(r.schema)}.${str(r.name)}`;
    const parentKind = onSchema ? "schema" : r.relkind === "v" ? "view" : r.relkind === "m" ? "materialized view" : r.relkind === "S" ? "sequence" : "table";
    add({ kind: "grant", key: `grant:${id}`, name: `${objectName} → ${grantee}`, schema: str(r.schema), qname: str(r.qname), order: order++,
      parent: `${parentKind}:${objectName}`, ddl: lines.join("\n"), drop: `REVOKE ALL ON ${target} FROM ${grantee};` });
  }
}
