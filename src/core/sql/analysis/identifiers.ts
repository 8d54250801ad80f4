import { RESERVED } from "./keywords";

const PLAIN = /^[a-z_][a-z0-9_$]*$/;

/** A name as it must be written in SQL: as is when Postgres would fold it to itself, else double-quoted. */
export function quoteIdent(name: string): string {
  if (PLAIN.test(name) && !RESERVED.has(name.toUpperCase())) return name;
  return `"${name.replace(/"/g, '""')}"`;
}

/** `schema.name`, each part quoted only when needed. */
export function qualifiedName(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}
