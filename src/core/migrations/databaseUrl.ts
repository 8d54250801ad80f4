/** Connection facts for one Lakebase database, as the migration tools need them. */
export interface ConnectionTarget {
  host: string;
  port: number;
  database: string;
  user: string;
  sslMode: "require" | "disable";
}

/**
 * A `postgresql://` URL carrying a fresh credential. drizzle-kit cannot take a
 * password callback (drizzle-orm#4312), so this short-lived URL is its only way in;
 * it lives only in a child process's environment.
 */
export function buildDatabaseUrl(target: ConnectionTarget, password: string): string {
  const auth = `${encodeURIComponent(target.user)}:${encodeURIComponent(password)}`;
  const host = target.host.includes(":") ? `[${target.host}]` : target.host;
  return `postgresql://${auth}@${host}:${target.port}/${encodeURIComponent(target.database)}?sslmode=${target.sslMode}`;
}

/** The same URL with no password: safe to show or copy. */
export function buildDisplayUrl(target: ConnectionTarget): string {
  const host = target.host.includes(":") ? `[${target.host}]` : target.host;
  return `postgresql://${encodeURIComponent(target.user)}@${host}:${target.port}/${encodeURIComponent(target.database)}?sslmode=${target.sslMode}`;
}

/** libpq variables for configs that read PGHOST & co. instead of a URL. */
export function libpqEnv(target: ConnectionTarget, password: string): Record<string, string> {
  return {
    PGHOST: target.host,
    PGPORT: String(target.port),
    PGDATABASE: target.database,
    PGUSER: target.user,
    PGPASSWORD: password,
    PGSSLMODE: target.sslMode,
  };
}
