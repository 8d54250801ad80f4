import type { CatalogRelation } from "../catalog/catalogTypes";
import type { CatalogIndex } from "../analysis/catalogIndex";
import { qualifiedName } from "../analysis/identifiers";
import type { PgNode } from "./pgParser";
import { closestNames } from "./suggest";

/** A name the catalog does not know, at a UTF-8 byte offset of the statement. */
export interface CatalogFinding {
  kind: "unknown-table" | "unknown-column";
  /** Byte offset of the reference (for a qualified column: of its first part). */
  location: number;
  /** The name as the parser read it, and which part of a qualified reference it is. */
  name: string;
  part: number;
  message: string;
  suggestions: string[];
}

/** A FROM item as the checks see it: a catalog relation, or something whose columns are unknown. */
interface Source { names: string[]; relation?: CatalogRelation }

const obj = (v: unknown): PgNode | undefined => (v && typeof v === "object" && !Array.isArray(v) ? (v as PgNode) : undefined);
const list = (v: unknown): PgNode[] => (Array.isArray(v) ? (v as PgNode[]) : []);
const sval = (n: PgNode): string | undefined => (obj(n.String)?.sval as string | undefined);

/**
 * Tables and columns of DML the catalog does not have. Conservative: a column is questioned only
 * when every table it could come from is a known catalog table (no subquery, function or CTE in
 * scope); names created earlier in the same document (`local`) and CTEs are never questioned.
 */
export function checkStatement(stmt: PgNode, index: CatalogIndex, local: Set<string>): CatalogFinding[] {
  const out: CatalogFinding[] = [];
  const ctx = { index, local, out, ctes: new Set<string>() };
  const [kind] = Object.keys(stmt);
  const body = obj(stmt[kind]) ?? {};
  switch (kind) {
    case "SelectStmt": select(ctx, body, []); break;
    case "InsertStmt": case "UpdateStmt": case "DeleteStmt": dml(ctx, kind, body, []); break;
    case "ViewStmt": { const q = obj(obj(body.query)?.SelectStmt); if (q) select(ctx, q, []); break; }
    case "CreateTableAsStmt": case "ExplainStmt": {
      const q = obj(body.query);
      if (q) out.push(...checkStatement(q, index, local));
      break;
    }
    default:
  }
  return out;
}

interface Ctx { index: CatalogIndex; local: Set<string>; out: CatalogFinding[]; ctes: Set<string> }

function withCtes(ctx: Ctx, body: PgNode): void {
  for (const c of list(obj(body.withClause)?.ctes)) {
    const cte = obj(c.CommonTableExpr);
    if (typeof cte?.ctename === "string") ctx.ctes.add(cte.ctename);
    const q = obj(obj(cte?.ctequery)?.SelectStmt);
    if (q) select(ctx, q, []);
    else {
      const inner = obj(cte?.ctequery);
      const [k] = inner ? Object.keys(inner) : [];
      if (inner && k) dml(ctx, k, obj(inner[k]) ?? {}, []);
    }
  }
}

