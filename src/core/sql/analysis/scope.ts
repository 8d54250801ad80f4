import type { CatalogRelation } from "../catalog/catalogTypes";
import type { CatalogIndex } from "./catalogIndex";
import type { StatementContext, TableRef } from "./statementContext";

/** The table refs the cursor can see: those at its own nesting level or an enclosing one (not a sibling subquery's). */
export function visibleRefs(ctx: StatementContext): TableRef[] {
  const groups = new Set(ctx.cursorGroups);
  return ctx.refs.filter((r) => groups.has(r.group));
}

/** The catalog relation a ref names (a CTE of the same name hides a table). */
export function resolveRef(ref: TableRef | undefined, index: CatalogIndex, ctes?: Set<string>): CatalogRelation | undefined {
  if (!ref?.name) return undefined;
  if (!ref.schema && ctes?.has(ref.name)) return undefined;
  return index.relation(ref.schema, ref.name);
}
