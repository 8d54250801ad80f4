import assert from "node:assert/strict";
import { AuthError } from "../../../src/core/auth/authError";
import { M2mTokenSource } from "../../../src/core/auth/m2mTokenSource";
import { discoverTokenEndpoint } from "../../../src/core/auth/oidcEndpoints";
import { SecretRegistry } from "../../../src/core/log";
import { json, startLocalServer, type Handler, type Recorded } from "../http/localServer";

const CLIENT_ID = "6b0b9e1a-1111-2222-3333-444444444444";
const SECRET = "dose0123456789abcdef0123456789ab";

interface OAuthHost {
  /** Host metadata (/.well-known/databricks-config); undefined → 404 like an older workspace. */
  metadata?: (url: string) => unknown;
  /** Path of the discovery document, and the token_endpoint path it names. */
  discoveryPath?: string;
  tokenPath?: string;
}

/**
 * A workspace's OAuth surface on a real local server: metadata, discovery, and the token
 * endpoint answered by `token` handlers in turn (the last one repeats).
 */
async function startOAuthHost(token: Handler[], o: OAuthHost = {}) {
  const discoveryPath = o.discoveryPath ?? "/oidc/.well-known/oauth-authorization-server";
  const tokenPath = o.tokenPath ?? "/oidc/v1/token";
  let url = "";
  let n = 0;
  const route: Handler = (req, res) => {
    const path = req.url.split("?")[0];
    if (req.method === "GET" && path === "/.well-known/databricks-config") {
      return o.metadata ? json(200, o.metadata(url))(req, res) : json(404, { error_code: "ENDPOINT_NOT_FOUND", message: "no" })(req, res);
    }
    if (req.method === "GET" && path === discoveryPath) return json(200, { issuer: url, token_endpoint: `${url}${tokenPath}` })(req, res);
    if (req.method === "POST" && path === tokenPath) return token[Math.min(n++, token.length - 1)]!(req, res);
    return json(404, { error_code: "ENDPOINT_NOT_FOUND", message: `no ${req.method} ${path}` })(req, res);
  };
  const s = await startLocalServer([route]);
  url = s.url;
  const tokenRequests = (): Recorded[] => s.requests.filter((r) => r.method === "POST");
  return { ...s, tokenRequests };
}

