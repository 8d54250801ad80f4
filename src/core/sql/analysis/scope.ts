import type { CatalogRelation } from "../catalog/catalogTypes";
import type { CatalogIndex } from "./catalogIndex";
import type { Token } from "./lexer";
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

const isName = (t: Token | undefined): t is Token => t !== undefined && (t.kind === "word" || t.kind === "quoted");

/** The `INSERT INTO t (…)` target (index in ctx.refs) when the group opened at token `g` is its column list. */
export function insertListTarget(ctx: Pick<StatementContext, "refs" | "tokens">, g: number): number | undefined {
  if (g < 2) return undefined;
  const ref = ctx.refs.findIndex((r) => r.name !== undefined && r.at < g && ctx.tokens[r.at - 1]?.upper === "INTO");
  if (ref < 0) return undefined;
  // The list right after the target: only its (qualified) name and an alias between them.
  const between = ctx.tokens.slice(ctx.refs[ref].at, g).filter((t) => t.value !== ".");
  return between.every(isName) && between.length <= 3 ? ref : undefined;
}
