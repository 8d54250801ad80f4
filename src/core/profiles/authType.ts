/**
 * Which authentication a profile uses, decided like the Databricks SDKs do: an explicit
 * `auth_type` wins; otherwise keys of two auth families are an error (the Go SDK's
 * `validate: more than one authorization method configured: oauth and pat`), and then the
 * first method whose keys are all present, in the SDK's order (pat → basic → oauth-m2m →
 * databricks-cli → metadata-service → OIDC → Azure → Google). Keys of another method (Azure,
 * Google, metadata service) name that method even though the SDK would try the CLI first:
 * they say what the user meant, and the CLI would not give a Lakebase-usable token for them.
 */

export const SUPPORTED_AUTH_TYPES = ["pat", "oauth-m2m", "databricks-cli"] as const;
export type SupportedAuthType = (typeof SUPPORTED_AUTH_TYPES)[number];

const UNSUPPORTED_REASONS: Record<string, string> = {
  basic: "username/password (basic) auth is not supported: Lakebase needs a workspace OAuth token or PAT. Use `databricks auth login` or a personal access token",
  "metadata-service": "metadata-service auth is not supported; use a personal access token, OAuth M2M or `databricks auth login`",
  "github-oidc": "GitHub OIDC federation only works inside GitHub Actions; use a personal access token, OAuth M2M or `databricks auth login` locally",
  "azure-devops-oidc": "Azure DevOps OIDC federation only works inside Azure Pipelines; use `databricks auth login` locally",
  "env-oidc": "env-oidc token federation is not supported; use `databricks auth login` or OAuth M2M",
  "file-oidc": "file-oidc token federation is not supported; use `databricks auth login` or OAuth M2M",
  "azure-msi": "Azure managed identity auth is not supported; use `databricks auth login` or OAuth M2M",
  "azure-client-secret": "Azure service principal (Entra ID) secrets are not supported yet; create a Databricks OAuth secret (client_id/client_secret) for the service principal instead",
  "azure-cli": "azure-cli auth is not supported yet; run `databricks auth login --host <workspace> --profile <name>` to create a databricks-cli profile",
  "google-credentials": "Google credentials auth is not supported; use `databricks auth login` or OAuth M2M",
  "google-id": "Google ID auth is not supported; use `databricks auth login` or OAuth M2M",
};

export type AuthResolution =
  | {
    ok: true; authType: SupportedAuthType; explicit: boolean;
    /** databricks-cli by elimination (no auth_type, no complete credentials): with no host, no auth at all. */
    fallback?: boolean;
  }
  | { ok: false; authType: string | undefined; explicit: boolean; state: "unsupported" | "unusable"; reason: string };

/**
 * The Go SDK's attribute families (the `auth:"…"` tags in config/config.go). Keys without a
 * family (host, account_id, workspace_id, cluster_id, azure_environment, databricks_cli_path…)
 * never conflict.
 */
const AUTH_FAMILY: Record<string, string> = {
  token: "pat",
  username: "basic", password: "basic",
  client_id: "oauth", client_secret: "oauth",
  azure_workspace_resource_id: "azure", azure_use_msi: "azure", azure_client_secret: "azure",
  azure_client_id: "azure", azure_tenant_id: "azure", azure_login_app_id: "azure",
  google_service_account: "google", google_credentials: "google",
  metadata_service_url: "metadata-service",
  databricks_id_token_filepath: "file-oidc",
  oidc_token_env: "env-oidc",
};

/** auth_type values that settle a conflict, per family, for the fix in the message. */
const FAMILY_AUTH_TYPES: Record<string, string> = {
  pat: "pat", oauth: "oauth-m2m", basic: "basic", azure: "azure-cli", google: "google-id",
  "metadata-service": "metadata-service", "file-oidc": "file-oidc", "env-oidc": "env-oidc",
};

const has = (f: Record<string, string>, key: string) => (f[key] ?? "").trim() !== "";

/** Go's strconv.ParseBool, which the SDK uses for bool attributes: "false" is an unset attribute. */
function goBool(v: string): boolean | undefined {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(v)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(v)) return false;
  return undefined;
}

/** The auth keys that count as set, the way the SDK's IsZero sees them. */
export function authKeys(fields: Record<string, string>): string[] {
  return Object.keys(AUTH_FAMILY).filter((k) => has(fields, k) && (k !== "azure_use_msi" || goBool(fields[k]!.trim()) !== false));
}

