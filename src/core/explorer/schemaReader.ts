/**
 * What the explorer needs to know about a database's catalog. The model only asks; an
 * implementation over a connection pool (credential-aware) lives elsewhere, and
 * `PgSchemaReader` implements it over any `pg`-like `query` function.
 */

/** Identifies one Lakebase database: enough for an implementation to pick a pool. */
export interface DatabaseRef {
  profileName: string;
  /** `projects/p/branches/b`: connect through this branch's read-write endpoint. */
  branchName: string;
  /** `projects/p/branches/b/databases/d`. */
  databaseName: string;
  /** The Postgres database name, e.g. `databricks_postgres`. */
  postgresDatabase: string;
}

export interface SchemaInfo {
  name: string;
  owner?: string;
}

export type RelationKind = "table" | "view" | "materialized view" | "partitioned table" | "foreign table";

export interface RelationInfo {
  name: string;
  kind: RelationKind;
  comment?: string;
}

export interface ColumnInfo {
  name: string;
  /** Type as Postgres prints it, e.g. `character varying(40)`, `integer[]`. */
  dataType: string;
  nullable: boolean;
  isPrimaryKey: boolean;
  /** Default expression, e.g. `nextval('t_id_seq'::regclass)`. */
  defaultValue?: string;
  /** 1-based position in the table. */
  position: number;
  comment?: string;
}

export interface SchemaReader {
  /** User schemas (no pg_catalog, information_schema, pg_toast, pg_temp_*). */
  listSchemas(db: DatabaseRef, signal?: AbortSignal): Promise<SchemaInfo[]>;
  listRelations(db: DatabaseRef, schema: string, signal?: AbortSignal): Promise<RelationInfo[]>;
  listColumns(db: DatabaseRef, schema: string, relation: string, signal?: AbortSignal): Promise<ColumnInfo[]>;
}
