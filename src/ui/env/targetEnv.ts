/**
 * The env values for a folder's target: connection settings always, plus, only when asked,
 * the profile's workspace token (PAT, or a short-lived OAuth access token) or, only on an
 * explicit opt-in, an M2M profile's client id and secret. No vscode import.
 */
import { UserFacingError } from "../../core/errors";
import { lakebaseEnvValues } from "../../core/envfile/lakebaseEnv";
import type { LakebaseServices, ResolvedTarget } from "../../core/lakebaseServices";

/** What authenticates the app's calls to the workspace (the driver needs one for credentials). */
export type WorkspaceAuthChoice = "none" | "token" | "client-secret";

export interface TargetEnv {
  resolved: ResolvedTarget;
  values: Record<string, string>;
  /** Set when DATABRICKS_TOKEN was included: what it is and, for OAuth, when it stops working. */
  token?: { kind: "pat" | "oauth"; expiresAt?: Date };
  clientSecret: boolean;
}

export async function targetEnv(services: LakebaseServices, folderKey: string, auth: WorkspaceAuthChoice, signal?: AbortSignal): Promise<TargetEnv> {
  const resolved = await services.resolve(folderKey, signal);
  const name = resolved.target.profile;
  const profile = services.profiles.profile(name);
  if (!profile.host) throw new UserFacingError(`Profile ${name} has no host; fix it in ${services.profiles.configFile}.`);
  const c = resolved.connection;
  const values = lakebaseEnvValues({
    workspaceHost: profile.host,
    endpointName: resolved.target.endpoint,
    host: c.host,
    port: c.port,
    database: c.database,
    user: c.user,
    sslMode: c.sslMode,
  });
  const out: TargetEnv = { resolved, values, clientSecret: false };
  if (auth === "token") {
    const t = await services.profiles.tokenSource(name).getToken(signal);
    values.DATABRICKS_TOKEN = t.token;
    out.token = { kind: profile.authType === "pat" ? "pat" : "oauth", expiresAt: t.expiresAt };
  } else if (auth === "client-secret") {
    if (profile.authType !== "oauth-m2m" || !profile.clientId || !profile.clientSecret) {
      throw new UserFacingError(`Profile ${name} is not an OAuth M2M (service principal) profile, so it has no client secret to write. Include DATABRICKS_TOKEN instead.`);
    }
    values.DATABRICKS_CLIENT_ID = profile.clientId;
    values.DATABRICKS_CLIENT_SECRET = profile.clientSecret;
    out.clientSecret = true;
  }
  return out;
}

/** The key names whose values are credentials, among `values`. */
export function secretKeysIn(values: Record<string, string>): string[] {
  return Object.keys(values).filter((k) => k === "DATABRICKS_TOKEN" || k === "PGPASSWORD" || k === "DATABRICKS_CLIENT_SECRET");
}
