import type { PgNode } from "./pgParser";

const obj = (v: unknown): PgNode | undefined => (v && typeof v === "object" && !Array.isArray(v) ? (v as PgNode) : undefined);

/**
 * Tables the document itself creates or changes (CREATE TABLE/VIEW/… AS, ALTER TABLE, renames):
 * a migration uses them before the catalog has them, so they are not questioned. Keys are
 * `name` and `schema.name`.
 */
export function documentLocalNames(stmts: PgNode[]): Set<string> {
  const out = new Set<string>();
  const add = (rv: PgNode | undefined) => {
    if (!rv || typeof rv.relname !== "string") return;
    out.add(rv.relname);
    if (typeof rv.schemaname === "string") out.add(`${rv.schemaname}.${rv.relname}`);
  };
  for (const s of stmts) {
    const create = obj(s.CreateStmt) ?? obj(s.AlterTableStmt) ?? obj(s.RenameStmt) ?? obj(s.CreateForeignTableStmt);
    if (create) add(obj(create.relation) ?? obj(obj(create.base)?.relation));
    const rename = obj(s.RenameStmt);
    if (rename && typeof rename.newname === "string" && rename.renameType === "OBJECT_TABLE") out.add(rename.newname);
    add(obj(obj(s.ViewStmt)?.view));
    add(obj(obj(obj(s.CreateTableAsStmt)?.into)?.rel));
  }
  return out;
}
