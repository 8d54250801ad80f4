/** What Edit Data needs to know about a table, read from the catalog; or why it must stay read-only. */
import type pg from "pg";
import { qualifiedName } from "./editSql";
import type { EditTable } from "./editTypes";

export type TableInfo = { editable: true; table: EditTable } | { editable: false; table: EditTable; reason: string };

type Queryable = Pick<pg.ClientBase, "query">;

export async function readTableInfo(client: Queryable, schema: string, table: string): Promise<TableInfo> {
  const name = qualifiedName({ schema, table });
  const rel = await client.query<{ oid: number; relkind: string }>("SELECT c.oid::int AS oid, c.relkind::text AS relkind FROM pg_class c WHERE c.oid = to_regclass($1)", [name]);
  const r = rel.rows[0];
  if (!r) throw new Error(`${name} does not exist (or you may not see it). Refresh the explorer.`);
  const cols = await client.query<{ name: string; type: string; generated: string; identity: string }>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attgenerated::text AS generated, a.attidentity::text AS identity
       FROM pg_attribute a WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`, [r.oid]);
  const key = await client.query<{ name: string }>(
    `SELECT a.attname AS name FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      WHERE i.indrelid = $1 AND i.indisprimary ORDER BY k.ord`, [r.oid]);
  const info: EditTable = {
    schema, table,
    columns: cols.rows.map((c) => ({ name: c.name, sqlType: c.type, writable: c.generated === "" && c.identity !== "a" })),
    key: key.rows.map((k) => k.name),
  };
  if (r.relkind !== "r" && r.relkind !== "p") return { editable: false, table: info, reason: `${name} is a ${r.relkind === "v" ? "view" : r.relkind === "m" ? "materialized view" : "relation that is not a table"}: only tables can be edited.` };
  if (info.key.length === 0) return { editable: false, table: info, reason: `${name} has no primary key: rows cannot be told apart safely, so it opens read-only. Add a primary key to edit it.` };
  return { editable: true, table: info };
}
