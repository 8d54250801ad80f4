/** A target branch's catalog as the SQL language features see it: plain data, read once, cached. */

export type RelationKind = "table" | "partitioned table" | "view" | "materialized view" | "foreign table";

export interface CatalogColumn {
  name: string;
  /** As `format_type` prints it, e.g. `numeric(10,2)`, `character varying(40)`, `mood[]`. */
  type: string;
  nullable: boolean;
  /** The default expression as Postgres prints it (`nextval('…'::regclass)`, `now()`). */
  defaultValue?: string;
  /** `GENERATED … AS IDENTITY` or `GENERATED ALWAYS AS (…) STORED`, as DDL. */
  generated?: string;
  comment?: string;
}

export interface CatalogForeignKey {
  name: string;
  columns: string[];
  refSchema: string;
  refTable: string;
  refColumns: string[];
}

/** A constraint with the definition Postgres reconstructs (`pg_get_constraintdef`). */
export interface CatalogConstraint {
  name: string;
  kind: "primary key" | "foreign key" | "unique" | "check" | "exclusion";
  definition: string;
}

export interface CatalogRelation {
  schema: string;
  name: string;
  kind: RelationKind;
  comment?: string;
  /** `reltuples`: null when the table was never analyzed. */
  estimatedRows: number | null;
  columns: CatalogColumn[];
  primaryKey: string[];
  foreignKeys: CatalogForeignKey[];
  constraints: CatalogConstraint[];
  /** `PARTITION BY …` of a partitioned table. */
  partitionKey?: string;
  /** For a partition: its parent (schema-qualified, quoted) and `FOR VALUES …`. */
  partitionOf?: { parent: string; bound: string };
  /** Views and materialized views: the `SELECT` (pg_get_viewdef). */
  viewDefinition?: string;
}

export type FunctionKind = "function" | "procedure" | "aggregate" | "window";

export interface CatalogFunction {
  schema: string;
  name: string;
  kind: FunctionKind;
  /** `pg_get_function_arguments`: names, modes and defaults, e.g. `a integer, b text DEFAULT 'x'`. */
  args: string;
  /** One entry per argument (same text as in `args`), for signature help's parameter ranges. */
  argList: string[];
  returns: string;
  comment?: string;
  /** `pg_get_functiondef` for functions and procedures outside pg_catalog. */
  definition?: string;
}

export type TypeKind = "enum" | "domain" | "composite" | "range" | "base";

export interface CatalogType {
  schema: string;
  name: string;
  kind: TypeKind;
  /** Enum labels in sort order. */
  values?: string[];
  /** A domain's base type with its constraints, as `format_type` prints it. */
  baseType?: string;
  comment?: string;
}

export interface CatalogSchema {
  name: string;
  owner?: string;
  comment?: string;
}

export interface Catalog {
  /** When the read finished (ms since epoch). */
  readAt: number;
  /** The effective search path (`current_schemas(false)`: `$user` resolved, missing schemas dropped). */
  searchPath: string[];
  database: string;
  schemas: CatalogSchema[];
  relations: CatalogRelation[];
  functions: CatalogFunction[];
  types: CatalogType[];
}
