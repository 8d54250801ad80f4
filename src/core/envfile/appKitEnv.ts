/**
 * The `.env` that `databricks apps init` (AppKit) writes for a Lakebase app, read as a proposed
 * workspace target: which profile (DATABRICKS_CONFIG_PROFILE, or the profile whose host is
 * DATABRICKS_HOST), which endpoint (LAKEBASE_ENDPOINT) and database (PGDATABASE). Pure: the caller
 * confirms with the user before adopting it, and then writes back in the keys the project uses.
 */
import { parseEnv } from "./dotenvScan";
import { EnvFileError } from "./envFileError";

export interface AppKitEnv {
  identity: { kind: "profile"; profile: string } | { kind: "host"; host: string };
  endpointName: string;
  project: string;
  branch: string;
  pgHost?: string;
  database?: string;
  port?: number;
  sslMode?: string;
  /** Keys an app needs that the file lacks, in the order AppKit writes them. */
  missing: string[];
}

const ENDPOINT_NAME = /^(projects\/[^/\s]+)\/(branches\/[^/\s]+)\/endpoints\/[^/\s]+$/;
const REQUIRED = ["PGHOST", "PGDATABASE"] as const;

function normalizeHost(raw: string): string | undefined {
  const t = raw.trim();
  try {
    const u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(t) ? t : `https://${t}`);
    return u.hostname ? `${u.protocol}//${u.host}`.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

/** The AppKit settings in `text`, or undefined when it is not such a file (no LAKEBASE_ENDPOINT). Throws EnvFileError for a broken one. */
export function readAppKitEnv(text: string): AppKitEnv | undefined {
  const env = parseEnv(text);
  const endpointName = env.get("LAKEBASE_ENDPOINT")?.trim();
  if (!endpointName) return undefined;
  const m = ENDPOINT_NAME.exec(endpointName);
  if (!m) throw new EnvFileError(`LAKEBASE_ENDPOINT "${endpointName}" is not an endpoint resource name; expected projects/<project>/branches/<branch>/endpoints/<endpoint>.`);
  const profile = env.get("DATABRICKS_CONFIG_PROFILE")?.trim();
  const host = env.get("DATABRICKS_HOST")?.trim();
  let identity: AppKitEnv["identity"];
  if (profile) identity = { kind: "profile", profile };
  else if (host && normalizeHost(host)) identity = { kind: "host", host: normalizeHost(host)! };
  else throw new EnvFileError("The .env names a LAKEBASE_ENDPOINT but neither DATABRICKS_CONFIG_PROFILE nor DATABRICKS_HOST: add the profile the app uses (DATABRICKS_CONFIG_PROFILE=<name>).");
  const portText = env.get("PGPORT")?.trim();
  const port = portText && /^\d+$/.test(portText) ? Number(portText) : undefined;
  const out: AppKitEnv = {
    identity,
    endpointName,
    project: m[1]!,
    branch: `${m[1]}/${m[2]}`,
    pgHost: env.get("PGHOST")?.trim() || undefined,
    database: env.get("PGDATABASE")?.trim() || undefined,
    port,
    sslMode: env.get("PGSSLMODE")?.trim() || undefined,
    missing: REQUIRED.filter((k) => !env.get(k)?.trim()),
  };
  // Keep the object's shape stable (deepEqual-friendly) without undefined-valued keys.
  for (const k of ["pgHost", "database", "port", "sslMode"] as const) if (out[k] === undefined) delete out[k];
  return out;
}

/** The profile to adopt, or an error that says what to do. */
export function resolveAppKitProfile(env: AppKitEnv, profiles: ReadonlyArray<{ name: string; host?: string }>): { profile: string; error?: undefined } | { profile?: undefined; error: string } {
  if (env.identity.kind === "profile") {
    const name = env.identity.profile;
    if (profiles.some((p) => p.name === name)) return { profile: name };
    return { error: `The app's .env uses profile "${name}", which is not in your Databricks config file. Sign in to create it (databricks auth login --profile ${name}), or change DATABRICKS_CONFIG_PROFILE.` };
  }
  const host = env.identity.host;
  const match = profiles.find((p) => p.host && normalizeHost(p.host) === host);
  if (match) return { profile: match.name };
  return { error: `No profile for ${host} (the app's DATABRICKS_HOST) in your Databricks config file. Sign in to that workspace first.` };
}

/**
 * `values` (from lakebaseEnvValues) in the keys this project uses: a file that names its profile
 * keeps DATABRICKS_CONFIG_PROFILE, in DATABRICKS_HOST's place, instead of gaining a host.
 */
export function inKeysOf(env: AppKitEnv, profile: string, values: Record<string, string>): Record<string, string> {
  if (env.identity.kind !== "profile") return { ...values };
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) {
    if (k === "DATABRICKS_HOST") out.DATABRICKS_CONFIG_PROFILE = profile;
    else out[k] = v;
  }
  if (!("DATABRICKS_CONFIG_PROFILE" in out)) out.DATABRICKS_CONFIG_PROFILE = profile;
  return out;
}
