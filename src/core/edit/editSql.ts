/**
 * SQL for staged row edits, always parameterised: values travel as text parameters cast to the column's type,
 * so NULL and '' stay distinct and json/jsonb, arrays, timestamps and bytea are parsed by Postgres itself.
 * Updates and deletes find their row by the primary key and check that every column still holds what was read
 * (the conflict check): a row changed since then matches nothing, and the caller applies nothing.
 *
 * A run of BATCH_MIN or more consecutive changes of one shape (same kind, same columns) becomes one statement
 * over unnest()ed text arrays — a thousand edits in one round trip; shorter runs stay one readable statement
 * per change. The preview shows exactly these statements.
 */
import type { CellValue } from "../../shared/protocol";
import type { EditColumn, EditStatement, EditTable, RowChange } from "./editTypes";

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function qualifiedName(t: Pick<EditTable, "schema" | "table">): string {
  return `${quoteIdent(t.schema)}.${quoteIdent(t.table)}`;
}

/** Types without an equality operator (json, xml, geometric): compared through their text form instead. */
const NO_EQUALITY = /^(json|xml|point|line|lseg|box|path|polygon|circle)(\[\])*$/;
export const BATCH_MIN = 20;

export class EditError extends Error {}

interface Shape { kind: RowChange["kind"]; names: string[] }

function shapeOf(c: RowChange): Shape {
  return { kind: c.kind, names: c.kind === "delete" ? [] : Object.keys(c.values) };
}
const sameShape = (a: Shape, b: Shape) => a.kind === b.kind && a.names.length === b.names.length && a.names.every((n, i) => n === b.names[i]);

