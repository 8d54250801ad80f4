/**
 * Postgres type oid → short name ("int4", "text", "int4[]"). Built-in oids are fixed across
 * servers, so they need no round trip; other oids (enums, domains, extension types) are
 * looked up once per target and cached. The lookup must use another connection: the
 * statement's own connection is busy streaming its cursor.
 */

const BUILTIN: Record<number, string> = {
  16: "bool", 17: "bytea", 18: "char", 19: "name", 20: "int8", 21: "int2", 22: "int2vector", 23: "int4", 24: "regproc",
  25: "text", 26: "oid", 27: "tid", 28: "xid", 29: "cid", 114: "json", 142: "xml", 194: "pg_node_tree", 199: "json[]",
  600: "point", 601: "lseg", 602: "path", 603: "box", 604: "polygon", 628: "line", 650: "cidr", 651: "cidr[]",
  700: "float4", 701: "float8", 705: "unknown", 718: "circle", 774: "macaddr8", 790: "money", 829: "macaddr", 869: "inet",
  1000: "bool[]", 1001: "bytea[]", 1002: "char[]", 1003: "name[]", 1005: "int2[]", 1007: "int4[]", 1009: "text[]",
  1014: "bpchar[]", 1015: "varchar[]", 1016: "int8[]", 1021: "float4[]", 1022: "float8[]", 1028: "oid[]", 1033: "aclitem",
  1034: "aclitem[]", 1041: "inet[]", 1042: "bpchar", 1043: "varchar", 1082: "date", 1083: "time", 1114: "timestamp",
  1115: "timestamp[]", 1182: "date[]", 1183: "time[]", 1184: "timestamptz", 1185: "timestamptz[]", 1186: "interval",
  1187: "interval[]", 1231: "numeric[]", 1266: "timetz", 1560: "bit", 1562: "varbit", 1700: "numeric", 1790: "refcursor",
  2202: "regprocedure", 2203: "regoper", 2204: "regoperator", 2205: "regclass", 2206: "regtype", 2249: "record",
  2275: "cstring", 2278: "void", 2287: "record[]", 2950: "uuid", 2951: "uuid[]", 3220: "pg_lsn", 3614: "tsvector",
  3615: "tsquery", 3734: "regconfig", 3802: "jsonb", 3807: "jsonb[]", 3904: "int4range", 3906: "numrange",
  3908: "tsrange", 3910: "tstzrange", 3912: "daterange", 3926: "int8range", 4072: "jsonpath", 4089: "regnamespace",
  4096: "regrole", 4451: "int4multirange", 4532: "nummultirange", 4533: "tsmultirange", 4534: "tstzmultirange",
  4535: "datemultirange", 4536: "int8multirange", 5038: "pg_snapshot", 5069: "xid8",
};

export function builtinTypeName(oid: number): string | undefined {
  return BUILTIN[oid];
}

/** The query that names arbitrary oids the same way (arrays as "elem[]"). */
export const TYPE_NAME_SQL = `SELECT t.oid::int8::text AS oid,
  CASE WHEN e.oid IS NOT NULL AND e.typarray = t.oid THEN e.typname || '[]' ELSE t.typname END AS name
FROM pg_catalog.pg_type t LEFT JOIN pg_catalog.pg_type e ON e.oid = t.typelem
WHERE t.oid = ANY($1::oid[])`;

export type RunLookup = (sql: string, params: unknown[]) => Promise<Array<{ oid: string; name: string }>>;

export class TypeNameCache {
  private readonly names = new Map<number, string>();

  /** Names for `oids`; unknown ones are looked up with `lookup`, and fall back to the number. */
  async resolve(oids: number[], lookup: RunLookup): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    const missing: number[] = [];
    for (const oid of oids) {
      const name = builtinTypeName(oid) ?? this.names.get(oid);
      if (name) out.set(oid, name);
      else if (!missing.includes(oid)) missing.push(oid);
    }
    if (missing.length > 0) {
      try {
        for (const row of await lookup(TYPE_NAME_SQL, [missing.map(String)])) {
          this.names.set(Number(row.oid), row.name);
          out.set(Number(row.oid), row.name);
        }
      } catch {
        // A name is a nicety: show the oid rather than fail the query.
      }
      for (const oid of missing) if (!out.has(oid)) out.set(oid, String(oid));
    }
    return out;
  }
}
