import type { CatalogColumn, CatalogFunction, CatalogRelation } from "../catalog/catalogTypes";
import type { CatalogIndex } from "./catalogIndex";
import { qualifiedName, quoteIdent } from "./identifiers";
import { type SqlSymbol, symbolAt } from "./symbolAt";

export interface HoverResult { markdown: string; start: number; end: number }

/** Markdown for the name under `offset`: what the catalog knows about it. */
export function hover(text: string, offset: number, index: CatalogIndex): HoverResult | undefined {
  const hit = symbolAt(text, offset, index);
  return hit ? { markdown: describeSymbol(hit.symbol), start: hit.start, end: hit.end } : undefined;
}

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;
/** Comments come from the database: shown as text, never as markdown (no links, no images). */
const text = (s: string) => s.replace(/[\\`*_{}[\]()#+\-.!<>|~]/g, (c) => `\\${c}`);
const MAX_COLUMNS = 25;
const MAX_OVERLOADS = 8;

export function describeSymbol(symbol: SqlSymbol): string {
  switch (symbol.kind) {
    case "relation": return describeRelation(symbol.relation);
    case "column": return describeColumn(symbol.relation, symbol.column);
    case "function": return describeFunctions(symbol.functions);
    case "type": {
      const t = symbol.type;
      const lines = [`**${t.kind} type** ${code(qualifiedName(t.schema, t.name))}`];
      if (t.values) lines.push(`values: ${t.values.map((v) => code(`'${v.replace(/'/g, "''")}'`)).join(", ")}`);
      if (t.baseType) lines.push(`over ${code(t.baseType)}`);
      if (t.comment) lines.push(text(t.comment));
      return lines.join("\n\n");
    }
    case "schema": {
      const s = symbol.schema;
      return [`**schema** ${code(quoteIdent(s.name))}`, ...(s.owner ? [`owner ${code(s.owner)}`] : []), ...(s.comment ? [text(s.comment)] : [])].join("\n\n");
    }
  }
}

export function columnSummary(rel: CatalogRelation, c: CatalogColumn): string {
  const parts = [c.type, c.nullable ? "NULL" : "NOT NULL"];
  if (rel.primaryKey.includes(c.name)) parts.push("PRIMARY KEY");
  if (c.generated) parts.push(c.generated);
  else if (c.defaultValue !== undefined) parts.push(`DEFAULT ${c.defaultValue}`);
  return parts.join(" ");
}

function describeRelation(rel: CatalogRelation): string {
  const rows = rel.estimatedRows === null ? "never analyzed" : `~${rel.estimatedRows.toLocaleString("en-US")} rows (estimate)`;
  const head = [`**${rel.kind}** ${code(qualifiedName(rel.schema, rel.name))}`];
  if (rel.comment) head.push(text(rel.comment));
  const isView = rel.kind === "view";
  head.push(`${rel.columns.length} column${rel.columns.length === 1 ? "" : "s"}${isView ? "" : ` · ${rows}`}`);
  if (rel.partitionOf) head.push(`partition of ${code(rel.partitionOf.parent)} ${code(rel.partitionOf.bound)}`);
  if (rel.partitionKey) head.push(`partitioned by ${code(rel.partitionKey)}`);
  const cols = rel.columns.slice(0, MAX_COLUMNS).map((c) => `${quoteIdent(c.name)} ${columnSummary(rel, c)}`);
  if (rel.columns.length > MAX_COLUMNS) cols.push(`… ${rel.columns.length - MAX_COLUMNS} more`);
  return `${head.join("\n\n")}\n\n\`\`\`sql\n${cols.join("\n")}\n\`\`\``;
}

function describeColumn(rel: CatalogRelation, c: CatalogColumn): string {
  const lines = [`**column** ${code(`${quoteIdent(rel.name)}.${quoteIdent(c.name)}`)} of ${rel.kind} ${code(qualifiedName(rel.schema, rel.name))}`, code(columnSummary(rel, c))];
  for (const fk of rel.foreignKeys) {
    const at = fk.columns.indexOf(c.name);
    if (at >= 0) lines.push(`references ${code(`${qualifiedName(fk.refSchema, fk.refTable)}(${fk.refColumns.map(quoteIdent).join(", ")})`)}`);
  }
  if (c.comment) lines.push(text(c.comment));
  return lines.join("\n\n");
}

export function signatureLabel(f: CatalogFunction): string {
  return `${quoteIdent(f.name)}(${f.args})${f.kind === "procedure" ? "" : ` → ${f.returns}`}`;
}

function describeFunctions(fns: CatalogFunction[]): string {
  const f = fns[0];
  const sigs = fns.slice(0, MAX_OVERLOADS).map(signatureLabel);
  if (fns.length > MAX_OVERLOADS) sigs.push(`-- … ${fns.length - MAX_OVERLOADS} more overloads`);
  const lines = [`**${f.kind}** ${code(qualifiedName(f.schema, f.name))}${fns.length > 1 ? ` · ${fns.length} overloads` : ""}`, `\`\`\`sql\n${sigs.join("\n")}\n\`\`\``];
  const comment = fns.find((x) => x.comment)?.comment;
  if (comment) lines.push(text(comment));
  return lines.join("\n\n");
}
