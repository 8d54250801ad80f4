import type { CatalogFunction, CatalogRelation } from "../catalog/catalogTypes";
import type { CatalogIndex } from "./catalogIndex";
import { type CompletionSite, completionSite } from "./completionContext";
import { quoteIdent } from "./identifiers";
import { COMPLETION_KEYWORDS } from "./keywords";
import { resolveRef, visibleRefs } from "./scope";
import { type StatementContext, statementContext } from "./statementContext";

export type CompletionKind = "keyword" | "schema" | "table" | "view" | "column" | "function" | "type" | "join";

export interface SqlCompletion {
  label: string;
  kind: CompletionKind;
  /** Text to insert; a snippet (`$0` marks the cursor) when `snippet`. */
  insertText: string;
  snippet?: boolean;
  /** What the editor matches the typed text against (the quoted form when the user typed a quote). */
  filterText: string;
  sortText: string;
  detail?: string;
}

export interface CompletionResult {
  items: SqlCompletion[];
  /** The document range the chosen item replaces: the identifier being typed. */
  replaceStart: number;
  replaceEnd: number;
  site: CompletionSite["kind"];
}

/** Completion at `offset`. `index` absent (no catalog yet, target unreachable): key words only. */
export function complete(text: string, offset: number, index: CatalogIndex | undefined): CompletionResult {
  const ctx = statementContext(text, offset);
  const site = completionSite(ctx);
  const typedQuote = ctx.partial?.kind === "quoted";
  const out = new Items(typedQuote);
  if (index) addCatalogItems(out, site, ctx, index);
  if (site.kind !== "none" && site.kind !== "member" && site.kind !== "columnsOf" && site.kind !== "type") {
    for (const k of COMPLETION_KEYWORDS) out.add({ label: k, kind: "keyword", insertText: k, sortText: `9${k}` });
  }
  const replaceStart = ctx.partial?.start ?? offset;
  const replaceEnd = ctx.partial ? Math.max(ctx.partial.end, offset) : offset;
  return { items: out.items, replaceStart, replaceEnd, site: site.kind };
}

class Items {
  readonly items: SqlCompletion[] = [];
  private readonly seen = new Set<string>();
  constructor(readonly typedQuote: boolean) {}
  /** Items built once per catalog (see `memo`): no per-request work beyond the copy. */
  addPrebuilt(list: { plain: SqlCompletion[]; quoted: SqlCompletion[] }): void {
    for (const item of this.typedQuote ? list.quoted : list.plain) this.items.push(item);
  }
  add(item: Omit<SqlCompletion, "filterText"> & { filterText?: string }): void {
    const key = `${item.kind}\u0000${item.label}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    // The editor filters on the range's text: after a typed `"` it must compare with the quoted form.
    const filterText = item.filterText ?? (this.typedQuote ? item.insertText : item.label);
    this.items.push({ ...item, filterText });
  }
}

function addCatalogItems(out: Items, site: CompletionSite, ctx: StatementContext, index: CatalogIndex): void {
  switch (site.kind) {
    case "relation":
      if (site.join) addJoins(out, ctx, index);
      out.addPrebuilt(memo(index, "relations", (o) => addRelations(o, index, undefined, "1")));
      addSchemas(out, index);
      return;
    case "member": {
      const target = memberTarget(site.qualifier, ctx, index);
      if (target.relation) addColumns(out, target.relation, "", "0");
      if (target.schema) {
        const schema = target.schema;
        out.addPrebuilt(memo(index, `relations\u0000${schema}`, (o) => addRelations(o, index, schema, "1")));
        addFunctions(out, index.functionsBySchema.get(target.schema) ?? [], "2");
        for (const t of index.typesBySchema.get(target.schema) ?? []) out.add({ label: t.name, kind: "type", insertText: quoteIdent(t.name), sortText: `3${t.name}`, detail: t.kind });
      }
      return;
    }
    case "columnsOf": {
      const rel = resolveRef(ctx.refs[site.ref], index);
      if (rel) addColumns(out, rel, "", "0");
      return;
    }
    case "expression": {
      if (site.joinOn !== undefined) addJoinConditions(out, ctx, index, site.joinOn);
      const refs = visibleRefs(ctx);
      for (const ref of refs) {
        const rel = resolveRef(ref, index);
        if (rel) addColumns(out, rel, refs.length > 1 ? `${ref.alias ?? rel.name}` : "", "1");
      }
      for (const schema of index.resolutionPath) {
        out.addPrebuilt(memo(index, `functions\u0000${schema}`, (o) => addFunctions(o, index.functionsBySchema.get(schema) ?? [], schema === "pg_catalog" ? "4" : "3")));
      }
      return;
    }
    case "type":
      for (const schema of index.resolutionPath) {
        for (const t of index.typesBySchema.get(schema) ?? []) {
          out.add({ label: t.name, kind: "type", insertText: quoteIdent(t.name), sortText: `${schema === "pg_catalog" ? 2 : 1}${t.name}`, detail: schema === "pg_catalog" ? "built-in type" : `${t.kind} ${quoteIdent(t.schema)}.${quoteIdent(t.name)}` });
        }
      }
      addSchemas(out, index);
      return;
    default:
  }
}