describe("M2mTokenSource", () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => { await close?.(); close = undefined; });

  it("posts client_credentials with HTTP Basic and caches until 5 min before expiry", async () => {
    let n = 0;
    const s = await startOAuthHost([(_q, res) => { n++; json(200, { access_token: `m2m-token-${n}-abcdef`, token_type: "Bearer", expires_in: 3600, scope: "all-apis" })(_q, res); }]);
    close = s.close;
    let now = 1_000_000;
    const ts = new M2mTokenSource({ profile: "sp", host: s.url, clientId: CLIENT_ID, clientSecret: SECRET, now: () => now });
    const t1 = await ts.getToken();
    assert.equal(t1.token, "m2m-token-1-abcdef");
    const req = s.tokenRequests()[0]!;
    assert.equal(req.method, "POST");
    assert.equal(req.url, "/oidc/v1/token");
    assert.equal(req.headers["content-type"], "application/x-www-form-urlencoded");
    assert.equal(req.body, "grant_type=client_credentials&scope=all-apis");
    assert.equal(req.headers.authorization, `Basic ${Buffer.from(`${CLIENT_ID}:${SECRET}`).toString("base64")}`);

    now += 54 * 60_000; // 6 min left: still cached
    assert.equal((await ts.getToken()).token, "m2m-token-1-abcdef");
    now += 2 * 60_000; // 4 min left: refresh
    assert.equal((await ts.getToken()).token, "m2m-token-2-abcdef");
    assert.equal(s.tokenRequests().length, 2);
  });

  it("concurrent callers share one token request", async () => {
    const s = await startOAuthHost([(_q, res) => setTimeout(() => json(200, { access_token: "shared-token-abcdef", expires_in: 3600 })(_q, res), 100)]);
    close = s.close;
    const ts = new M2mTokenSource({ profile: "sp", host: s.url, clientId: CLIENT_ID, clientSecret: SECRET });
    const all = await Promise.all(Array.from({ length: 8 }, () => ts.getToken()));
    assert.ok(all.every((t) => t.token === "shared-token-abcdef"));
    assert.equal(s.tokenRequests().length, 1);
  });

  it("401 invalid_client → an actionable invalid-client error without the secret", async () => {
    const s = await startOAuthHost([json(401, { error: "invalid_client", error_description: `Client authentication failed for ${SECRET}` })]);
    close = s.close;
    const secrets = new SecretRegistry();
    const ts = new M2mTokenSource({ profile: "sp", host: s.url, clientId: CLIENT_ID, clientSecret: SECRET, secrets });
    const err = await ts.getToken().then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof AuthError);
    assert.equal(err.kind, "invalid-client");
    assert.match(err.message, /^The client secret for profile sp was rejected \(invalid_client\)\. Check client_id\/client_secret/);
    assert.ok(!err.message.includes(SECRET));
    assert.equal(s.tokenRequests().length, 1, "a rejected secret is not retried");
  });

  it("retries a 503 from the token endpoint", async () => {
    const s = await startOAuthHost([json(503, { error: "temporarily_unavailable" }, { "retry-after": "0" }), json(200, { access_token: "after-retry-abcdef", expires_in: 60 })]);
    close = s.close;
    const ts = new M2mTokenSource({ profile: "sp", host: s.url, clientId: CLIENT_ID, clientSecret: SECRET });
    assert.equal((await ts.getToken()).token, "after-retry-abcdef");
  });

  it("a reply without access_token is an oauth-error", async () => {
    const s = await startOAuthHost([json(200, { hello: "world" })]);
    close = s.close;
    const ts = new M2mTokenSource({ profile: "sp", host: s.url, clientId: CLIENT_ID, clientSecret: SECRET });
    const err = await ts.getToken().then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof AuthError && err.kind === "oauth-error", String(err));
  });
  it("finds the token endpoint through the workspace's discovery document, once", async () => {
    const s = await startOAuthHost([json(200, { access_token: "discovered-abcdef", expires_in: 60 })], { tokenPath: "/oidc/v2/issued-token" });
    close = s.close;
    let now = 1_000_000;
    const ts = new M2mTokenSource({ profile: "sp", host: s.url, clientId: CLIENT_ID, clientSecret: SECRET, now: () => now });
    assert.equal((await ts.getToken()).token, "discovered-abcdef");
    now += 120_000;
    await ts.getToken();
    assert.deepEqual(s.requests.map((r) => `${r.method} ${r.url}`), [
      "GET /.well-known/databricks-config",
      "GET /oidc/.well-known/oauth-authorization-server",
      "POST /oidc/v2/issued-token",
      "POST /oidc/v2/issued-token",
    ]);
    for (const r of s.requests.filter((q) => q.method === "GET")) assert.equal(r.headers.authorization, undefined, "discovery carries no credential");
  });

  it("on a unified host uses the account form its metadata names, with the profile's account_id", async () => {
    const s = await startOAuthHost([json(200, { access_token: "unified-abcdef", expires_in: 60 })], {
      metadata: (url) => ({ oidc_endpoint: `${url}/oidc/accounts/{account_id}`, account_id: "from-metadata", host_type: "unified" }),
      discoveryPath: "/oidc/accounts/acc-42/.well-known/oauth-authorization-server",
      tokenPath: "/oidc/accounts/acc-42/v1/token",
    });
    close = s.close;
    const ts = new M2mTokenSource({ profile: "sp", host: s.url, accountId: "acc-42", clientId: CLIENT_ID, clientSecret: SECRET });
    assert.equal((await ts.getToken()).token, "unified-abcdef");
    assert.equal(s.tokenRequests()[0]!.url, "/oidc/accounts/acc-42/v1/token");
  });

  it("a host without OAuth discovery gets a clear oauth-error, and the lookup is tried again next time", async () => {
    const s = await startOAuthHost([json(200, { access_token: "x-abcdef" })], { discoveryPath: "/nowhere" });
    close = s.close;
    const ts = new M2mTokenSource({ profile: "sp", host: s.url, clientId: CLIENT_ID, clientSecret: SECRET });
    const err = await ts.getToken().then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof AuthError && err.kind === "oauth-error", String(err));
    assert.match(err.message, /does not offer OAuth \(404 on \/oidc\/\.well-known\/oauth-authorization-server\); check the host of profile sp/);
    await ts.getToken().catch(() => undefined);
    assert.equal(s.requests.filter((r) => r.url === "/oidc/.well-known/oauth-authorization-server").length, 2);
    assert.equal(s.tokenRequests().length, 0);
  });

  it("an account host uses the fixed account form without any lookup (SDK GetAccountOAuthEndpoints)", async () => {
    const asked: string[] = [];
    const url = await discoverTokenEndpoint({ profile: "acct", host: "https://accounts.cloud.databricks.com", accountId: "acc-1" }, async (u) => { asked.push(u); return {}; });
    assert.equal(url, "https://accounts.cloud.databricks.com/oidc/accounts/acc-1/v1/token");
    assert.deepEqual(asked, []);
    const err = await discoverTokenEndpoint({ profile: "acct", host: "https://accounts.cloud.databricks.com" }, async () => ({})).catch((e: unknown) => e);
    assert.ok(err instanceof AuthError);
    assert.match(err.message, /has no account_id; add "account_id = <id>"/);
  });
});
