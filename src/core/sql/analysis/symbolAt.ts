import type { CatalogColumn, CatalogFunction, CatalogRelation, CatalogSchema, CatalogType } from "../catalog/catalogTypes";
import type { CatalogIndex } from "./catalogIndex";
import type { Token } from "./lexer";
import { insertListTarget, resolveRef, visibleRefs } from "./scope";
import { type StatementContext, statementContext, type TableRef } from "./statementContext";

/** The catalog object a name in the document stands for (hover and go to definition). */
export type SqlSymbol =
  | { kind: "relation"; relation: CatalogRelation }
  | { kind: "column"; relation: CatalogRelation; column: CatalogColumn }
  | { kind: "function"; functions: CatalogFunction[] }
  | { kind: "type"; type: CatalogType }
  | { kind: "schema"; schema: CatalogSchema };

export interface SymbolHit { symbol: SqlSymbol; start: number; end: number }

const isName = (t: Token | undefined): t is Token => t !== undefined && (t.kind === "word" || t.kind === "quoted");
const isDot = (t: Token | undefined) => t?.kind === "punct" && t.value === ".";

/** The symbol under `offset` (on a name's first character or anywhere up to its end), if the catalog knows it. */
export function symbolAt(text: string, offset: number, index: CatalogIndex): SymbolHit | undefined {
  const ctx = statementContext(text, offset);
  const i = ctx.tokens.findIndex((t) => t.start <= offset && offset <= t.end && isName(t));
  if (i < 0) return undefined;
  const tok = ctx.tokens[i];
  const symbol = resolveAt(ctx, i, index);
  return symbol ? { symbol, start: tok.start, end: tok.end } : undefined;
}

function resolveAt(ctx: StatementContext, i: number, index: CatalogIndex): SqlSymbol | undefined {
  const { tokens } = ctx;
  const name = tokens[i].value;
  const quals: string[] = [];
  for (let k = i; isDot(tokens[k - 1]) && isName(tokens[k - 2]); k -= 2) quals.unshift(tokens[k - 2].value);
  const next = tokens[i + 1];
  const refs = visibleRefs({ ...ctx, cursorGroups: groupsAt(ctx, i) });
  const relationOf = (q: string): CatalogRelation | undefined => {
    const byAlias = refs.find((r) => r.alias === q);
    if (byAlias) return resolveRef(byAlias, index, ctx.ctes);
    const byName = refs.find((r) => !r.alias && r.name === q);
    return resolveRef(byName, index, ctx.ctes) ?? (ctx.ctes.has(q) ? undefined : index.relation(undefined, q));
  };
  const asSchema = (s: string): SqlSymbol | undefined => {
    const schema = index.catalog.schemas.find((x) => x.name === s);
    return schema ? { kind: "schema", schema } : undefined;
  };
  const column = (rel: CatalogRelation | undefined, col: string): SqlSymbol | undefined => {
    const c = rel?.columns.find((x) => x.name === col);
    return rel && c ? { kind: "column", relation: rel, column: c } : undefined;
  };
  const fns = (schema: string | undefined) => {
    const list = index.functions(schema, name);
    return list.length ? ({ kind: "function", functions: list } as const) : undefined;
  };

  if (next?.kind === "punct" && next.value === "(") return fns(quals[quals.length - 1]);
  if (isDot(next)) {
    // A qualifier: `alias.` / `table.` / `schema.`.
    if (quals.length === 1) {
      const rel = index.relation(quals[0], name);
      return rel ? { kind: "relation", relation: rel } : undefined;
    }
    const rel = relationOf(name);
    if (rel) return { kind: "relation", relation: rel };
    return asSchema(name);
  }
  if (quals.length >= 2) return column(index.relation(quals[quals.length - 2], quals[quals.length - 1]), name);
  if (quals.length === 1) {
    const q = quals[0];
    const viaRef = refs.some((r) => r.alias === q || (!r.alias && r.name === q && !r.schema));
    if (viaRef) return column(relationOf(q), name);
    const inSchema = index.relation(q, name);
    if (inSchema) return { kind: "relation", relation: inSchema };
    const type = index.type(q, name);
    if (type) return { kind: "type", type };
    return column(relationOf(q), name);
  }
  // Unqualified: a FROM item itself, else a column of a table in scope, else any named object.
  const ref = ctx.refs.find((r) => r.at === i);
  if (ref) {
    const rel = resolveRef(ref, index, ctx.ctes);
    return rel ? { kind: "relation", relation: rel } : undefined;
  }
  if (tokens[i - 1]?.value === "::") {
    const type = index.type(undefined, name);
    return type ? { kind: "type", type } : undefined;
  }
  // `INSERT INTO t (a, b)`: a name in the column list is a column of t, and of nothing else.
  const listTarget = insertListTarget(ctx, ctx.groupOf[i]);
  if (listTarget !== undefined) return column(resolveRef(ctx.refs[listTarget], index, ctx.ctes), name);
  for (const r of columnSources(ctx, i, refs)) {
    const hit = column(resolveRef(r, index, ctx.ctes), name);
    if (hit) return hit;
  }
  const alias = refs.find((r) => r.alias === name);
  if (alias) {
    const rel = resolveRef(alias, index, ctx.ctes);
    return rel ? { kind: "relation", relation: rel } : undefined;
  }
  if (ctx.ctes.has(name)) return undefined;
  const rel = index.relation(undefined, name);
  if (rel) return { kind: "relation", relation: rel };
  const type = index.type(undefined, name);
  if (type) return { kind: "type", type };
  return asSchema(name);
}

/** The groups enclosing token `i`, innermost first (what the cursor would see there). */
function groupsAt(ctx: StatementContext, i: number): number[] {
  const out: number[] = [];
  for (let g = ctx.groupOf[i]; ; g = ctx.groupOf[g]) {
    out.push(g);
    if (g < 0) return out;
  }
}

/**
 * The refs an unqualified column at token `i` can come from, most likely first: in the query of
 * `INSERT INTO t … SELECT …` the INSERT target's columns are not in scope (its FROM items are), so it
 * goes last; in `RETURNING` and `ON CONFLICT … DO UPDATE` they are, so it stays first.
 */
function columnSources(ctx: StatementContext, i: number, refs: TableRef[]): TableRef[] {
  const target = refs.find((r) => r.group === -1 && ctx.tokens[r.at - 1]?.upper === "INTO" && ctx.tokens[r.at - 2]?.upper === "INSERT");
  if (!target) return refs;
  const top = ctx.tokens.slice(target.at, i).filter((_, k) => ctx.groupOf[target.at + k] === -1).map((t) => t.upper);
  const select = top.lastIndexOf("SELECT");
  if (select < 0 || top.lastIndexOf("RETURNING") > select || top.lastIndexOf("CONFLICT") > select) return refs;
  return [...refs.filter((r) => r !== target), target];
}