function relationSource(ctx: Ctx, rv: PgNode): Source {
  const relname = rv.relname as string;
  const schema = rv.schemaname as string | undefined;
  const alias = obj(rv.alias)?.aliasname as string | undefined;
  const names = alias ? [alias] : [relname];
  if (!schema && (ctx.ctes.has(relname) || ctx.local.has(relname))) return { names };
  if (schema && ctx.local.has(`${schema}.${relname}`)) return { names };
  const relation = ctx.index.relation(schema, relname);
  if (!relation) {
    const pool = schema ? (ctx.index.relationsBySchema.get(schema) ?? []).map((r) => r.name) : ctx.index.catalog.searchPath.flatMap((s) => (ctx.index.relationsBySchema.get(s) ?? []).map((r) => r.name));
    const where = schema ? `schema "${schema}"` : `the search path (${ctx.index.catalog.searchPath.join(", ")})`;
    const suggestions = closestNames(relname, pool);
    ctx.out.push({
      kind: "unknown-table", location: Number(rv.location ?? 0), name: relname, part: schema ? 1 : 0, suggestions,
      message: `Table "${relname}" is not in ${where} of the target's catalog.${suggestions.length ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(", ")}?` : ""}`,
    });
  }
  return { names, ...(relation ? { relation } : {}) };
}

/** FROM items into sources; subqueries and joins' conditions are checked on the way. */
function fromItems(ctx: Ctx, items: PgNode[], outer: Source[][], into: Source[]): void {
  for (const item of items) {
    const rv = obj(item.RangeVar);
    if (rv) { into.push(relationSource(ctx, rv)); continue; }
    const join = obj(item.JoinExpr);
    if (join) {
      fromItems(ctx, [obj(join.larg) ?? {}, obj(join.rarg) ?? {}], outer, into);
      if (join.quals) expr(ctx, join.quals, [into, ...outer]);
      const alias = obj(join.alias)?.aliasname as string | undefined;
      if (alias) into.push({ names: [alias] });
      continue;
    }
    const sub = obj(item.RangeSubselect);
    if (sub) {
      const q = obj(obj(sub.subquery)?.SelectStmt);
      if (q) select(ctx, q, sub.lateral ? [into, ...outer] : outer);
      into.push({ names: [obj(sub.alias)?.aliasname as string].filter(Boolean) });
      continue;
    }
    // Functions in FROM, VALUES, JSON_TABLE…: a source whose columns are unknown.
    const alias = obj(Object.values(item).map(obj)[0]?.alias)?.aliasname as string | undefined;
    into.push({ names: alias ? [alias] : [] });
  }
}

function select(ctx: Ctx, s: PgNode, outer: Source[][]): void {
  withCtes(ctx, s);
  if (s.op && s.op !== "SETOP_NONE") {
    for (const side of [s.larg, s.rarg]) { const q = obj(side); if (q) select(ctx, q, outer); }
    return;
  }
  const sources: Source[] = [];
  fromItems(ctx, list(s.fromClause), outer, sources);
  const scope = [sources, ...outer];
  const outputNames = new Set(list(s.targetList).map((t) => obj(t.ResTarget)?.name as string | undefined).filter((n): n is string => !!n));
  for (const part of [s.targetList, s.whereClause, s.havingClause, s.valuesLists]) expr(ctx, part, scope);
  // ORDER BY / GROUP BY may name output columns.
  for (const part of [s.groupClause, s.sortClause]) expr(ctx, part, scope, outputNames);
}

function dml(ctx: Ctx, kind: string, d: PgNode, outer: Source[][]): void {
  withCtes(ctx, d);
  const rv = obj(d.relation);
  if (!rv) return;
  const target = relationSource(ctx, rv);
  const sources = [target];
  fromItems(ctx, list(d.fromClause ?? d.usingClause), outer, sources);
  const scope = [sources, ...outer];
  if (kind === "InsertStmt" || kind === "UpdateStmt") {
    for (const t of list(d.cols ?? d.targetList)) {
      const rt = obj(t.ResTarget);
      if (rt && typeof rt.name === "string" && target.relation) columnOf(ctx, target.relation, rt.name, Number(rt.location ?? 0), 0);
      if (kind === "UpdateStmt" && rt?.val) expr(ctx, rt.val, scope);
    }
  }
  const sel = obj(obj(d.selectStmt)?.SelectStmt);
  if (sel) select(ctx, sel, outer);
  for (const part of [d.whereClause, d.returningList, obj(d.onConflictClause)?.targetList, obj(d.onConflictClause)?.whereClause]) expr(ctx, part, scope);
}

function columnOf(ctx: Ctx, rel: CatalogRelation, name: string, location: number, part: number): void {
  if (rel.columns.some((c) => c.name === name)) return;
  const suggestions = closestNames(name, rel.columns.map((c) => c.name));
  ctx.out.push({
    kind: "unknown-column", location, name, part, suggestions,
    message: `Column "${name}" is not in ${rel.kind} ${qualifiedName(rel.schema, rel.name)}.${suggestions.length ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(", ")}?` : ""}`,
  });
}

/** Walks an expression tree: column references are checked, subqueries get their own scope. */
function expr(ctx: Ctx, node: unknown, scope: Source[][], outputNames?: Set<string>): void {
  if (Array.isArray(node)) { for (const n of node) expr(ctx, n, scope, outputNames); return; }
  const n = obj(node);
  if (!n) return;
  const ref = obj(n.ColumnRef);
  if (ref) { columnRef(ctx, ref, scope, outputNames); return; }
  const sub = obj(n.SelectStmt);
  if (sub) { select(ctx, sub, scope); return; }
  for (const v of Object.values(n)) if (v && typeof v === "object") expr(ctx, v, scope, outputNames);
}

function columnRef(ctx: Ctx, ref: PgNode, scope: Source[][], outputNames?: Set<string>): void {
  const fields = list(ref.fields);
  if (fields.some((f) => f.A_Star !== undefined)) return;
  const parts = fields.map(sval);
  if (parts.some((p) => p === undefined)) return;
  const location = Number(ref.location ?? 0);
  const all = scope.flat();
  if (parts.length === 1) {
    const [name] = parts as string[];
    if (outputNames?.has(name)) return;
    // Only when every visible source is a known table: anything else might provide the column.
    if (all.length === 0 || all.some((s) => !s.relation)) return;
    if (all.some((s) => s.relation!.columns.some((c) => c.name === name))) return;
    const rels = all.map((s) => s.relation!);
    const suggestions = closestNames(name, rels.flatMap((r) => r.columns.map((c) => c.name)));
    ctx.out.push({
      kind: "unknown-column", location, name, part: 0, suggestions,
      message: `Column "${name}" is not in ${rels.map((r) => qualifiedName(r.schema, r.name)).join(" or ")}.${suggestions.length ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(", ")}?` : ""}`,
    });
    return;
  }
  if (parts.length === 2) {
    const [q, name] = parts as string[];
    for (const level of scope) {
      const src = level.find((s) => s.names.includes(q));
      if (src) { if (src.relation) columnOf(ctx, src.relation, name, location, 1); return; }
    }
  }
}
