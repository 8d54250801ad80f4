import type { CatalogFunction, CatalogRelation, CatalogType } from "../catalog/catalogTypes";
import { qualifiedName, quoteIdent } from "./identifiers";
import type { SqlSymbol } from "./symbolAt";

/** A definition reconstructed from the catalog: the text and, for a column, the line it is on. */
export interface DdlDocument { text: string; line: number }

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

export function ddlFor(symbol: SqlSymbol): DdlDocument | undefined {
  switch (symbol.kind) {
    case "relation": return relationDdl(symbol.relation);
    case "column": return relationDdl(symbol.relation, symbol.column.name);
    case "function": return { text: symbol.functions.map(functionDdl).join("\n"), line: 0 };
    case "type": return { text: typeDdl(symbol.type), line: 0 };
    case "schema": return { text: `CREATE SCHEMA ${quoteIdent(symbol.schema.name)};\n${symbol.schema.comment ? `COMMENT ON SCHEMA ${quoteIdent(symbol.schema.name)} IS ${literal(symbol.schema.comment)};\n` : ""}`, line: 0 };
  }
}

const HEADER = "-- Reconstructed from the Lakebase target's catalog (read-only).";

const kindWord = (rel: CatalogRelation) =>
  rel.kind === "view" ? "VIEW" : rel.kind === "materialized view" ? "MATERIALIZED VIEW" : rel.kind === "foreign table" ? "FOREIGN TABLE" : "TABLE";

export function relationDdl(rel: CatalogRelation, column?: string): DdlDocument {
  const name = qualifiedName(rel.schema, rel.name);
  const lines = [HEADER];
  let line = -1;
  const columnComments = () => {
    for (const c of rel.columns) {
      if (c.name === column) line = lines.length;
      lines.push(`--   ${quoteIdent(c.name)} ${c.type}`);
    }
  };
  if (rel.kind === "view" || rel.kind === "materialized view") {
    lines.push(`CREATE ${kindWord(rel)} ${name} AS`);
    lines.push(...(rel.viewDefinition ?? " SELECT NULL; -- the definition could not be read").replace(/^\s*\n/, "").trimEnd().split("\n"));
    lines.push("-- Columns:");
    columnComments();
  } else if (rel.partitionOf) {
    lines.push(`CREATE TABLE ${name} PARTITION OF ${rel.partitionOf.parent}`, `    ${rel.partitionOf.bound};`, "-- Columns (from the parent):");
    columnComments();
  } else {
    lines.push(`CREATE ${kindWord(rel)} ${name} (`);
    const body: string[] = [];
    for (const c of rel.columns) {
      if (c.name === column) line = lines.length + body.length;
      const parts = [quoteIdent(c.name), c.type];
      if (c.generated) parts.push(c.generated);
      else if (c.defaultValue !== undefined) parts.push(`DEFAULT ${c.defaultValue}`);
      if (!c.nullable) parts.push("NOT NULL");
      body.push(`    ${parts.join(" ")}`);
    }
    for (const k of rel.constraints) body.push(`    CONSTRAINT ${quoteIdent(k.name)} ${k.definition}`);
    lines.push(...body.map((l, i) => (i < body.length - 1 ? `${l},` : l)));
    lines.push(`)${rel.partitionKey ? ` PARTITION BY ${rel.partitionKey}` : ""};`);
  }
  if (rel.comment) lines.push(`COMMENT ON ${kindWord(rel)} ${name} IS ${literal(rel.comment)};`);
  for (const c of rel.columns) if (c.comment) lines.push(`COMMENT ON COLUMN ${name}.${quoteIdent(c.name)} IS ${literal(c.comment)};`);
  return { text: `${lines.join("\n")}\n`, line: Math.max(0, line) };
}

function functionDdl(f: CatalogFunction): string {
  if (f.definition) return `${f.definition.trimEnd()};\n`;
  const what = f.kind === "aggregate" ? "AGGREGATE" : f.kind === "procedure" ? "PROCEDURE" : "FUNCTION";
  const source = f.schema === "pg_catalog" ? "built in" : f.kind === "aggregate" ? "an aggregate: its definition is not printable from the catalog" : "no SQL source";
  return `-- ${what} ${qualifiedName(f.schema, f.name)}(${f.args})${f.kind === "procedure" ? "" : ` RETURNS ${f.returns}`} (${source})\n`;
}

function typeDdl(t: CatalogType): string {
  const name = qualifiedName(t.schema, t.name);
  const comment = t.comment ? `COMMENT ON TYPE ${name} IS ${literal(t.comment)};\n` : "";
  if (t.kind === "enum") return `CREATE TYPE ${name} AS ENUM (${(t.values ?? []).map(literal).join(", ")});\n${comment}`;
  if (t.kind === "domain") return `CREATE DOMAIN ${name} AS ${t.baseType ?? "?"};\n${comment}`;
  return `-- ${t.kind} type ${name}${t.schema === "pg_catalog" ? " (built in)" : ""}\n${comment}`;
}
