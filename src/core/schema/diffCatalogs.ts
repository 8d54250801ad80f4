import type { Catalog, CatalogDiff, CatalogObject, ObjectChange, ObjectKind } from "./catalogTypes";
import { sameTable, tableChanges } from "./tableDdl";

/** Creation order of kinds: an object may depend only on kinds before it. */
export const KIND_ORDER: ObjectKind[] = [
  "schema", "enum", "sequence", "table", "function", "procedure", "constraint", "index", "view", "materialized view", "trigger", "policy", "grant",
];

/** What turns `from` into `to`: objects only in `to` are added, only in `from` removed. */
export function diffCatalogs(from: Catalog, to: Catalog): CatalogDiff {
  const changes: ObjectChange[] = [];
  for (const [key, after] of to) {
    const before = from.get(key);
    if (!before) changes.push({ change: "added", kind: after.kind, key, name: after.name, parent: after.parent, after, details: [] });
    else if (!same(before, after)) changes.push({ change: "changed", kind: after.kind, key, name: after.name, parent: after.parent, before, after, details: details(before, after) });
  }
  for (const [key, before] of from) {
    if (!to.has(key)) changes.push({ change: "removed", kind: before.kind, key, name: before.name, parent: before.parent, before, details: [] });
  }
  changes.sort(byKindThenName);
  return { changes };
}

export function isEmptyCatalogDiff(d: CatalogDiff): boolean {
  return d.changes.length === 0;
}

function same(a: CatalogObject, b: CatalogObject): boolean {
  if (a.table && b.table) return sameTable(a.table, b.table);
  return a.ddl === b.ddl && a.ownedBy === b.ownedBy;
}

function details(before: CatalogObject, after: CatalogObject): string[] {
  if (before.table && after.table) return tableChanges(after.qname, after.name, before.table, after.table).details;
  if (before.enumValues && after.enumValues) {
    const old = new Set(before.enumValues);
    const now = new Set(after.enumValues);
    return [
      ...after.enumValues.filter((v) => !old.has(v)).map((v) => `+ value '${v}'`),
      ...before.enumValues.filter((v) => !now.has(v)).map((v) => `- value '${v}'`),
    ];
  }
  if (before.ownedBy !== after.ownedBy && before.ddl === after.ddl) return [`~ owner column: ${after.ownedBy ?? "none"}`];
  return [];
}

function byKindThenName(a: ObjectChange, b: ObjectChange): number {
  return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.name.localeCompare(b.name) || a.change.localeCompare(b.change);
}

/** Children (constraints, indexes, owned sequences, grants…) of a table added or removed in the same diff. */
export function foldedIntoParent(c: ObjectChange, diff: CatalogDiff): boolean {
  if (!c.parent || c.change === "changed") return false;
  return diff.changes.some((p) => p.key === c.parent && p.change === c.change);
}

const SIGN = { added: "+", removed: "-", changed: "~" } as const;

/**
 * One line per change, for the rehearsal report and notifications: `+ table public.posts`,
 * a changed table's columns one by one. A new table's own keys and indexes are part of its line.
 */
export function describeChanges(diff: CatalogDiff): string[] {
  const lines: string[] = [];
  for (const c of diff.changes) {
    if (foldedIntoParent(c, diff)) continue;
    if (c.change === "changed" && c.kind === "table" && c.details.length) lines.push(...c.details);
    else lines.push(`${SIGN[c.change]} ${c.kind} ${c.name}${c.details.length ? `: ${c.details.join(", ")}` : ""}`);
  }
  return lines;
}