export function resolveAuthType(fields: Record<string, string>, profileName = "this profile"): AuthResolution {
  const explicit = (fields.auth_type ?? "").trim();
  if (has(fields, "azure_use_msi") && goBool(fields.azure_use_msi!.trim()) === undefined) {
    return { ok: false, authType: undefined, explicit: explicit !== "", state: "unusable", reason: `azure_use_msi must be true or false; the Databricks CLI cannot load [${profileName}] with this value` };
  }
  if (explicit) return checkExplicit(explicit, fields);
  const keys = authKeys(fields);
  const families = [...new Set(keys.map((k) => AUTH_FAMILY[k]!))].sort();
  if (families.length > 1) return conflict(families, keys, profileName);
  if (has(fields, "token")) return { ok: true, authType: "pat", explicit: false };
  if (has(fields, "username") && has(fields, "password")) return unsupported("basic", false);
  if (has(fields, "client_id") && has(fields, "client_secret")) return { ok: true, authType: "oauth-m2m", explicit: false };
  if (has(fields, "metadata_service_url")) return unsupported("metadata-service", false);
  if (families[0] === "azure") return azure(fields, keys, profileName);
  if (has(fields, "google_credentials")) return unsupported("google-credentials", false);
  if (has(fields, "google_service_account")) return unsupported("google-id", false);
  if (families[0] === "file-oidc" || families[0] === "env-oidc") return unsupported(families[0], false);
  return { ok: true, authType: "databricks-cli", explicit: false, fallback: true };
}

function conflict(families: string[], keys: string[], profileName: string): AuthResolution {
  const keysOf = (family: string) => keys.filter((k) => AUTH_FAMILY[k] === family).join("/");
  const choices = families.map((f) => `auth_type = ${FAMILY_AUTH_TYPES[f]}`).join(" or ");
  return {
    ok: false, authType: undefined, explicit: false, state: "unusable",
    reason: `more than one authorization method configured: ${families.join(" and ")} (the Databricks CLI and SDKs refuse this profile). ` +
      `Keep one in [${profileName}]: remove ${families.map(keysOf).join(" or ")}, or add ${choices}`,
  };
}

/** Azure keys: the SDKs authenticate through Azure (MSI, an Entra ID secret or the az CLI). */
function azure(fields: Record<string, string>, keys: string[], profileName: string): AuthResolution {
  const type = keys.includes("azure_use_msi") ? "azure-msi"
    : has(fields, "azure_client_id") && has(fields, "azure_client_secret") ? "azure-client-secret"
      : "azure-cli";
  if (type !== "azure-cli") return unsupported(type, false);
  const key = keys.find((k) => AUTH_FAMILY[k] === "azure")!;
  return {
    ok: false, authType: type, explicit: false, state: "unsupported",
    reason: `${key} selects Azure authentication (azure-cli) in the Databricks SDKs, which Lakebase for VS Code does not support yet. ` +
      `Remove the azure_* keys and run \`databricks auth login --host <workspace-url> --profile ${profileName}\` to make it a databricks-cli profile`,
  };
}

function checkExplicit(authType: string, fields: Record<string, string>): AuthResolution {
  switch (authType) {
    case "pat":
      return has(fields, "token")
        ? { ok: true, authType, explicit: true }
        : { ok: false, authType, explicit: true, state: "unusable", reason: "auth_type = pat but the profile has no token" };
    case "oauth-m2m": {
      const missing = ["client_id", "client_secret"].filter((k) => !has(fields, k));
      return missing.length === 0
        ? { ok: true, authType, explicit: true }
        : { ok: false, authType, explicit: true, state: "unusable", reason: `auth_type = oauth-m2m but ${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} missing` };
    }
    case "databricks-cli":
      return { ok: true, authType, explicit: true };
    default:
      if (UNSUPPORTED_REASONS[authType]) return unsupported(authType, true);
      return { ok: false, authType, explicit: true, state: "unsupported", reason: `unknown auth_type "${authType}"; supported: ${SUPPORTED_AUTH_TYPES.join(", ")}` };
  }
}

function unsupported(authType: string, explicit: boolean): AuthResolution & { ok: false } {
  return { ok: false, authType, explicit, state: "unsupported", reason: UNSUPPORTED_REASONS[authType]! };
}
