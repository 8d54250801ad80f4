// The pg_catalog queries behind the SQL language features: one per kind of object, over every
// user schema at once (never one query per table), so 5,000 tables cost seven round trips.
// pg_catalog rather than information_schema: it knows materialized views, partitions and
// function kinds, and it is an order of magnitude faster on big catalogs.

/** Schemas the user writes SQL against: everything but the system and temporary ones. */
const USER_SCHEMA = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'`;

export const SEARCH_PATH_SQL = `SELECT array_to_json(current_schemas(false))::text AS path, current_database() AS database`;

export const SCHEMAS_SQL = `
SELECT n.nspname AS name, pg_catalog.pg_get_userbyid(n.nspowner) AS owner, ds.description AS comment
FROM pg_catalog.pg_namespace n
LEFT JOIN pg_catalog.pg_description ds ON ds.objoid = n.oid AND ds.classoid = 'pg_catalog.pg_namespace'::regclass AND ds.objsubid = 0
WHERE ${USER_SCHEMA}
ORDER BY n.nspname`;

export const RELATIONS_SQL = `
SELECT c.oid::text AS oid, n.nspname AS schema, c.relname AS name, c.relkind::text AS relkind,
       ds.description AS comment, c.reltuples::float8 AS reltuples,
       CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END AS partkey,
       CASE WHEN c.relispartition THEN (
         SELECT pg_catalog.quote_ident(pn.nspname) || '.' || pg_catalog.quote_ident(pc.relname)
         FROM pg_catalog.pg_inherits i
         JOIN pg_catalog.pg_class pc ON pc.oid = i.inhparent
         JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace
         WHERE i.inhrelid = c.oid LIMIT 1) END AS parent,
       CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END AS bound,
       CASE WHEN c.relkind IN ('v', 'm') THEN pg_catalog.pg_get_viewdef(c.oid) END AS viewdef
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_description ds ON ds.objoid = c.oid AND ds.classoid = 'pg_catalog.pg_class'::regclass AND ds.objsubid = 0
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ${USER_SCHEMA}
ORDER BY n.nspname, c.relname`;

// attgenerated: 's' stored (PG 12+), 'v' virtual (PG 18). No ORDER BY: sorting 100,000 rows of text
// was a third of the query's time on 5,000 tables; readCatalog puts each table's columns in attnum order.
// The type is printed by format_type per row only when BUILTIN_TYPES_SQL's map cannot give it (a
// typmod such as varchar(40), or a type of the database's own, oid ≥ 16384 = FirstNormalObjectId);
// a built-in type without typmod (most columns) is looked up by oid, with the same function's output.
// Defaults are printed only for columns that have one (atthasdef).
export const COLUMNS_SQL = `
SELECT a.attrelid::text AS oid, a.attnum AS attnum, a.attname AS name, a.atttypid::text AS typid,
       CASE WHEN a.atttypmod <> -1 OR a.atttypid >= 16384 THEN pg_catalog.format_type(a.atttypid, a.atttypmod) END AS type,
       a.attnotnull AS not_null,
       CASE WHEN a.atthasdef THEN
         CASE a.attgenerated WHEN '' THEN pg_catalog.pg_get_expr(d.adbin, d.adrelid)
           WHEN 's' THEN 'GENERATED ALWAYS AS (' || pg_catalog.pg_get_expr(d.adbin, d.adrelid) || ') STORED'
           WHEN 'v' THEN 'GENERATED ALWAYS AS (' || pg_catalog.pg_get_expr(d.adbin, d.adrelid) || ') VIRTUAL' END END AS expr,
       a.attidentity::text AS identity, a.attgenerated <> '' AS generated,
       ds.description AS comment
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN pg_catalog.pg_description ds ON ds.objoid = a.attrelid AND ds.classoid = 'pg_catalog.pg_class'::regclass AND ds.objsubid = a.attnum
WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND ${USER_SCHEMA}`;

/** Built-in types (oid below FirstNormalObjectId) as format_type prints them without a typmod: ~600 rows. */
export const BUILTIN_TYPES_SQL = `SELECT t.oid::text AS oid, pg_catalog.format_type(t.oid, -1) AS type FROM pg_catalog.pg_type t WHERE t.oid < 16384`;

// contype 'n' (PG 18's NOT NULL constraints) is left out: nullability is on the column. Key columns
// come as attribute numbers, named from the columns already read (no per-constraint subqueries).
export const CONSTRAINTS_SQL = `
SELECT co.conrelid::text AS oid, co.conname AS name, co.contype::text AS contype,
       pg_catalog.pg_get_constraintdef(co.oid) AS definition,
       co.conkey::int2[]::text AS columns, co.confrelid::text AS ref_oid, co.confkey::int2[]::text AS ref_columns
FROM pg_catalog.pg_constraint co
JOIN pg_catalog.pg_class c ON c.oid = co.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE co.contype IN ('p', 'f', 'u', 'c', 'x') AND ${USER_SCHEMA}
ORDER BY co.conrelid, co.contype = 'p' DESC, co.conname`;

// Built-in functions too (for signature help on date_trunc, coalesce…), minus those only the
// server can call (arguments or result of type internal, trigger and event-trigger functions).
export const FUNCTIONS_SQL = `
SELECT n.nspname AS schema, p.proname AS name, p.prokind::text AS prokind,
       pg_catalog.pg_get_function_arguments(p.oid) AS args,
       pg_catalog.pg_get_function_result(p.oid) AS returns,
       ds.description AS comment,
       CASE WHEN p.prokind IN ('f', 'p') AND n.nspname <> 'pg_catalog' THEN pg_catalog.pg_get_functiondef(p.oid) END AS definition
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
LEFT JOIN pg_catalog.pg_description ds ON ds.objoid = p.oid AND ds.classoid = 'pg_catalog.pg_proc'::regclass AND ds.objsubid = 0
WHERE (${USER_SCHEMA} OR n.nspname = 'pg_catalog')
  AND p.prorettype NOT IN ('pg_catalog.internal'::regtype, 'pg_catalog.trigger'::regtype, 'pg_catalog.event_trigger'::regtype)
  AND NOT ('pg_catalog.internal'::regtype::oid = ANY (p.proargtypes::oid[]))
ORDER BY n.nspname, p.proname, p.oid`;

// Enums, domains, composite types made with CREATE TYPE (not tables' row types), ranges, and
// pg_catalog's base types for completion after `::`; array types are left out (`int4[]` is written from `int4`).
export const TYPES_SQL = `
SELECT n.nspname AS schema, t.typname AS name, t.typtype::text AS typtype,
       CASE WHEN t.typtype = 'e' THEN (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid) END AS labels,
       CASE WHEN t.typtype = 'd' THEN pg_catalog.format_type(t.typbasetype, t.typtypmod) END AS base_type,
       ds.description AS comment
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_catalog.pg_class tc ON tc.oid = t.typrelid
LEFT JOIN pg_catalog.pg_description ds ON ds.objoid = t.oid AND ds.classoid = 'pg_catalog.pg_type'::regclass AND ds.objsubid = 0
WHERE t.typtype IN ('e', 'd', 'c', 'r', 'b') AND t.typcategory <> 'A' AND (t.typrelid = 0 OR tc.relkind = 'c')
  AND (${USER_SCHEMA} OR (n.nspname = 'pg_catalog' AND t.typtype IN ('b', 'r') AND t.typname NOT LIKE '\\_%'))
ORDER BY n.nspname, t.typname`;
