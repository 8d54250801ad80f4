import type http from "node:http";
import { startLocalServer, type Recorded } from "../http/localServer";

export const PAT = "dapi0123456789abcdef0123456789abcdef";
export const CLIENT_ID = "6b0b9e1a-1111-2222-3333-444444444444";
export const CLIENT_SECRET = "dose0123456789abcdef0123456789ab";
export const M2M_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJtMm0ifQ.c2lnbmF0dXJlLW0ybS10b2tlbg";
export const CLI_TOKEN = "cli-access-token-0123456789abcdef";
export const USER_EMAIL = "ada@example.com";

/**
 * A tiny workspace: OAuth discovery, the token endpoint and SCIM Me, with the known credentials above.
 * Rejections echo the presented credential on purpose, to prove our redaction.
 */
export async function startFakeWorkspace() {
  // Tokens the test revoked after handing them out (a PAT deleted in the workspace UI).
  const revoked = new Set<string>();
  const reply = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json", "x-request-id": "rid-1" });
    res.end(JSON.stringify(body));
  };
  const server = await startLocalServer([(req: Recorded, res) => {
    if ((req.headers.authorization ?? "").startsWith("Bearer ") && revoked.has(req.headers.authorization!.slice(7))) {
      return reply(res, 401, { error_code: "UNAUTHENTICATED", message: "Invalid access token." });
    }
    if (req.method === "GET" && req.url === "/api/2.0/postgres/projects") return reply(res, 200, { projects: [] });
    // Like a workspace: M2M looks its token endpoint up here (no host metadata: a 404 below).
    if (req.method === "GET" && req.url === "/oidc/.well-known/oauth-authorization-server") {
      return reply(res, 200, { token_endpoint: `http://${req.headers.host}/oidc/v1/token` });
    }
    if (req.method === "POST" && req.url === "/oidc/v1/token") {
      const basic = Buffer.from((req.headers.authorization ?? "").replace(/^Basic /, ""), "base64").toString();
      if (basic === `${CLIENT_ID}:${CLIENT_SECRET}`) return reply(res, 200, { access_token: M2M_TOKEN, token_type: "Bearer", expires_in: 3600, scope: "all-apis" });
      return reply(res, 401, { error: "invalid_client", error_description: `Client authentication failed (${basic})` });
    }
    if (req.method === "GET" && req.url === "/api/2.0/preview/scim/v2/Me") {
      const bearer = (req.headers.authorization ?? "").replace(/^Bearer /, "");
      if (bearer === PAT || bearer === CLI_TOKEN) return reply(res, 200, { id: "1", userName: USER_EMAIL, displayName: "Ada" });
      if (bearer === M2M_TOKEN) return reply(res, 200, { id: "2", userName: CLIENT_ID, displayName: "ci-bot" });
      return reply(res, 401, { error_code: "UNAUTHENTICATED", message: `Invalid access token ${bearer}` });
    }
    return reply(res, 404, { error_code: "NOT_FOUND", message: `no route ${req.method} ${req.url}` });
  }]);
  return Object.assign(server, { revoke: (token: string) => void revoked.add(token) });
}
