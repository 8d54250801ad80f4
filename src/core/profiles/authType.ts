/**
 * Which authentication a profile uses, decided like the Databricks SDKs do: an explicit
 * `auth_type` wins; otherwise the first method whose keys are all present, in the SDK's order
 * (pat → basic → oauth-m2m → databricks-cli → metadata-service → OIDC → Azure → Google).
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
  | { ok: true; authType: SupportedAuthType; explicit: boolean }
  | { ok: false; authType: string; explicit: boolean; state: "unsupported" | "unusable"; reason: string };

const has = (f: Record<string, string>, key: string) => (f[key] ?? "").trim() !== "";

export function resolveAuthType(fields: Record<string, string>): AuthResolution {
  const explicit = (fields.auth_type ?? "").trim();
  if (explicit) return checkExplicit(explicit, fields);
  if (has(fields, "token")) return { ok: true, authType: "pat", explicit: false };
  if (has(fields, "username") && has(fields, "password")) return unsupported("basic", false);
  if (has(fields, "client_id") && has(fields, "client_secret")) return { ok: true, authType: "oauth-m2m", explicit: false };
  // The SDK would try databricks-cli next for any host; but keys for another method are a clearer
  // signal of intent than "a host and nothing else", so name that method in the reason.
  if (has(fields, "metadata_service_url")) return unsupported("metadata-service", false);
  if (has(fields, "azure_client_secret") && has(fields, "azure_client_id")) return unsupported("azure-client-secret", false);
  if (has(fields, "azure_use_msi") && /^(true|1)$/i.test(fields.azure_use_msi!.trim())) return unsupported("azure-msi", false);
  if (has(fields, "google_credentials")) return unsupported("google-credentials", false);
  if (has(fields, "google_service_account")) return unsupported("google-id", false);
  return { ok: true, authType: "databricks-cli", explicit: false };
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

function unsupported(authType: string, explicit: boolean): AuthResolution {
  return { ok: false, authType, explicit, state: "unsupported", reason: UNSUPPORTED_REASONS[authType]! };
}
