import * as z from "../validation";
import { DatabricksApiError } from "../http/errors";
import type { WorkspaceRequest } from "../http/workspaceClient";
import { AuthError } from "./authError";

/**
 * Where OAuth M2M gets its token, found the way the Databricks Go SDK finds it
 * (config.go getOidcEndpoints / resolveHostMetadata, credentials/u2m/endpoint_supplier.go):
 *
 * 1. An account host (`accounts.` / `accounts-dod.`): the fixed account form
 *    `{host}/oidc/accounts/{account_id}/v1/token`.
 * 2. Else the host's metadata `/.well-known/databricks-config` (best effort): its
 *    `oidc_endpoint` (with `{account_id}` filled in) + `/.well-known/oauth-authorization-server`.
 *    A unified host answers with the account form there.
 * 3. Else the workspace form `{host}/oidc/.well-known/oauth-authorization-server`.
 *
 * The discovery document's `token_endpoint` is the URL used.
 */

/** One unauthenticated GET of a full URL, answered with parsed JSON (or a DatabricksApiError). */
export type OpenGet = (url: string, req: Pick<WorkspaceRequest, "timeoutMs">) => Promise<unknown>;

export interface OidcTarget {
  profile: string;
  host: string;
  accountId?: string;
}

const HostMetadata = z.looseObject({
  oidc_endpoint: z.nullish(z.string()),
  account_id: z.nullish(z.string()),
  host_type: z.nullish(z.string()),
});

const AuthorizationServer = z.looseObject({ token_endpoint: z.string().check(z.minLength(1)) });

/** Metadata is a hint: a slow or missing one must not hold up the discovery for long. */
const METADATA_TIMEOUT_MS = 10_000;

export function isAccountsHost(host: string): boolean {
  const name = new URL(host).hostname;
  return name.startsWith("accounts.") || name.startsWith("accounts-dod.");
}

export async function discoverTokenEndpoint(t: OidcTarget, get: OpenGet): Promise<string> {
  const host = t.host.replace(/\/+$/, "");
  if (isAccountsHost(host)) {
    if (!t.accountId) {
      throw new AuthError("oauth-error", t.profile, `Profile ${t.profile} points at the account host ${host} but has no account_id; add "account_id = <id>" to it.`);
    }
    return `${host}/oidc/accounts/${encodeURIComponent(t.accountId)}/v1/token`;
  }
  const discoveryUrl = (await discoveryFromMetadata(host, t.accountId, get)) ?? `${host}/oidc/.well-known/oauth-authorization-server`;
  let raw: unknown;
  try {
    raw = await get(discoveryUrl, {});
  } catch (err) {
    if (err instanceof DatabricksApiError && err.status === 404) {
      throw new AuthError("oauth-error", t.profile, `${host} does not offer OAuth (404 on ${new URL(discoveryUrl).pathname}); check the host of profile ${t.profile}.`);
    }
    if (err instanceof DatabricksApiError) {
      throw new AuthError("oauth-error", t.profile, `Could not read the OAuth endpoints of ${host} for profile ${t.profile} (${err.errorCode ?? `HTTP ${err.status}`}): ${err.message}`);
    }
    throw err;
  }
  const parsed = AuthorizationServer.safeParse(raw);
  if (!parsed.success) {
    throw new AuthError("oauth-error", t.profile, `The OAuth discovery document of ${host} (${new URL(discoveryUrl).pathname}) has no token_endpoint; is the host of profile ${t.profile} a Databricks workspace?`);
  }
  try {
    return new URL(parsed.data.token_endpoint, discoveryUrl).toString();
  } catch {
    throw new AuthError("oauth-error", t.profile, `The OAuth discovery document of ${host} names an unreadable token_endpoint.`);
  }
}

async function discoveryFromMetadata(host: string, accountId: string | undefined, get: OpenGet): Promise<string | undefined> {
  let raw: unknown;
  try {
    raw = await get(`${host}/.well-known/databricks-config`, { timeoutMs: METADATA_TIMEOUT_MS });
  } catch {
    return undefined; // older workspaces have no metadata: fall back to the workspace form
  }
  const meta = HostMetadata.safeParse(raw);
  if (!meta.success || !meta.data.oidc_endpoint) return undefined;
  let root = meta.data.oidc_endpoint;
  if (root.includes("{account_id}")) {
    const account = accountId ?? meta.data.account_id ?? undefined;
    if (!account) return undefined;
    root = root.replaceAll("{account_id}", encodeURIComponent(account));
  }
  try {
    return new URL(`${root.replace(/\/+$/, "")}/.well-known/oauth-authorization-server`, host).toString();
  } catch {
    return undefined;
  }
}
