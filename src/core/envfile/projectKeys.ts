/**
 * The keys a project's env file names its workspace by. A file that says which profile the app
 * uses (DATABRICKS_CONFIG_PROFILE, as `databricks apps init` writes it) keeps saying so: a rewrite
 * updates that key in DATABRICKS_HOST's place instead of adding a host the SDK would then prefer.
 */
import { parseEnv } from "./dotenvScan";

/** `values` (from lakebaseEnvValues) in the keys the file `text` uses; `text` undefined: a new file. */
export function inProjectKeys(text: string | undefined, profile: string, values: Record<string, string>): Record<string, string> {
  const env = parseEnv(text ?? "");
  const namesProfile = env.has("DATABRICKS_CONFIG_PROFILE");
  if (!namesProfile) return { ...values };
  const keepHost = env.has("DATABRICKS_HOST");
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) {
    if (k === "DATABRICKS_HOST") {
      out.DATABRICKS_CONFIG_PROFILE = profile;
      if (keepHost) out.DATABRICKS_HOST = v;
    } else out[k] = v;
  }
  if (!("DATABRICKS_CONFIG_PROFILE" in out)) out.DATABRICKS_CONFIG_PROFILE = profile;
  return out;
}
