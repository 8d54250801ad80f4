/** A database's schema objects, as read from pg_catalog, each with the DDL that creates it. */

export type ObjectKind =
  | "schema" | "enum" | "sequence" | "table" | "function" | "procedure"
  | "constraint" | "index" | "view" | "materialized view" | "trigger" | "policy" | "grant";

export interface ColumnDef {
  name: string;
  /** The name quoted by Postgres (quote_ident), for DDL. */
  qname: string;
  /** As Postgres prints it with a pg_catalog search path, e.g. `character varying(200)`, `public.mood`. */
  type: string;
  notNull: boolean;
  default: string | null;
  /** "" none, "a" GENERATED ALWAYS AS IDENTITY, "d" BY DEFAULT. */
  identity: string;
  /** "" none, "s" stored, "v" virtual; the expression is then in `default`. */
  generated: string;
  collation: string | null;
}

export interface TableShape {
  columns: ColumnDef[];
  rowSecurity: boolean;
  forceRowSecurity: boolean;
}

export interface CatalogObject {
  kind: ObjectKind;
  /** Unique within a catalog: kind + qualified identity. */
  key: string;
  /** For people: `public.posts`, `public.posts.posts_pkey`, `public.touch(integer)`. */
  name: string;
  schema: string;
  /** The qualified name quoted for SQL (`public."Order"`); for a grant, what it is on (`TABLE public.t`). */
  qname: string;
  /** Key of the table (or view) this object belongs to: it is created and dropped with it. */
  parent?: string;
  /** The statement(s) that create the object, normalised so equal objects have equal text. */
  ddl: string;
  /** A sequence's `ALTER SEQUENCE … OWNED BY …`: it can run only once the table exists. */
  ownedBy?: string;
  /** The statement that removes it. */
  drop: string;
  /** Creation order within its kind (the object's oid): views on views, functions used by others. */
  order: number;
  table?: TableShape;
  enumValues?: string[];
  /** Constraint type (p, u, f, c, x): foreign keys go after the keys they reference. */
  constraintType?: string;
}

export type Catalog = Map<string, CatalogObject>;

export type ChangeKind = "added" | "removed" | "changed";

export interface ObjectChange {
  change: ChangeKind;
  kind: ObjectKind;
  key: string;
  name: string;
  parent?: string;
  /** In the "from" catalog (removed, changed). */
  before?: CatalogObject;
  /** In the "to" catalog (added, changed). */
  after?: CatalogObject;
  /** What changed inside a changed object, one line each (columns of a table, values of an enum). */
  details: string[];
}

export interface CatalogDiff {
  /** Ordered by kind (dependency order), then name. */
  changes: ObjectChange[];
}
