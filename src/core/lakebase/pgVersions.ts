// The PostgreSQL major versions a new Lakebase Autoscaling project can run, as Databricks documents them
// ("Postgres compatibility": Postgres 16, 17 and 18; 17 is the default, 18 is chosen at creation).
// What a project really runs is its `status.pg_version` (the emulator: its one embedded PostgreSQL).

export const PG_VERSIONS = [17, 18, 16] as const;
export type PgVersion = (typeof PG_VERSIONS)[number];
export const DEFAULT_PG_VERSION: PgVersion = 17;

export interface PgVersionChoice { label: string; description?: string; version: PgVersion }

/** The Create Project picker's rows: the default first, then the newer, then the older. */
export function pgVersionChoices(): PgVersionChoice[] {
  return PG_VERSIONS.map((version) => ({
    label: `PostgreSQL ${version}`,
    description: version === DEFAULT_PG_VERSION ? "default" : undefined,
    version,
  }));
}

/** A `pgVersion` argument checked against the documented versions; an actionable error otherwise. */
export function checkPgVersion(value: unknown): string | undefined {
  if (typeof value === "number" && (PG_VERSIONS as readonly number[]).includes(value)) return undefined;
  return `pgVersion must be one of ${[...PG_VERSIONS].sort().join(", ")} (the PostgreSQL versions Lakebase offers); got ${JSON.stringify(value)}.`;
}
