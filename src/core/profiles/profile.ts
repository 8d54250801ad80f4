import * as z from "../validation";
import { isLoopbackHost } from "../db/ssl";
import { authKeys, resolveAuthType, type SupportedAuthType } from "./authType";
import { idsFromHostQuery } from "./hostQuery";
import type { IniProblem, IniSection } from "./iniReader";

export interface ProfileSource {
  file: string;
  line: number;
}

/** A profile read from the config file. `unavailable` says why it cannot be used (if so). */
export interface Profile {
  name: string;
  /** Normalized origin, e.g. `https://adb-1.2.azuredatabricks.net`; undefined when absent/invalid. */
  host: string | undefined;
  /**
   * Resolved auth type (also set for unsupported ones, e.g. `azure-cli`); undefined when the
   * profile has none: no host and no credentials, or keys of two auth families.
   */
  authType: string | undefined;
  authTypeExplicit: boolean;
  token?: string;
  clientId?: string;
  clientSecret?: string;
  accountId?: string;
  workspaceId?: string;
  databricksCliPath?: string;
  /** Every key of the section, including unknown ones. */
  fields: Record<string, string>;
  source: ProfileSource;
  unavailable?: { state: "unusable" | "unsupported"; reason: string };
}

export type UsableProfile = Profile & { host: string; authType: SupportedAuthType; unavailable?: undefined };

export function isUsable(p: Profile): p is UsableProfile {
  return !p.unavailable && p.host !== undefined;
}

/** Keys the SDK knows; used to warn about case mistakes (`Host`), since keys are case-sensitive. */
const KNOWN_KEYS = [
  "host", "token", "client_id", "client_secret", "auth_type", "account_id", "workspace_id", "cluster_id",
  "warehouse_id", "serverless_compute_id", "username", "password", "databricks_cli_path", "metadata_service_url",
  "azure_workspace_resource_id", "azure_client_id", "azure_client_secret", "azure_tenant_id", "azure_use_msi",
  "azure_environment", "google_service_account", "google_credentials", "scopes", "profile", "jobs-api-version",
];

const optionalText = z.optional(z.string().check(z.trim()));

/** zod view of a section: the keys we read, trimmed; everything else passes through. */
const SectionFields = z.looseObject({
  host: optionalText,
  token: optionalText,
  client_id: optionalText,
  client_secret: optionalText,
  account_id: optionalText,
  workspace_id: optionalText,
  databricks_cli_path: optionalText,
  auth_type: optionalText,
});

/** Adds https:// when no scheme; keeps only scheme://host[:port]. */
export const HostSchema = z.pipe(
  z.string().check(z.trim(), z.minLength(1, "host is empty")),
  z.transform((input: string, ctx) => {
    // A host may carry user:password@ (the SDK drops it); messages never repeat that part.
    const raw = input.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/@]*@/i, "$1…@");
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? input : `https://${input}`;
    let url: URL;
    try {
      url = new URL(withScheme);
    } catch {
      ctx.issues.push({ code: "custom", message: `host "${raw}" is not a valid URL`, input });
      return z.NEVER;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      ctx.issues.push({ code: "custom", message: `host "${raw}" must be an https:// URL`, input });
      return z.NEVER;
    }
    if (!url.hostname) {
      ctx.issues.push({ code: "custom", message: `host "${raw}" has no host name`, input });
      return z.NEVER;
    }
    return url.origin;
  }),
);

function isAccountsHost(host: string): boolean {
  const name = new URL(host).hostname;
  return name.startsWith("accounts.") || name.startsWith("accounts-dod.");
}

