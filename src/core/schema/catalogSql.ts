/**
 * pg_catalog queries, one per object kind, each over the whole database: a 500-table schema
 * costs the same dozen round trips as a 5-table one. `$1` is the list of schemas left out.
 * Objects that belong to an extension are left out too: the extension creates them.
 */

const USER_SCHEMA = `n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' AND n.nspname <> ALL($1::text[])`;
const notExtension = (classTable: string, oid: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '${classTable}'::regclass AND e.objid = ${oid} AND e.deptype = 'e')`;

export const SCHEMAS_SQL = `
SELECT n.oid::int8 AS oid, n.nspname AS name, quote_ident(n.nspname) AS qname
FROM pg_namespace n
WHERE ${USER_SCHEMA} AND ${notExtension("pg_namespace", "n.oid")}`;

export const ENUMS_SQL = `
SELECT t.oid::int8 AS oid, n.nspname AS schema, t.typname AS name,
       quote_ident(n.nspname) || '.' || quote_ident(t.typname) AS qname,
       json_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_enum e ON e.enumtypid = t.oid
WHERE ${USER_SCHEMA} AND ${notExtension("pg_type", "t.oid")}
GROUP BY t.oid, n.nspname, t.typname`;

// Identity columns' sequences (deptype 'i') are part of their column, not objects of their own.
export const SEQUENCES_SQL = `
SELECT c.oid::int8 AS oid, n.nspname AS schema, c.relname AS name,
       quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS qname,
       format_type(s.seqtypid, NULL) AS type, s.seqstart::text AS start, s.seqincrement::text AS increment,
       s.seqmin::text AS min, s.seqmax::text AS max, s.seqcache::text AS cache, s.seqcycle AS cycle,
       o.schema AS owned_schema, o.name AS owned_table, o.qname AS owned_qname, o.col AS owned_column
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_sequence s ON s.seqrelid = c.oid
LEFT JOIN LATERAL (
  SELECT tn.nspname AS schema, tc.relname AS name, quote_ident(tn.nspname) || '.' || quote_ident(tc.relname) AS qname, quote_ident(a.attname) AS col
  FROM pg_depend d
  JOIN pg_class tc ON tc.oid = d.refobjid
  JOIN pg_namespace tn ON tn.oid = tc.relnamespace
  JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'a'
  LIMIT 1
) o ON true
WHERE c.relkind = 'S' AND ${USER_SCHEMA} AND ${notExtension("pg_class", "c.oid")}
  AND NOT EXISTS (SELECT 1 FROM pg_depend i WHERE i.classid = 'pg_class'::regclass AND i.objid = c.oid AND i.deptype = 'i')`;

export const TABLES_SQL = `
SELECT c.oid::int8 AS oid, n.nspname AS schema, c.relname AS name,
       quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS qname,
       c.relkind AS relkind, c.relrowsecurity AS rls, c.relforcerowsecurity AS force_rls,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partkey
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND ${USER_SCHEMA} AND ${notExtension("pg_class", "c.oid")}`;

export const COLUMNS_SQL = `
SELECT a.attrelid::int8 AS relid, a.attname AS name, quote_ident(a.attname) AS qname,
       format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
       pg_get_expr(d.adbin, d.adrelid) AS "default", a.attidentity::text AS identity, a.attgenerated::text AS generated,
       CASE WHEN a.attcollation <> t.typcollation THEN quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END AS collation
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND ${USER_SCHEMA}
ORDER BY a.attrelid, a.attnum`;

// NOT NULL constraints (contype 'n', Postgres 18) are shown on their column instead.
export const CONSTRAINTS_SQL = `
SELECT k.oid::int8 AS oid, n.nspname AS schema, c.relname AS "table",
       quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS table_qname,
       k.conname AS name, quote_ident(k.conname) AS qname, k.contype::text AS type, pg_get_constraintdef(k.oid, true) AS def
FROM pg_constraint k
JOIN pg_class c ON c.oid = k.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE k.contype IN ('p', 'u', 'f', 'c', 'x') AND k.conislocal AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND ${USER_SCHEMA}`;

// Indexes behind a primary key, unique or exclusion constraint come with the constraint.
export const INDEXES_SQL = `
SELECT ic.oid::int8 AS oid, n.nspname AS schema, c.relname AS "table", ic.relname AS name,
       quote_ident(n.nspname) || '.' || quote_ident(ic.relname) AS qname, c.relkind AS relkind, pg_get_indexdef(i.indexrelid) AS def
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'm') AND NOT c.relispartition AND ${USER_SCHEMA} AND ${notExtension("pg_class", "ic.oid")}
  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x'))`;

export const VIEWS_SQL = `
SELECT c.oid::int8 AS oid, n.nspname AS schema, c.relname AS name,
       quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS qname, c.relkind AS relkind, pg_get_viewdef(c.oid, true) AS def
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm') AND ${USER_SCHEMA} AND ${notExtension("pg_class", "c.oid")}`;

export const FUNCTIONS_SQL = `
SELECT p.oid::int8 AS oid, n.nspname AS schema, p.proname AS name, p.prokind::text AS prokind,
       quote_ident(n.nspname) || '.' || quote_ident(p.proname) AS qname,
       pg_get_function_identity_arguments(p.oid) AS args, pg_get_functiondef(p.oid) AS def
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE p.prokind IN ('f', 'p') AND ${USER_SCHEMA} AND ${notExtension("pg_proc", "p.oid")}`;

export const TRIGGERS_SQL = `
SELECT t.oid::int8 AS oid, n.nspname AS schema, c.relname AS "table", c.relkind AS relkind,
       quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS table_qname,
       t.tgname AS name, quote_ident(t.tgname) AS qname, pg_get_triggerdef(t.oid, true) AS def
FROM pg_trigger t
JOIN pg_class c ON c.oid = t.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND ${USER_SCHEMA}`;

export const POLICIES_SQL = `
SELECT p.oid::int8 AS oid, n.nspname AS schema, c.relname AS "table",
       quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS table_qname,
       p.polname AS name, quote_ident(p.polname) AS qname, p.polpermissive AS permissive, p.polcmd::text AS cmd,
       CASE WHEN p.polroles = '{0}' THEN '["PUBLIC"]'::json
            ELSE (SELECT json_agg(quote_ident(r.rolname) ORDER BY r.rolname) FROM pg_roles r WHERE r.oid = ANY (p.polroles)) END AS roles,
       pg_get_expr(p.polqual, p.polrelid) AS using, pg_get_expr(p.polwithcheck, p.polrelid) AS check
FROM pg_policy p
JOIN pg_class c ON c.oid = p.polrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE ${USER_SCHEMA}`;

// Privileges granted to others than the owner (the owner's are implicit), on relations and schemas.
export const GRANTS_SQL = `
SELECT 'relation' AS on_kind, c.relkind AS relkind, n.nspname AS schema, c.relname AS name,
       quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS qname,
       CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END AS grantee,
       a.privilege_type AS privilege, a.is_grantable AS grantable
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN LATERAL aclexplode(c.relacl) a
WHERE c.relacl IS NOT NULL AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND a.grantee <> c.relowner AND ${USER_SCHEMA}
UNION ALL
SELECT 'schema', '', n.nspname, n.nspname, quote_ident(n.nspname),
       CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END,
       a.privilege_type, a.is_grantable
FROM pg_namespace n
CROSS JOIN LATERAL aclexplode(n.nspacl) a
WHERE n.nspacl IS NOT NULL AND a.grantee <> n.nspowner AND ${USER_SCHEMA}`;
