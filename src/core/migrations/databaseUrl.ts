/** Connection facts for one Lakebase database, as the migration tools need them. */
export interface ConnectionTarget {
  host: string;
  port: number;
  database: string;
  user: string;
  /** What `.env` files get: `require` (the cookbook and @databricks/lakebase accept nothing stricter). */
  sslMode: "require" | "disable";
  /** The `lakebase.extraCaFile` setting: a CA trusted besides the system's (proxy, local emulator). */
  extraCaFile?: string;
}

/**
 * A `postgresql://` URL carrying a fresh credential. drizzle-kit cannot take a
 * password callback (drizzle-orm#4312), so this short-lived URL is its only way in;
 * it lives only in a child process's environment. `verify-full`: the token goes only to a
 * server whose certificate matches the host. No `sslrootcert` — node-pg reads it as a file
 * path; an extra CA reaches the child as NODE_EXTRA_CA_CERTS (`childTlsEnv`).
 */
export function buildDatabaseUrl(target: ConnectionTarget, password: string): string {
  const auth = `${encodeURIComponent(target.user)}:${encodeURIComponent(password)}`;
  return `postgresql://${auth}@${urlHost(target.host)}:${target.port}/${encodeURIComponent(target.database)}?sslmode=verify-full`;
}

/** The same URL with no password: safe to show or copy. */
export function buildDisplayUrl(target: ConnectionTarget): string {
  return `postgresql://${encodeURIComponent(target.user)}@${urlHost(target.host)}:${target.port}/${encodeURIComponent(target.database)}?sslmode=${target.sslMode}`;
}

/** Environment for a Node child (drizzle-kit) so it trusts the same extra CA as the extension. */
export function childTlsEnv(target: ConnectionTarget): Record<string, string> {
  return target.extraCaFile ? { NODE_EXTRA_CA_CERTS: target.extraCaFile } : {};
}

/**
 * A `psql` command line that verifies the server: `sslrootcert=system` (libpq ≥ 16: the
 * system's CA store), or the extra CA file when the setting names one.
 */
export function psqlCommand(target: ConnectionTarget): string {
  const conninfo = [
    `host=${conninfoValue(target.host)}`,
    `port=${target.port}`,
    `dbname=${conninfoValue(target.database)}`,
    `user=${conninfoValue(target.user)}`,
    "sslmode=verify-full",
    `sslrootcert=${target.extraCaFile ? conninfoValue(target.extraCaFile) : "system"}`,
  ].join(" ");
  return `psql "${conninfo.replace(/[\\"$`]/g, (c) => `\\${c}`)}"`;
}

/** libpq variables for configs that read PGHOST & co. instead of a URL; they verify like the URL does. */
export function libpqEnv(target: ConnectionTarget, password: string): Record<string, string> {
  return {
    PGHOST: target.host,
    PGPORT: String(target.port),
    PGDATABASE: target.database,
    PGUSER: target.user,
    PGPASSWORD: password,
    PGSSLMODE: "verify-full",
  };
}

function urlHost(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}

/** A libpq conninfo value: single-quoted (with \ escapes) when it holds spaces, quotes or backslashes. */
function conninfoValue(v: string): string {
  return v !== "" && !/[\s'\\]/.test(v) ? v : `'${v.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}
