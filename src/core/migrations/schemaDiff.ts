/** What a migration changed, read from the catalogs before and after. */
export interface ColumnShape {
  type: string;
  nullable: boolean;
  default: string | null;
}
export type SchemaSnapshot = Map<string, Map<string, ColumnShape>>; // "schema.table" → column → shape

export interface SchemaDiff {
  addedTables: string[];
  droppedTables: string[];
  addedColumns: string[];
  droppedColumns: string[];
  alteredColumns: Array<{ column: string; before: ColumnShape; after: ColumnShape }>;
}

type Query = (sql: string) => Promise<{ rows: Array<Record<string, unknown>> }>;

// Tables and views of user schemas; drizzle's own bookkeeping schema is left out.
const SNAPSHOT_SQL = `
SELECT c.table_schema, c.table_name, c.column_name,
       format_type(a.atttypid, a.atttypmod) AS data_type,
       c.is_nullable = 'YES' AS nullable, c.column_default
FROM information_schema.columns c
JOIN pg_catalog.pg_attribute a
  ON a.attrelid = (quote_ident(c.table_schema) || '.' || quote_ident(c.table_name))::regclass
 AND a.attname = c.column_name
WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema', 'drizzle')
  AND c.table_schema NOT LIKE 'pg_toast%' AND c.table_schema NOT LIKE 'pg_temp%'
ORDER BY 1, 2, c.ordinal_position`;

export async function snapshotSchema(query: Query): Promise<SchemaSnapshot> {
  const { rows } = await query(SNAPSHOT_SQL);
  const snap: SchemaSnapshot = new Map();
  for (const r of rows) {
    const table = `${String(r.table_schema)}.${String(r.table_name)}`;
    let cols = snap.get(table);
    if (!cols) snap.set(table, (cols = new Map()));
    cols.set(String(r.column_name), {
      type: String(r.data_type),
      nullable: r.nullable === true,
      default: r.column_default == null ? null : String(r.column_default),
    });
  }
  return snap;
}

export function diffSchemas(before: SchemaSnapshot, after: SchemaSnapshot): SchemaDiff {
  const diff: SchemaDiff = { addedTables: [], droppedTables: [], addedColumns: [], droppedColumns: [], alteredColumns: [] };
  for (const [table, cols] of after) {
    const old = before.get(table);
    if (!old) { diff.addedTables.push(table); continue; }
    for (const [col, shape] of cols) {
      const prev = old.get(col);
      const name = `${table}.${col}`;
      if (!prev) diff.addedColumns.push(name);
      else if (prev.type !== shape.type || prev.nullable !== shape.nullable || prev.default !== shape.default) {
        diff.alteredColumns.push({ column: name, before: prev, after: shape });
      }
    }
    for (const col of old.keys()) if (!cols.has(col)) diff.droppedColumns.push(`${table}.${col}`);
  }
  for (const table of before.keys()) if (!after.has(table)) diff.droppedTables.push(table);
  return diff;
}

export function isEmptyDiff(d: SchemaDiff): boolean {
  return !d.addedTables.length && !d.droppedTables.length && !d.addedColumns.length && !d.droppedColumns.length && !d.alteredColumns.length;
}

/** A short human summary, one change per line. */
export function describeDiff(d: SchemaDiff): string[] {
  const fmt = (s: ColumnShape) => `${s.type}${s.nullable ? "" : " not null"}${s.default ? ` default ${s.default}` : ""}`;
  return [
    ...d.addedTables.map((t) => `+ table ${t}`),
    ...d.droppedTables.map((t) => `- table ${t}`),
    ...d.addedColumns.map((c) => `+ column ${c}`),
    ...d.droppedColumns.map((c) => `- column ${c}`),
    ...d.alteredColumns.map((c) => `~ column ${c.column}: ${fmt(c.before)} → ${fmt(c.after)}`),
  ];
}
