import type { ColumnInfo, DatabaseRef, RelationInfo, RelationKind, SchemaInfo, SchemaReader } from "./schemaReader";

/** The part of `pg.Client` / `pg.Pool` the reader uses. */
export interface Queryable {
  query<R extends Record<string, unknown> = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

/**
 * SchemaReader over plain catalog queries. pg_catalog rather than information_schema for
 * relations and columns: information_schema hides objects the user cannot access column-wise,
 * does not know materialized views and is much slower on big catalogs.
 */
export class PgSchemaReader implements SchemaReader {
  /** `connect` returns the pool (or client) for a database; the reader never closes it. */
  constructor(private readonly connect: (db: DatabaseRef) => Queryable | Promise<Queryable>) {}

  async listSchemas(db: DatabaseRef): Promise<SchemaInfo[]> {
    const q = await this.connect(db);
    const { rows } = await q.query<{ name: string; owner: string | null }>(SCHEMAS_SQL);
    return rows.map((r) => ({ name: r.name, ...(r.owner ? { owner: r.owner } : {}) }));
  }

  async listRelations(db: DatabaseRef, schema: string): Promise<RelationInfo[]> {
    const q = await this.connect(db);
    const { rows } = await q.query<{ name: string; relkind: string; comment: string | null }>(RELATIONS_SQL, [schema]);
    return rows.map((r) => ({ name: r.name, kind: RELKIND[r.relkind] ?? "table", ...(r.comment ? { comment: r.comment } : {}) }));
  }

  async listColumns(db: DatabaseRef, schema: string, relation: string): Promise<ColumnInfo[]> {
    const q = await this.connect(db);
    const { rows } = await q.query<{ name: string; data_type: string; not_null: boolean; is_pk: boolean; default_value: string | null; position: number; comment: string | null }>(
      COLUMNS_SQL,
      [schema, relation],
    );
    return rows.map((r) => ({
      name: r.name,
      dataType: r.data_type,
      nullable: !r.not_null,
      isPrimaryKey: r.is_pk,
      position: Number(r.position),
      ...(r.default_value !== null ? { defaultValue: r.default_value } : {}),
      ...(r.comment ? { comment: r.comment } : {}),
    }));
  }
}

const RELKIND: Record<string, RelationKind> = { r: "table", p: "partitioned table", v: "view", m: "materialized view", f: "foreign table" };

const SCHEMAS_SQL = `
SELECT n.nspname AS name, pg_get_userbyid(n.nspowner) AS owner
FROM pg_catalog.pg_namespace n
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'
ORDER BY n.nspname = 'public' DESC, n.nspname`;

// Partitions are hidden (their parent shows); relispartition exists since PG 10.
const RELATIONS_SQL = `
SELECT c.relname AS name, c.relkind::text AS relkind, obj_description(c.oid, 'pg_class') AS comment
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition
ORDER BY c.relkind IN ('v', 'm'), c.relname`;

const COLUMNS_SQL = `
SELECT a.attname AS name,
       pg_catalog.format_type(a.atttypid, a.atttypmod) AS data_type,
       a.attnotnull AS not_null,
       EXISTS (SELECT 1 FROM pg_catalog.pg_index i
               WHERE i.indrelid = c.oid AND i.indisprimary AND a.attnum = ANY (i.indkey)) AS is_pk,
       pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS default_value,
       a.attnum AS position,
       col_description(c.oid, a.attnum) AS comment
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum`;
