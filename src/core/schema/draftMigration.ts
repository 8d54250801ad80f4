import type { CatalogDiff, ObjectChange, ObjectKind } from "./catalogTypes";
import { foldedIntoParent, KIND_ORDER } from "./diffCatalogs";
import { tableChanges } from "./tableDdl";

// Changed objects of these kinds are dropped and created again; tables, enums and sequences are
// altered in place (their data stays); functions are replaced (CREATE OR REPLACE).
const RECREATED: ReadonlySet<ObjectKind> = new Set(["constraint", "index", "view", "materialized view", "trigger", "policy", "grant"]);

/** Foreign keys after the keys they reference. */
const rank = (c: ObjectChange): number => KIND_ORDER.indexOf(c.kind) * 2 + ((c.after ?? c.before)?.constraintType === "f" ? 1 : 0);
const oid = (c: ObjectChange): number => (c.after ?? c.before)?.order ?? 0;

/**
 * SQL that turns the "from" schema into the "to" schema, as a draft for a person to review:
 * drops first (dependents before what they depend on), then creates and alters in dependency
 * order. Nothing here runs it.
 */
export function draftMigrationSql(diff: CatalogDiff, labels: { from: string; to: string }): string {
  const out: string[] = [
    `-- Draft migration: turns the schema of ${labels.from} into that of ${labels.to}.`,
    "-- Generated from the catalogs; review it (data in dropped columns and tables is lost) before running it.",
  ];
  if (diff.changes.length === 0) return [...out, "-- The schemas are the same: nothing to do.", ""].join("\n");

  const drops = diff.changes
    .filter((c) => (c.change === "removed" && !foldedIntoParent(c, diff)) || (c.change === "changed" && RECREATED.has(c.kind)))
    .sort((a, b) => rank(b) - rank(a) || oid(b) - oid(a));
  if (drops.length) out.push("", "-- Removed (and changed objects that are created again below)");
  for (const c of drops) out.push(c.before!.drop);

  const creates = diff.changes.filter((c) => c.change !== "removed").sort((a, b) => rank(a) - rank(b) || oid(a) - oid(b));
  const ownership: string[] = [];
  let section = "";
  for (const c of creates) {
    const heading = c.kind === "constraint" ? "constraints" : `${c.kind === "materialized view" ? "materialized views" : `${c.kind}s`}`;
    const lines = statements(c);
    if (!lines.length) continue;
    if (heading !== section) { out.push("", `-- ${heading[0]!.toUpperCase()}${heading.slice(1)}`); section = heading; }
    out.push(...lines);
    if (c.after!.ownedBy && c.after!.ownedBy !== c.before?.ownedBy) ownership.push(c.after!.ownedBy);
  }
  if (ownership.length) out.push("", "-- Sequences owned by columns", ...ownership);
  return `${out.join("\n")}\n`;
}

function statements(c: ObjectChange): string[] {
  const after = c.after!;
  if (c.change === "added" || RECREATED.has(c.kind) || c.kind === "function" || c.kind === "procedure" || c.kind === "schema") return [after.ddl];
  const before = c.before!;
  if (c.kind === "table") return tableChanges(after.qname, after.name, before.table!, after.table!).sql;
  if (c.kind === "enum") return enumChanges(after.qname, before.enumValues ?? [], after.enumValues ?? []);
  if (c.kind === "sequence") return before.ddl === after.ddl ? [] : [after.ddl.replace(/^CREATE SEQUENCE/, "ALTER SEQUENCE")];
  return [after.ddl];
}

function enumChanges(qname: string, before: string[], after: string[]): string[] {
  const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const old = new Set(before);
  const sql: string[] = [];
  after.forEach((v, i) => {
    if (old.has(v)) return;
    sql.push(i > 0 ? `ALTER TYPE ${qname} ADD VALUE ${lit(v)} AFTER ${lit(after[i - 1]!)};` : `ALTER TYPE ${qname} ADD VALUE ${lit(v)} BEFORE ${lit(after[1] ?? v)};`);
  });
  const now = new Set(after);
  for (const v of before) if (!now.has(v)) sql.push(`-- ${qname}: value ${lit(v)} is gone; Postgres cannot drop an enum value: create a new type and convert the columns by hand.`);
  return sql;
}