export function buildEditStatements(table: EditTable, changes: RowChange[], batchMin = BATCH_MIN): EditStatement[] {
  if (table.key.length === 0) throw new EditError(`${qualifiedName(table)} has no primary key: rows cannot be told apart, so it is read-only.`);
  const byName = new Map(table.columns.map((c, i) => [c.name, { col: c, index: i }]));
  const target = qualifiedName(table);
  const writable = (name: string, i: number): EditColumn => {
    const c = byName.get(name)?.col;
    if (!c) throw new EditError(`Change ${i + 1}: ${target} has no column ${quoteIdent(name)}.`);
    if (!c.writable) throw new EditError(`Change ${i + 1}: ${quoteIdent(name)} is a generated column and cannot be written.`);
    return c;
  };
  // Key columns first (the index finds the row), then every other column as read.
  const whereOrder = [...table.key.map((k) => byName.get(k)!.index), ...table.columns.map((_, j) => j).filter((j) => !table.key.includes(table.columns[j]!.name))];
  const checkOriginal = (c: RowChange, i: number) => {
    if (c.kind !== "insert" && c.original.length !== table.columns.length) throw new EditError(`Change ${i + 1}: the row has ${c.original.length} values, ${target} has ${table.columns.length} columns.`);
    if (c.kind === "update" && Object.keys(c.values).length === 0) throw new EditError(`Change ${i + 1}: an update with no changed column.`);
    if (c.kind !== "delete") for (const n of Object.keys(c.values)) writable(n, i);
  };
  changes.forEach(checkOriginal);

  const single = (change: RowChange, i: number): EditStatement => {
    const params: CellValue[] = [];
    const param = (v: CellValue, c: EditColumn) => { params.push(v); return `$${params.length}::${c.sqlType}`; };
    const where = (original: CellValue[]) => whereOrder.map((j) => {
      const c = table.columns[j]!;
      const v = original[j] ?? null;
      if (NO_EQUALITY.test(c.sqlType)) { params.push(v); return `${quoteIdent(c.name)}::text IS NOT DISTINCT FROM $${params.length}::text`; }
      return v === null ? `${quoteIdent(c.name)} IS NULL` : `${quoteIdent(c.name)} = ${param(v, c)}`;
    }).join(" AND ");
    switch (change.kind) {
      case "update": {
        const set = Object.keys(change.values).map((n) => `${quoteIdent(n)} = ${param(change.values[n] ?? null, byName.get(n)!.col)}`).join(", ");
        return { sql: `UPDATE ${target} SET ${set} WHERE ${where(change.original)}`, params, changes: [i], check: "rowCount" };
      }
      case "insert": {
        const names = Object.keys(change.values);
        if (names.length === 0) return { sql: `INSERT INTO ${target} DEFAULT VALUES`, params, changes: [i], check: "none" };
        const values = names.map((n) => param(change.values[n] ?? null, byName.get(n)!.col));
        return { sql: `INSERT INTO ${target} (${names.map(quoteIdent).join(", ")}) VALUES (${values.join(", ")})`, params, changes: [i], check: "none" };
      }
      case "delete":
        return { sql: `DELETE FROM ${target} WHERE ${where(change.original)}`, params, changes: [i], check: "rowCount" };
    }
  };

  const batch = (shape: Shape, idx: number[]): EditStatement => {
    const params: CellValue[][] = [];
    const cols: string[] = [];
    const arg = (alias: string, values: CellValue[]) => { params.push(values); cols.push(alias); return `$${params.length}::text[]`; };
    const args: string[] = [];
    const conds: string[] = [];
    if (shape.kind !== "insert") {
      whereOrder.forEach((j, k) => {
        const c = table.columns[j]!;
        args.push(arg(`o${k}`, idx.map((i) => (changes[i] as Exclude<RowChange, { kind: "insert" }>).original[j] ?? null)));
        // Key columns (never NULL) with "=", so the join uses the primary key's index.
        conds.push(k < table.key.length ? `t.${quoteIdent(c.name)} = d.o${k}::${c.sqlType}`
          : NO_EQUALITY.test(c.sqlType) ? `t.${quoteIdent(c.name)}::text IS NOT DISTINCT FROM d.o${k}`
          : `t.${quoteIdent(c.name)} IS NOT DISTINCT FROM d.o${k}::${c.sqlType}`);
      });
    }
    shape.names.forEach((n, k) => { args.push(arg(`n${k}`, idx.map((i) => (changes[i] as Exclude<RowChange, { kind: "delete" }>).values[n] ?? null))); });
    const from = `unnest(${args.join(", ")}) WITH ORDINALITY AS d(${[...cols, "ord"].join(", ")})`;
    const newValue = (n: string, k: number) => `d.n${k}::${byName.get(n)!.col.sqlType}`;
    switch (shape.kind) {
      case "update":
        return { sql: `UPDATE ${target} AS t SET ${shape.names.map((n, k) => `${quoteIdent(n)} = ${newValue(n, k)}`).join(", ")} FROM ${from} WHERE ${conds.join(" AND ")} RETURNING d.ord`, params, changes: idx, check: "ordinals" };
      case "delete":
        return { sql: `DELETE FROM ${target} AS t USING ${from} WHERE ${conds.join(" AND ")} RETURNING d.ord`, params, changes: idx, check: "ordinals" };
      case "insert":
        return { sql: `INSERT INTO ${target} (${shape.names.map(quoteIdent).join(", ")}) SELECT ${shape.names.map(newValue).join(", ")} FROM ${from} ORDER BY d.ord`, params, changes: idx, check: "none" };
    }
  };

  const out: EditStatement[] = [];
  for (let i = 0; i < changes.length;) {
    const shape = shapeOf(changes[i]!);
    let j = i + 1;
    while (j < changes.length && sameShape(shape, shapeOf(changes[j]!))) j++;
    // An insert with no column (all DEFAULT) has nothing to unnest; keep those one by one.
    if (j - i >= batchMin && !(shape.kind === "insert" && shape.names.length === 0)) out.push(batch(shape, Array.from({ length: j - i }, (_, k) => i + k)));
    else for (let k = i; k < j; k++) out.push(single(changes[k]!, k));
    i = j;
  }
  return out;
}

/** The statements as the user reviews them: SQL with placeholders, then the values (quoted, NULL bare). */
export function previewText(statements: EditStatement[]): string {
  const lit = (v: CellValue) => (v === null ? "NULL" : `'${(v.length > 200 ? `${v.slice(0, 200)}…` : v).replace(/'/g, "''")}'`);
  const show = (p: CellValue | CellValue[]) => (Array.isArray(p) ? `ARRAY[${p.slice(0, 5).map(lit).join(", ")}${p.length > 5 ? `, … (${p.length} values)` : ""}]` : lit(p));
  const lines = ["BEGIN;"];
  for (const s of statements) {
    lines.push(`${s.sql};`);
    if (s.params.length) lines.push(`  -- ${s.params.map((v, i) => `$${i + 1} = ${show(v)}`).join(", ")}`);
  }
  lines.push("COMMIT;");
  return lines.join("\n");
}