/** Turns one INI section into a Profile; key-level warnings go to `problems`. */
export function buildProfile(section: IniSection, file: string, problems: IniProblem[]): Profile {
  const fields: Record<string, string> = {};
  for (const [k, e] of section.keys) fields[k] = e.value;
  const miscased: string[] = [];
  for (const [k, e] of section.keys) {
    const known = KNOWN_KEYS.find((kk) => kk.toLowerCase() === k.toLowerCase());
    if (known && known !== k && !(known in fields)) {
      miscased.push(`${k} is not read (write ${known})`);
      problems.push({ line: e.line, severity: "warning", message: `key "${k}" in [${section.name}] is ignored: keys are case-sensitive, write "${known}"` });
    }
  }
  const parsed = SectionFields.parse(fields);
  const profile: Profile = {
    name: section.name,
    host: undefined,
    authType: undefined,
    authTypeExplicit: false,
    token: parsed.token || undefined,
    clientId: parsed.client_id || undefined,
    clientSecret: parsed.client_secret || undefined,
    accountId: parsed.account_id || undefined,
    workspaceId: parsed.workspace_id || undefined,
    databricksCliPath: parsed.databricks_cli_path || undefined,
    fields,
    source: { file, line: section.line },
  };
  const auth = resolveAuthType(fields, section.name);

  if (!parsed.host) {
    const login = `\`databricks auth login --host https://<workspace-url> --profile ${section.name}\``;
    const caseNote = miscased.length ? ` (keys are case-sensitive: ${miscased.join(", ")})` : "";
    if (profile.accountId) {
      profile.unavailable = { state: "unsupported", reason: "account-level profile (account_id without a workspace host): Lakebase uses workspace APIs; log in to a workspace with `databricks auth login --host https://<workspace-url>`" };
    } else if (auth.ok && auth.fallback) {
      // Nothing in the section says how to sign in, and without a host the CLI cannot either:
      // this is no CLI-login profile, it has no authentication at all.
      const partial = authKeys(fields);
      const what = partial.length ? `no host, and ${partial.join("/")} alone is no credential,` : "no host and no credentials";
      profile.unavailable = { state: "unusable", reason: `${what} in [${section.name}]${caseNote}: add "host = https://<workspace-url>" and run ${login}` };
      return profile;
    } else {
      profile.unavailable = { state: "unusable", reason: `no host${caseNote}: add "host = https://<workspace-url>" to [${section.name}] or run ${login}` };
    }
    return withAuth(profile, auth);
  }
  const hostLine = section.keys.get("host")?.line ?? section.line;
  const host = HostSchema.safeParse(parsed.host);
  if (!host.success) {
    const reason = host.error.issues[0]?.message ?? "invalid host";
    problems.push({ line: hostLine, severity: "error", message: `[${section.name}] ${reason}` });
    profile.unavailable = { state: "unusable", reason };
    return withAuth(profile, auth);
  }
  profile.host = host.data;
  // `?o=<id>` on a unified host is its workspace id: without it those hosts show a login page.
  const fromQuery = idsFromHostQuery(parsed.host);
  profile.workspaceId ??= fromQuery.workspaceId;
  profile.accountId ??= fromQuery.accountId;
  const url = new URL(host.data);
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    // A PAT, OAuth token or client secret would cross the network in clear text.
    const fix = `host = https://${url.host}`;
    problems.push({ line: hostLine, severity: "error", message: `[${section.name}] host ${host.data} uses plain http://: tokens would be sent unencrypted. Change it to "${fix}"` });
    profile.unavailable = { state: "unusable", reason: `host ${host.data} uses plain http://, so a token would be sent unencrypted; change line ${hostLine} to "${fix}" (plain http:// is only for loopback hosts such as the local emulator)` };
    return withAuth(profile, auth);
  }
  if (isAccountsHost(host.data) && !profile.workspaceId) {
    profile.unavailable = { state: "unsupported", reason: `account-level profile (${host.data}): Lakebase uses workspace APIs; use a profile whose host is a workspace URL` };
    return withAuth(profile, auth);
  }
  return withAuth(profile, auth);
}

function withAuth(profile: Profile, auth: ReturnType<typeof resolveAuthType>): Profile {
  profile.authType = auth.authType;
  profile.authTypeExplicit = auth.explicit;
  if (!auth.ok && !profile.unavailable) profile.unavailable = { state: auth.state, reason: auth.reason };
  return profile;
}
