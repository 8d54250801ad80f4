/**
 * Applies staged edits in one transaction: all of them or none. An update or delete that finds no row means
 * the row changed (or was deleted) since it was read: roll back and say which change it was.
 */
import type { PoolRegistry } from "../db/poolRegistry";
import type { DbTarget } from "../db/types";
import { buildEditStatements } from "./editSql";
import type { EditOutcome, EditTable, RowChange } from "./editTypes";
import { createHash } from "node:crypto";

const statementName = (sql: string) => `lakebase_edit_${createHash("sha1").update(sql).digest("hex").slice(0, 20)}`;

/** The first change of a batch whose row the statement did not return (its ordinal is 1-based). */
function firstMissing(changes: number[], rows: Array<{ ord?: string | number }>): number | undefined {
  const seen = new Set(rows.map((r) => Number(r.ord)));
  const k = changes.findIndex((_, i) => !seen.has(i + 1));
  return k < 0 ? undefined : changes[k];
}

export async function applyEdits(pools: PoolRegistry, target: DbTarget, table: EditTable, changes: RowChange[]): Promise<EditOutcome> {
  const statements = buildEditStatements(table, changes);
  const started = Date.now();
  const { client } = await pools.connect(target);
  let broken = false;
  try {
    await client.query("BEGIN");
    const counts = { inserted: 0, updated: 0, deleted: 0 };
    for (const s of statements) {
      const first = s.changes[0]!;
      let result: { rowCount: number | null; rows: Array<{ ord?: string | number }> };
      try {
        // Named: statements of one shape are parsed and planned once per connection.
        result = await client.query({ name: statementName(s.sql), text: s.sql, values: s.params });
      } catch (err) {
        await client.query("ROLLBACK").catch(() => { broken = true; });
        const e = err as { message?: string; code?: string; detail?: string };
        const which = s.changes.length === 1 ? `Change ${first + 1}` : `Changes ${first + 1}–${s.changes.at(-1)! + 1}`;
        return { status: "error", change: first, message: `${which} failed: ${e.message ?? String(err)}. Nothing was applied.`, sqlstate: e.code, detail: e.detail };
      }
      const missing = s.check === "rowCount" ? (result.rowCount === 1 ? undefined : first)
        : s.check === "ordinals" ? firstMissing(s.changes, result.rows) : undefined;
      if (missing !== undefined) {
        await client.query("ROLLBACK").catch(() => { broken = true; });
        const what = changes[missing]!.kind === "delete" ? "delete" : "update";
        return { status: "conflict", change: missing, message: `Change ${missing + 1} (${what}): the row was changed or deleted by someone else since it was read. Nothing was applied; reload the data and edit again.` };
      }
      const kind = changes[first]!.kind;
      const n = s.check === "none" ? result.rowCount ?? 0 : s.changes.length;
      if (kind === "insert") counts.inserted += n; else if (kind === "update") counts.updated += n; else counts.deleted += n;
    }
    await client.query("COMMIT");
    return { status: "applied", ...counts, ms: Date.now() - started };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => { broken = true; });
    return { status: "error", message: `${(err as Error).message}. Nothing was applied.` };
  } finally {
    client.release(broken ? true : undefined);
  }
}
