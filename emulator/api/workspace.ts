import type { AuthStore } from "../auth";
import { invalidParam } from "../errors";
import { ok, Router, type Handler, type Req, type Res } from "../http/router";

/**
 * The workspace around Lakebase: SCIM Me, discovery documents and the OAuth
 * client-credentials token endpoint (reference §2.3, §2.4).
 *
 * In "unified host" mode the emulator behaves like a single-URL (SPOG) host: host metadata says
 * `host_type: unified` with an account-scoped `oidc_endpoint`, OAuth lives only under
 * `/oidc/accounts/<account>/…`, and a workspace call without the right
 * `X-Databricks-Workspace-Id` is sent to the login page instead of being answered.
 */
export const WORKSPACE_ID = "1234567890123456";
export const ACCOUNT_ID = "00000000-0000-4000-8000-000000000000";

/** The api router of a unified host: every workspace route needs the workspace id header. */
export class UnifiedHostRouter extends Router {
  constructor(private readonly workspaceId: string) {
    super();
  }

  override match(method: string, path: string): { handler: Handler; params: Record<string, string> } | undefined {
    const m = super.match(method, path);
    if (!m) return m;
    const inner = m.handler;
    const handler: Handler = (req: Req) => {
      const sent = req.headers["x-databricks-workspace-id"];
      // The real host answers a browser-style redirect to its login page, not a JSON error.
      if (sent !== this.workspaceId) return { status: 302, body: undefined, headers: { location: "/login.html" } };
      return inner(req);
    };
    return { handler, params: m.params };
  }
}

export interface WorkspaceRouteOptions {
  unifiedHost?: boolean;
}

export function workspaceRoutes(auth: AuthStore, api: Router, open: Router, hostUrl: () => string, opts: WorkspaceRouteOptions = {}): void {
  // The Token API (POST /api/2.0/token/create): a PAT of the caller, as the workspace's "Generate new token" makes.
  api.add("POST", "/api/2.0/token/create", (req) => {
    const lifetime = req.body.lifetime_seconds;
    if (lifetime !== undefined && (typeof lifetime !== "number" || !Number.isInteger(lifetime))) throw invalidParam(`'lifetime_seconds' must be an integer, got ${JSON.stringify(lifetime)}`);
    const t = auth.issuePersonalAccessToken(req.identity, lifetime);
    const comment = typeof req.body.comment === "string" ? req.body.comment : undefined;
    return ok({ token_value: t.token, token_info: { token_id: t.tokenId, creation_time: t.createdAt, expiry_time: Number.isFinite(t.expiresAt) ? t.expiresAt : -1, ...(comment ? { comment } : {}) } });
  });

  api.add("GET", "/api/2.0/preview/scim/v2/Me", (req) => {
    const id = req.identity;
    return ok({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      id: id.scimId,
      userName: id.userName,
      displayName: id.displayName,
      active: true,
      ...(id.kind === "user" ? { emails: [{ value: id.userName, type: "work", primary: true }], name: { givenName: "Dev", familyName: "User" } } : {}),
    });
  });

  const unified = opts.unifiedHost === true;
  open.add("GET", "/.well-known/databricks-config", () =>
    unified
      ? ok({ oidc_endpoint: `${hostUrl()}/oidc/accounts/{account_id}`, workspace_id: WORKSPACE_ID, account_id: ACCOUNT_ID, cloud: "aws", host_type: "unified" })
      : ok({ oidc_endpoint: `${hostUrl()}/oidc`, workspace_id: WORKSPACE_ID, account_id: ACCOUNT_ID, cloud: "aws", host_type: "workspace" }),
  );

  const oidcRoot = unified ? `/oidc/accounts/${ACCOUNT_ID}` : "/oidc";
  open.add("GET", `${oidcRoot}/.well-known/oauth-authorization-server`, () => {
    const h = hostUrl() + oidcRoot;
    return ok({
      issuer: h,
      authorization_endpoint: `${h}/v1/authorize`,
      token_endpoint: `${h}/v1/token`,
      jwks_uri: `${h}/jwks.json`,
      grant_types_supported: ["client_credentials", "authorization_code", "refresh_token"],
      response_types_supported: ["code"],
      scopes_supported: ["all-apis", "offline_access", "openid", "profile", "email"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
      code_challenge_methods_supported: ["S256"],
    });
  });

  open.add("POST", `${oidcRoot}/v1/token`, (req) => {
    const form = new URLSearchParams(req.rawBody);
    const grant = form.get("grant_type");
    if (grant !== "client_credentials") {
      return oauthError(400, "unsupported_grant_type", `grant_type '${grant ?? ""}' is not supported; use client_credentials`);
    }
    let clientId = form.get("client_id") ?? "";
    let clientSecret = form.get("client_secret") ?? "";
    const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? "");
    if (basic) {
      const decoded = Buffer.from(basic[1]!, "base64").toString("utf8");
      const i = decoded.indexOf(":");
      if (i >= 0) {
        clientId = decodeURIComponent(decoded.slice(0, i));
        clientSecret = decodeURIComponent(decoded.slice(i + 1));
      }
    }
    if (!clientId || !clientSecret) return oauthError(401, "invalid_client", "Client authentication failed: no client_id/client_secret given");
    const issued = auth.issueOAuthToken(clientId, clientSecret);
    if (!issued) return oauthError(401, "invalid_client", "Client authentication failed");
    return ok({ access_token: issued.token, token_type: "Bearer", expires_in: issued.expiresIn, scope: form.get("scope") || "all-apis" });
  });
}

function oauthError(status: number, error: string, description: string): Res {
  return { status, body: { error, error_description: description } };
}