const memos = new WeakMap<CatalogIndex, Map<string, { plain: SqlCompletion[]; quoted: SqlCompletion[] }>>();

/** A list of items that depends only on the catalog, built on first use in both filter variants. */
function memo(index: CatalogIndex, key: string, build: (out: Items) => void): { plain: SqlCompletion[]; quoted: SqlCompletion[] } {
  let perIndex = memos.get(index);
  if (!perIndex) memos.set(index, (perIndex = new Map()));
  let hit = perIndex.get(key);
  if (!hit) {
    const plain = new Items(false);
    const quoted = new Items(true);
    build(plain);
    build(quoted);
    hit = { plain: plain.items, quoted: quoted.items };
    perIndex.set(key, hit);
  }
  return hit;
}

/** What `x.` / `x.y.` names: a table in FROM by alias or name, a schema, or a table by name. */
function memberTarget(qualifier: string[], ctx: StatementContext, index: CatalogIndex): { relation?: CatalogRelation; schema?: string } {
  if (qualifier.length >= 2) {
    return { relation: index.relation(qualifier[qualifier.length - 2], qualifier[qualifier.length - 1]) };
  }
  const [q] = qualifier;
  for (const ref of visibleRefs(ctx)) {
    if (ref.alias === q) return { relation: resolveRef(ref, index) };
    // `FROM s.` parses as a ref named s: only a ref that is a table counts.
    const rel = !ref.alias && ref.name === q ? resolveRef(ref, index) : undefined;
    if (rel) return { relation: rel };
  }
  if (index.schemaNames.has(q) || index.relationsBySchema.has(q)) return { schema: q };
  return { relation: index.relation(undefined, q) };
}

function addRelations(out: Items, index: CatalogIndex, schema: string | undefined, sort: string): void {
  const schemas = schema !== undefined ? [schema] : index.catalog.searchPath;
  for (const s of schemas) {
    for (const r of index.relationsBySchema.get(s) ?? []) {
      // Only the first schema of the search path that has the name is reachable unqualified.
      if (schema === undefined && index.relation(undefined, r.name) !== r) continue;
      out.add({ label: r.name, kind: r.kind === "view" || r.kind === "materialized view" ? "view" : "table", insertText: quoteIdent(r.name), sortText: `${sort}${r.name}`, detail: `${r.kind} ${quoteIdent(r.schema)}` });
    }
  }
}

function addSchemas(out: Items, index: CatalogIndex): void {
  for (const s of index.catalog.schemas) out.add({ label: s.name, kind: "schema", insertText: quoteIdent(s.name), sortText: `5${s.name}`, detail: "schema" });
}

function addColumns(out: Items, rel: CatalogRelation, owner: string, sort: string): void {
  rel.columns.forEach((c, i) => {
    const pk = rel.primaryKey.includes(c.name) ? " PK" : "";
    out.add({
      label: c.name, kind: "column", insertText: quoteIdent(c.name),
      // Table order, not alphabetical: it is how people read their tables.
      sortText: `${sort}${owner}${String(i).padStart(4, "0")}`,
      detail: `${c.type}${c.nullable ? "" : " NOT NULL"}${pk} · ${owner || rel.name}`,
    });
  });
}

