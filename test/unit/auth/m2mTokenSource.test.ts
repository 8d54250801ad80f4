import assert from "node:assert/strict";
import { AuthError } from "../../../src/core/auth/authError";
import { M2mTokenSource } from "../../../src/core/auth/m2mTokenSource";
import { SecretRegistry } from "../../../src/core/log";
import { json, startLocalServer } from "../http/localServer";

const CLIENT_ID = "6b0b9e1a-1111-2222-3333-444444444444";
const SECRET = "dose0123456789abcdef0123456789ab";

describe("M2mTokenSource", () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => { await close?.(); close = undefined; });

  it("posts client_credentials with HTTP Basic and caches until 5 min before expiry", async () => {
    let n = 0;
    const s = await startLocalServer([(_q, res) => { n++; json(200, { access_token: `m2m-token-${n}-abcdef`, token_type: "Bearer", expires_in: 3600, scope: "all-apis" })(_q, res); }]);
    close = s.close;
    let now = 1_000_000;
    const ts = new M2mTokenSource({ profile: "sp", host: s.url, clientId: CLIENT_ID, clientSecret: SECRET, now: () => now });
    const t1 = await ts.getToken();
    assert.equal(t1.token, "m2m-token-1-abcdef");
    const req = s.requests[0]!;
    assert.equal(req.method, "POST");
    assert.equal(req.url, "/oidc/v1/token");
    assert.equal(req.headers["content-type"], "application/x-www-form-urlencoded");
    assert.equal(req.body, "grant_type=client_credentials&scope=all-apis");
    assert.equal(req.headers.authorization, `Basic ${Buffer.from(`${CLIENT_ID}:${SECRET}`).toString("base64")}`);

    now += 54 * 60_000; // 6 min left: still cached
    assert.equal((await ts.getToken()).token, "m2m-token-1-abcdef");
    now += 2 * 60_000; // 4 min left: refresh
    assert.equal((await ts.getToken()).token, "m2m-token-2-abcdef");
    assert.equal(s.requests.length, 2);
  });

  it("concurrent callers share one token request", async () => {
    const s = await startLocalServer([(_q, res) => setTimeout(() => json(200, { access_token: "shared-token-abcdef", expires_in: 3600 })(_q, res), 100)]);
    close = s.close;
    const ts = new M2mTokenSource({ profile: "sp", host: s.url, clientId: CLIENT_ID, clientSecret: SECRET });
    const all = await Promise.all(Array.from({ length: 8 }, () => ts.getToken()));
    assert.ok(all.every((t) => t.token === "shared-token-abcdef"));
    assert.equal(s.requests.length, 1);
  });

  it("401 invalid_client → an actionable invalid-client error without the secret", async () => {
    const s = await startLocalServer([json(401, { error: "invalid_client", error_description: `Client authentication failed for ${SECRET}` })]);
    close = s.close;
    const secrets = new SecretRegistry();
    const ts = new M2mTokenSource({ profile: "sp", host: s.url, clientId: CLIENT_ID, clientSecret: SECRET, secrets });
    const err = await ts.getToken().then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof AuthError);
    assert.equal(err.kind, "invalid-client");
    assert.match(err.message, /^The client secret for profile sp was rejected \(invalid_client\)\. Check client_id\/client_secret/);
    assert.ok(!err.message.includes(SECRET));
    assert.equal(s.requests.length, 1, "a rejected secret is not retried");
  });

  it("retries a 503 from the token endpoint", async () => {
    const s = await startLocalServer([json(503, { error: "temporarily_unavailable" }, { "retry-after": "0" }), json(200, { access_token: "after-retry-abcdef", expires_in: 60 })]);
    close = s.close;
    const ts = new M2mTokenSource({ profile: "sp", host: s.url, clientId: CLIENT_ID, clientSecret: SECRET });
    assert.equal((await ts.getToken()).token, "after-retry-abcdef");
  });

  it("a reply without access_token is an oauth-error", async () => {
    const s = await startLocalServer([json(200, { hello: "world" })]);
    close = s.close;
    const ts = new M2mTokenSource({ profile: "sp", host: s.url, clientId: CLIENT_ID, clientSecret: SECRET });
    const err = await ts.getToken().then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof AuthError && err.kind === "oauth-error", String(err));
  });
});
