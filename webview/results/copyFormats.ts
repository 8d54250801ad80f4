// Pure text formatters for copying grid selections. No DOM here: unit-tested under Node.
//
// Conventions (pinned by tests):
// - TSV (Ctrl/Cmd+C): rows joined by "\n", cells by "\t"; NULL → empty; a value containing a tab, newline or `"`
//   is wrapped in quotes with `"` doubled (what spreadsheets expect on paste). Optional header row.
// - CSV (RFC 4180): header row, CRLF line ends, quotes when a field contains `,` `"` CR or LF; NULL → empty
//   unquoted, empty string → `""` (the COPY … CSV convention, so the two stay distinguishable).
// - JSON: array of objects. Exactly-representable numeric types (int2, int4, oid, float4, float8) become numbers,
//   bool becomes true/false, json/jsonb are embedded as parsed JSON; int8/numeric/money stay strings because a JS
//   number would silently round them. NULL → null. Duplicate column names get a "_2", "_3" … suffix.
// - Markdown: GFM table, numeric columns right-aligned, `|` → `\|`, newlines → `<br>`, NULL → `NULL`.
// - SQL INSERT: one `INSERT INTO "schema"."table" ("a", "b") VALUES (…);` per row; identifiers and literals quoted
//   by doubling quotes (standard_conforming_strings), numbers and booleans bare, NULL bare.
import type { CellValue } from "../../src/shared/protocol";
import { sourceTable } from "./sqlTableName";

export interface CopyColumn { name: string; typeName: string }
export type CopyFormat = "tsv" | "tsvHeaders" | "csv" | "json" | "markdown" | "insert";

export const COPY_FORMAT_LABELS: Record<CopyFormat, string> = {
  tsv: "Copy",
  tsvHeaders: "Copy with Headers",
  csv: "Copy as CSV",
  json: "Copy as JSON",
  markdown: "Copy as Markdown",
  insert: "Copy as SQL INSERT",
};

const NUMERIC_TYPES = new Set(["int2", "int4", "int8", "float4", "float8", "numeric", "oid", "money", "smallint", "integer",
  "bigint", "real", "double precision", "decimal"]);
const JSON_NUMBER_TYPES = new Set(["int2", "int4", "float4", "float8", "oid", "smallint", "integer", "real", "double precision"]);
const BOOL_TYPES = new Set(["bool", "boolean"]);
const JSON_TYPES = new Set(["json", "jsonb"]);
const NUMBER_TEXT = /^-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

export const isNumericType = (typeName: string) => NUMERIC_TYPES.has(typeName.toLowerCase());

export function toTsv(columns: CopyColumn[], rows: CellValue[][], headers = false): string {
  const cell = (v: CellValue) => (v === null ? "" : /[\t\n\r"]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = rows.map((r) => r.map(cell).join("\t"));
  if (headers) lines.unshift(columns.map((c) => cell(c.name)).join("\t"));
  return lines.join("\n");
}

export function toCsv(columns: CopyColumn[], rows: CellValue[][]): string {
  const cell = (v: CellValue) => (v === null ? "" : v === "" || /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [columns.map((c) => cell(c.name)), ...rows.map((r) => r.map(cell))].map((l) => l.join(",")).join("\r\n");
}

function uniqueKeys(columns: CopyColumn[]): string[] {
  const seen = new Map<string, number>();
  return columns.map((c) => {
    const n = (seen.get(c.name) ?? 0) + 1;
    seen.set(c.name, n);
    return n === 1 ? c.name : `${c.name}_${n}`;
  });
}

export function jsonValue(v: CellValue, typeName: string): unknown {
  if (v === null) return null;
  const t = typeName.toLowerCase();
  if (JSON_NUMBER_TYPES.has(t) && NUMBER_TEXT.test(v)) return Number(v);
  if (BOOL_TYPES.has(t) && (v === "t" || v === "f")) return v === "t";
  if (JSON_TYPES.has(t)) { try { return JSON.parse(v) as unknown; } catch { return v; } }
  return v;
}

export function toJson(columns: CopyColumn[], rows: CellValue[][]): string {
  const keys = uniqueKeys(columns);
  const objects = rows.map((r) => {
    const o: Record<string, unknown> = {};
    keys.forEach((k, i) => { o[k] = jsonValue(r[i] ?? null, columns[i]!.typeName); });
    return o;
  });
  return JSON.stringify(objects, null, 2);
}

export function toMarkdown(columns: CopyColumn[], rows: CellValue[][]): string {
  const cell = (v: CellValue) => (v === null ? "NULL" : v.replace(/\|/g, "\\|").replace(/\r?\n|\r/g, "<br>"));
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [
    line(columns.map((c) => cell(c.name))),
    line(columns.map((c) => (isNumericType(c.typeName) ? "---:" : "---"))),
    ...rows.map((r) => line(r.map(cell))),
  ].join("\n");
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
export const quoteLiteral = (value: string) => `'${value.replace(/'/g, "''")}'`;

export function sqlLiteral(v: CellValue, typeName: string): string {
  if (v === null) return "NULL";
  const t = typeName.toLowerCase();
  if (NUMERIC_TYPES.has(t) && t !== "money" && NUMBER_TEXT.test(v)) return v;
  if (BOOL_TYPES.has(t) && (v === "t" || v === "f")) return v === "t" ? "true" : "false";
  return quoteLiteral(v);
}

/** `table` is the qualified name split into parts, e.g. ["public", "users"]. */
export function toInsert(columns: CopyColumn[], rows: CellValue[][], table: string[]): string {
  const target = table.map(quoteIdent).join(".");
  const cols = columns.map((c) => quoteIdent(c.name)).join(", ");
  return rows
    .map((r) => `INSERT INTO ${target} (${cols}) VALUES (${r.map((v, i) => sqlLiteral(v, columns[i]!.typeName)).join(", ")});`)
    .join("\n");
}

/** The table a query reads, for INSERT copies: the first top-level FROM target of its tokens, else "table_name". */
export function guessTableName(sql: string): string[] {
  return sourceTable(sql) ?? ["table_name"];
}

export function formatCopy(format: CopyFormat, columns: CopyColumn[], rows: CellValue[][], table: string[] = ["table_name"]): string {
  switch (format) {
    case "tsv": return toTsv(columns, rows);
    case "tsvHeaders": return toTsv(columns, rows, true);
    case "csv": return toCsv(columns, rows);
    case "json": return toJson(columns, rows);
    case "markdown": return toMarkdown(columns, rows);
    case "insert": return toInsert(columns, rows, table);
  }
}
