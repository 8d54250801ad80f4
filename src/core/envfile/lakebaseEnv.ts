/**
 * The env variables an app needs to reach a Lakebase endpoint, named as the official
 * `@databricks/lakebase` driver (and libpq) read them.
 */
import { EnvFileError } from "./envFileError";

export interface LakebaseEnvTarget {
  workspaceHost: string;
  /** Resource name: projects/{project}/branches/{branch}/endpoints/{endpoint}. */
  endpointName: string;
  host: string;
  port?: number;
  database: string;
  user: string;
  sslMode: "require" | "disable";
}

export interface LakebaseEnvSecrets {
  databricksToken?: string;
  /** A Lakebase OAuth token expires within an hour; only for tools that cannot refresh it. */
  pgPassword?: string;
}

export const LAKEBASE_SECRET_KEYS: readonly string[] = ["DATABRICKS_TOKEN", "PGPASSWORD"];

const ENDPOINT_NAME = /^projects\/[^/\s]+\/branches\/[^/\s]+\/endpoints\/[^/\s]+$/;

function normalizeWorkspaceHost(raw: string): string {
  const t = raw.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(t) ? t : `https://${t}`;
  try {
    const u = new URL(withScheme);
    if (!u.hostname || (u.protocol !== "https:" && u.protocol !== "http:")) throw new Error("not a web address");
    return `${u.protocol}//${u.host}`;
  } catch {
    throw new EnvFileError(`"${raw}" is not a workspace URL; expected something like https://my-workspace.cloud.databricks.com.`);
  }
}

/** Ordered key → value updates for `mergeEnv` / `updateEnvFile`. */
export function lakebaseEnvValues(target: LakebaseEnvTarget, secrets: LakebaseEnvSecrets = {}): Record<string, string> {
  if (!ENDPOINT_NAME.test(target.endpointName)) {
    throw new EnvFileError(`"${target.endpointName}" is not an endpoint resource name; expected projects/<project>/branches/<branch>/endpoints/<endpoint>.`);
  }
  const port = target.port ?? 5432;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new EnvFileError(`Port ${port} is not a valid TCP port (1-65535).`);
  for (const [name, value] of [["host", target.host], ["database", target.database], ["user", target.user]] as const) {
    if (!value.trim()) throw new EnvFileError(`The Lakebase ${name} is empty; pick an endpoint, database and role first.`);
  }
  const out: Record<string, string> = {
    DATABRICKS_HOST: normalizeWorkspaceHost(target.workspaceHost),
    LAKEBASE_ENDPOINT: target.endpointName,
    PGHOST: target.host,
    PGPORT: String(port),
    PGDATABASE: target.database,
    PGUSER: target.user,
    PGSSLMODE: target.sslMode,
  };
  if (secrets.databricksToken) out.DATABRICKS_TOKEN = secrets.databricksToken;
  if (secrets.pgPassword) out.PGPASSWORD = secrets.pgPassword;
  return out;
}