function addFunctions(out: Items, fns: CatalogFunction[], sort: string): void {
  const byName = new Map<string, CatalogFunction[]>();
  for (const f of fns) {
    if (f.kind === "procedure") continue;
    const list = byName.get(f.name);
    if (list) list.push(f); else byName.set(f.name, [f]);
  }
  for (const [name, overloads] of byName) {
    const first = overloads[0];
    const more = overloads.length > 1 ? ` (+${overloads.length - 1} overloads)` : "";
    const noArgs = overloads.every((f) => f.argList.length === 0);
    out.add({
      label: name, kind: "function", snippet: true,
      insertText: `${snippetEscape(quoteIdent(name))}(${noArgs ? ")$0" : "$0)"}`,
      sortText: `${sort}${name}`,
      detail: `${name}(${first.args}) → ${first.returns}${more}`,
    });
  }
}

function snippetEscape(s: string): string {
  return s.replace(/[$}\\]/g, (c) => `\\${c}`);
}

/** After `JOIN`: the tables with a foreign key to or from a table already in FROM, with the ON condition written out. */
function addJoins(out: Items, ctx: StatementContext, index: CatalogIndex): void {
  const here = visibleRefs(ctx).filter((r) => r.at < ctx.cursorIndex);
  // Aliases already used before the cursor (what follows it may be the very text being replaced).
  const aliases = new Set(ctx.refs.filter((r) => r.at < ctx.cursorIndex).map((r) => r.alias ?? r.name).filter((a): a is string => a !== undefined));
  for (const ref of here) {
    const rel = resolveRef(ref, index);
    if (!rel) continue;
    const left = ref.alias ?? quoteIdent(ref.name!);
    const suggest = (other: CatalogRelation, cond: (alias: string) => string) => {
      const alias = aliasFor(other.name, aliases);
      const name = index.relation(undefined, other.name) === other ? quoteIdent(other.name) : `${quoteIdent(other.schema)}.${quoteIdent(other.name)}`;
      const text = `${name} ${alias} ON ${cond(alias)}`;
      out.add({ label: text, kind: "join", insertText: text, sortText: `0${text}`, filterText: other.name, detail: "join on foreign key" });
    };
    for (const fk of rel.foreignKeys) {
      const other = index.relation(fk.refSchema, fk.refTable);
      if (other) suggest(other, (a) => pairs(fk.columns, fk.refColumns).map(([x, y]) => `${a}.${quoteIdent(y)} = ${left}.${quoteIdent(x)}`).join(" AND "));
    }
    for (const other of index.referencedBy(rel)) {
      for (const fk of other.foreignKeys) {
        if (fk.refSchema !== rel.schema || fk.refTable !== rel.name) continue;
        suggest(other, (a) => pairs(fk.columns, fk.refColumns).map(([x, y]) => `${a}.${quoteIdent(x)} = ${left}.${quoteIdent(y)}`).join(" AND "));
      }
    }
  }
}

/** After `JOIN t ON`: the foreign-key conditions between t and the tables before it. */
function addJoinConditions(out: Items, ctx: StatementContext, index: CatalogIndex, onAt: number): void {
  const refs = visibleRefs(ctx).filter((r) => r.at < onAt);
  const joined = refs[refs.length - 1];
  const jr = joined && resolveRef(joined, index);
  if (!jr) return;
  const jName = joined.alias ?? quoteIdent(joined.name!);
  for (const ref of refs.slice(0, -1)) {
    const rel = resolveRef(ref, index);
    if (!rel) continue;
    const name = ref.alias ?? quoteIdent(ref.name!);
    const conds: string[] = [];
    for (const fk of jr.foreignKeys) if (fk.refSchema === rel.schema && fk.refTable === rel.name) conds.push(pairs(fk.columns, fk.refColumns).map(([x, y]) => `${jName}.${quoteIdent(x)} = ${name}.${quoteIdent(y)}`).join(" AND "));
    for (const fk of rel.foreignKeys) if (fk.refSchema === jr.schema && fk.refTable === jr.name) conds.push(pairs(fk.columns, fk.refColumns).map(([x, y]) => `${jName}.${quoteIdent(y)} = ${name}.${quoteIdent(x)}`).join(" AND "));
    for (const text of conds) out.add({ label: text, kind: "join", insertText: text, sortText: `0${text}`, detail: "foreign key" });
  }
}

function pairs(a: string[], b: string[]): [string, string][] {
  return a.map((x, i) => [x, b[i] ?? x]);
}

function aliasFor(name: string, taken: Set<string>): string {
  const base = (name.toLowerCase().match(/[a-z]+/g) ?? ["t"]).map((w) => w[0]).join("") || "t";
  let alias = base;
  for (let n = 2; taken.has(alias) || quoteIdent(alias) !== alias; n++) alias = `${base}${n}`;
  return alias;
}
