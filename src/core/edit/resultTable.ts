/**
 * Whether a query's result can be edited: every column comes straight from one table (Postgres says which, per
 * column), none twice, and the table's primary key is among them. The editable table is then that table
 * restricted to the result's columns, in the result's order, named as in the table (aliases do not matter).
 */
import type pg from "pg";
import type { ColumnInfo, EditInfo } from "../../shared/protocol";
import { qualifiedName } from "./editSql";
import type { EditTable } from "./editTypes";
import { readTableInfo } from "./tableInfo";

type Queryable = Pick<pg.ClientBase, "query">;

export type ResultTable = { table: EditTable; edit: EditInfo } | { reason: string };

export async function resultTable(client: Queryable, columns: ColumnInfo[]): Promise<ResultTable> {
  const oids = new Set(columns.map((c) => c.tableOid ?? 0));
  if (columns.length === 0) return { reason: "This result has no columns to edit." };
  if (oids.has(0)) return { reason: `Column ${columns.find((c) => !c.tableOid)!.name} is computed, not read from a table: only results that come straight from one table can be edited. Use Edit Data on the table instead.` };
  if (oids.size > 1) return { reason: "This result combines several tables: only results from one table can be edited. Use Edit Data on the table instead." };
  const attnums = columns.map((c) => c.tableColumn ?? 0);
  if (new Set(attnums).size !== attnums.length) return { reason: "A table column appears twice in this result: edit it from a result that lists each column once." };
  const names = await client.query<{ schema: string; table: string }>("SELECT n.nspname AS schema, c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = $1", [[...oids][0]]);
  const rel = names.rows[0];
  if (!rel) return { reason: "The table this result came from no longer exists." };
  const info = await readTableInfo(client, rel.schema, rel.table);
  if (!info.editable) return { reason: info.reason };
  const attnumRows = await client.query<{ name: string; attnum: number }>("SELECT attname AS name, attnum::int AS attnum FROM pg_attribute WHERE attrelid = $1 AND attnum > 0 AND NOT attisdropped", [[...oids][0]]);
  const byAttnum = new Map(attnumRows.rows.map((r) => [r.attnum, r.name]));
  const cols = attnums.map((a) => info.table.columns.find((c) => c.name === byAttnum.get(a)));
  if (cols.some((c) => !c)) return { reason: `${qualifiedName(info.table)} changed since the query ran; run it again.` };
  const table: EditTable = { ...info.table, columns: cols as EditTable["columns"] };
  const key = table.key.map((k) => table.columns.findIndex((c) => c.name === k));
  if (key.some((i) => i < 0)) return { reason: `Include the primary key (${table.key.join(", ")}) of ${qualifiedName(table)} in the result to edit it.` };
  return { table, edit: { table: `${table.schema}.${table.table}`, key, writable: table.columns.map((c) => c.writable) } };
}
