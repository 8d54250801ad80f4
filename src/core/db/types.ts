/** What a query runs against: one Postgres login on one Lakebase endpoint. */
export interface DbTarget {
  profile: string;
  /** Endpoint resource name (projects/…/branches/…/endpoints/…): the credential is minted for it. */
  endpoint: string;
  host: string;
  port?: number;
  /** Postgres database name, e.g. databricks_postgres. */
  database: string;
  /** Postgres user: the identity the credential is minted for. */
  user: string;
}

export function targetId(t: DbTarget): string {
  return [t.profile, t.endpoint, t.host, t.port ?? 5432, t.database, t.user].join("\u0000");
}

export function describeTarget(t: DbTarget): string {
  return `${t.user}@${t.host}:${t.port ?? 5432}/${t.database}`;
}
