import assert from "node:assert/strict";
import { WorkspaceHttpClient } from "../../../src/core/http/workspaceClient";
import { DatabricksApiError, NetworkError } from "../../../src/core/http/errors";
import type { AccessToken, TokenSource } from "../../../src/core/auth/tokenSource";
import { memoryLogger, SecretRegistry } from "../../../src/core/log";
import { closedPort, json, startLocalServer } from "./localServer";

type Failure = Error & { status?: number; code?: string; requestId?: string; errorCode?: string; url?: string };

/** The error a promise rejects with (fails the test if it resolves). */
async function rejection(p: Promise<unknown>): Promise<Failure> {
  try { await p; } catch (e) { return e as Failure; }
  throw new Error("expected the request to fail");
}

/** Fast, recorded sleeps so retry tests do not wait for real backoff. */
function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => { waits.push(ms); } };
}

class CountingTokenSource implements TokenSource {
  calls = 0;
  invalidations = 0;
  constructor(private readonly tokens: string[]) {}
  async getToken(): Promise<AccessToken> {
    const token = this.tokens[Math.min(this.calls, this.tokens.length - 1)]!;
    this.calls++;
    return { token };
  }
  invalidate(): void { this.invalidations++; }
}

describe("WorkspaceHttpClient", () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => { await close?.(); close = undefined; });

  async function serve(...handlers: Parameters<typeof startLocalServer>[0]) {
    const s = await startLocalServer(handlers);
    close = s.close;
    return s;
  }

  it("sends the bearer token, query and JSON body, and parses the JSON reply", async () => {
    const s = await serve(json(200, { ok: true }));
    const client = new WorkspaceHttpClient({ host: s.url + "/", tokenSource: new CountingTokenSource(["tok-abcdefgh"]) });
    const out = await client.request<{ ok: boolean }>({ method: "POST", path: "/api/x", query: { a: "1", b: ["x", "y"], c: undefined }, body: { n: 1 }, auth: true });
    assert.deepEqual(out, { ok: true });
    assert.equal(s.requests[0]!.url, "/api/x?a=1&b=x&b=y");
    assert.equal(s.requests[0]!.headers.authorization, "Bearer tok-abcdefgh");
    assert.equal(s.requests[0]!.headers["content-type"], "application/json");
    assert.deepEqual(JSON.parse(s.requests[0]!.body), { n: 1 });
  });

  it("retries a 429 after its Retry-After and then succeeds", async () => {
    const s = await serve(json(429, { error_code: "REQUEST_LIMIT_EXCEEDED", message: "slow down" }, { "retry-after": "2" }), json(200, { v: 1 }));
    const { waits, sleep } = recordingSleep();
    const client = new WorkspaceHttpClient({ host: s.url, sleep });
    assert.deepEqual(await client.request({ method: "POST", path: "/p", auth: false }), { v: 1 });
    assert.equal(s.requests.length, 2);
    assert.deepEqual(waits, [2000]);
  });

  it("honours a Retry-After HTTP date and caps long waits", async () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    const s = await serve(
      json(429, {}, { "retry-after": new Date(now + 5000).toUTCString() }),
      json(503, {}, { "retry-after": "3600" }),
      json(200, {}),
    );
    const { waits, sleep } = recordingSleep();
    const client = new WorkspaceHttpClient({ host: s.url, sleep, now: () => now, retry: { maxRetryAfterMs: 7000, maxTotalMs: 60_000 } });
    await client.request({ method: "GET", path: "/p", auth: false });
    assert.deepEqual(waits, [5000, 7000]);
  });

  it("retries 503 with jittered exponential backoff", async () => {
    const s = await serve(json(503, { error_code: "TEMPORARILY_UNAVAILABLE" }), json(503, {}), json(200, { done: 1 }));
    const { waits, sleep } = recordingSleep();
    const client = new WorkspaceHttpClient({ host: s.url, sleep, random: () => 0.5, retry: { baseDelayMs: 100, minDelayMs: 1 } });
    assert.deepEqual(await client.request({ method: "POST", path: "/p", auth: false }), { done: 1 });
    assert.equal(s.requests.length, 3);
    assert.deepEqual(waits, [50, 100]);
  });

  for (const status of [400, 403, 404, 409]) {
    it(`does not retry a ${status}`, async () => {
      const s = await serve(json(status, { error_code: "X", message: `m${status}` }), json(200, {}));
      const client = new WorkspaceHttpClient({ host: s.url, sleep: recordingSleep().sleep });
      await assert.rejects(client.request({ method: "GET", path: "/p", auth: false }), (e: unknown) => {
        assert.ok(e instanceof DatabricksApiError);
        assert.equal(e.status, status);
        assert.equal(e.retryable, false);
        return true;
      });
      assert.equal(s.requests.length, 1);
    });
  }

  it("retries 500 for GET but not for POST", async () => {
    const s = await serve(json(500, { error_code: "INTERNAL_ERROR" }), json(200, { ok: 1 }));
    const client = new WorkspaceHttpClient({ host: s.url, sleep: recordingSleep().sleep });
    assert.deepEqual(await client.request({ method: "GET", path: "/p", auth: false }), { ok: 1 });
    const s2 = await startLocalServer([json(502, {}), json(200, {})]);
    try {
      const c2 = new WorkspaceHttpClient({ host: s2.url, sleep: recordingSleep().sleep });
      await assert.rejects(c2.request({ method: "POST", path: "/p", auth: false }), (e: DatabricksApiError) => e.status === 502);
      assert.equal(s2.requests.length, 1);
    } finally { await s2.close(); }
  });

  it("gives up after maxAttempts and reports the last error as retryable", async () => {
    const s = await serve(json(503, { error_code: "TEMPORARILY_UNAVAILABLE", message: "busy" }));
    const client = new WorkspaceHttpClient({ host: s.url, sleep: recordingSleep().sleep, retry: { maxAttempts: 3 } });
    await assert.rejects(client.request({ method: "GET", path: "/p", auth: false }), (e: DatabricksApiError) => e.retryable && e.status === 503);
    assert.equal(s.requests.length, 3);
  });

  it("stops retrying when the total time budget would be exceeded", async () => {
    const s = await serve(json(429, {}, { "retry-after": "20" }));
    const client = new WorkspaceHttpClient({ host: s.url, sleep: recordingSleep().sleep, retry: { maxTotalMs: 10_000 } });
    await assert.rejects(client.request({ method: "GET", path: "/p", auth: false }), (e: DatabricksApiError) => e.status === 429);
    assert.equal(s.requests.length, 1);
  });

  it("parses error_code, message and the request id from details", async () => {
    const s = await serve(json(404, {
      error_code: "NOT_FOUND",
      message: "project id not found",
      details: [{ "@type": "type.googleapis.com/google.rpc.RequestInfo", request_id: "req-123", serving_data: "" }],
    }));
    const client = new WorkspaceHttpClient({ host: s.url });
    const err = await rejection(client.request({ method: "GET", path: "/api/2.0/postgres/projects/x", query: { q: 1 }, auth: false }));
    assert.ok(err instanceof DatabricksApiError);
    assert.equal(err.errorCode, "NOT_FOUND");
    assert.equal(err.message, "project id not found");
    assert.equal(err.requestId, "req-123");
    assert.equal(err.url, `${s.url}/api/2.0/postgres/projects/x`);
  });

  it("takes the request id from x-request-id when the body has none", async () => {
    const s = await serve(json(403, { error_code: "PERMISSION_DENIED", message: "nope" }, { "x-request-id": "hdr-9" }));
    const err = await rejection(new WorkspaceHttpClient({ host: s.url }).request({ method: "GET", path: "/p", auth: false }));
    assert.equal(err.requestId, "hdr-9");
    assert.equal(err.errorCode, "PERMISSION_DENIED");
  });

  it("on 401 invalidates the token source once and retries once", async () => {
    const s = await serve(json(401, { error_code: "UNAUTHENTICATED", message: "expired" }), json(200, { me: 1 }));
    const ts = new CountingTokenSource(["old-token-1234", "new-token-5678"]);
    const client = new WorkspaceHttpClient({ host: s.url, tokenSource: ts });
    assert.deepEqual(await client.request({ method: "GET", path: "/me", auth: true }), { me: 1 });
    assert.equal(ts.invalidations, 1);
    assert.equal(s.requests[1]!.headers.authorization, "Bearer new-token-5678");
  });

  it("a second 401 is final, with an actionable message naming the profile", async () => {
    const s = await serve(json(401, { error_code: "UNAUTHENTICATED", message: "Invalid access token." }));
    const ts = new CountingTokenSource(["old-token-1234"]);
    const client = new WorkspaceHttpClient({ host: s.url, tokenSource: ts, profileName: "dev" });
    const err = await rejection(client.request({ method: "GET", path: "/me", auth: true }));
    assert.equal(err.status, 401);
    // Issue #16: one sentence per thought, not "Invalid access token. — the workspace…".
    assert.equal(err.message, "Invalid access token. The workspace rejected the credentials of profile dev: sign in again or fix the token.");
    assert.equal(ts.invalidations, 1);
    assert.equal(s.requests.length, 2);
  });

  it("retries ECONNREFUSED and then throws a clear NetworkError", async () => {
    const port = await closedPort();
    const { waits, sleep } = recordingSleep();
    const client = new WorkspaceHttpClient({ host: `http://127.0.0.1:${port}`, profileName: "dev", sleep, retry: { maxAttempts: 3 } });
    const err = await rejection(client.request({ method: "POST", path: "/p", auth: false }));
    assert.ok(err instanceof NetworkError, String(err));
    assert.equal(err.code, "ECONNREFUSED");
    assert.equal(err.message, `Cannot reach http://127.0.0.1:${port}: ECONNREFUSED — check the host in profile dev / your network`);
    assert.equal(waits.length, 2);
  });

  it("times out a slow answer, retries GET, then reports ETIMEDOUT", async () => {
    const s = await serve((_req, res) => { setTimeout(() => { if (!res.writableEnded) res.end("{}"); }, 2000); });
    const client = new WorkspaceHttpClient({ host: s.url, sleep: recordingSleep().sleep, retry: { maxAttempts: 2 } });
    const err = await rejection(client.request({ method: "GET", path: "/slow", auth: false, timeoutMs: 150 }));
    assert.ok(err instanceof NetworkError, String(err));
    assert.equal(err.code, "ETIMEDOUT");
    assert.match(err.message, /did not answer GET \/slow within 0\.2 s/);
    assert.equal(s.requests.length, 2);
  });

  it("does not retry a timed-out POST (it may have run)", async () => {
    const s = await serve((_req, res) => { setTimeout(() => { if (!res.writableEnded) res.end("{}"); }, 2000); });
    const client = new WorkspaceHttpClient({ host: s.url, sleep: recordingSleep().sleep });
    const err = await rejection(client.request({ method: "POST", path: "/slow", auth: false, timeoutMs: 100 }));
    assert.equal(err.code, "ETIMEDOUT");
    assert.equal(s.requests.length, 1);
  });

  it("cancels via AbortSignal, also during a backoff wait", async () => {
    const s = await serve(json(503, {}, { "retry-after": "5" }));
    const client = new WorkspaceHttpClient({ host: s.url });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const started = Date.now();
    const err = await rejection(client.request({ method: "GET", path: "/p", auth: false, signal: ac.signal }));
    assert.equal(err.name, "AbortError");
    // Aborted during the wait, not after the 5 s Retry-After.
    assert.ok(Date.now() - started < 4500);
    assert.equal(s.requests.length, 1);
  });

  it("explains a non-JSON success (wrong host) and a redirect", async () => {
    const s = await serve(
      (_q, res) => { res.writeHead(200, { "content-type": "text/html" }); res.end("<html>login</html>"); },
      (_q, res) => { res.writeHead(302, { location: "https://login.example.com/" }); res.end(); },
    );
    const client = new WorkspaceHttpClient({ host: s.url, profileName: "p" });
    const e1 = await rejection(client.request({ method: "GET", path: "/a", auth: false }));
    assert.match(e1.message, /Expected JSON .* but got text\/html — is .* a Databricks workspace URL/);
    const e2 = await rejection(client.request({ method: "GET", path: "/b", auth: false }));
    assert.match(e2.message, /redirected the API call to https:\/\/login\.example\.com\/ — check the host in profile p/);
  });

  it("never puts the token into error messages or log lines", async () => {
    const secret = "dapi0123456789abcdef0123456789abcdef";
    const s = await serve(json(400, { error_code: "BAD", message: `bad token ${secret}` }));
    const secrets = new SecretRegistry();
    const logger = memoryLogger(secrets);
    const client = new WorkspaceHttpClient({ host: s.url, tokenSource: new CountingTokenSource([secret]), secrets, logger });
    const err = await rejection(client.request({ method: "GET", path: "/p", auth: true }));
    assert.ok(!err.message.includes(secret), err.message);
    assert.ok(logger.lines.length > 0);
    for (const line of logger.lines) assert.ok(!line.includes(secret), line);
  });
  it("sends X-Databricks-Workspace-Id on every workspace call, never on open (OAuth) calls", async () => {
    const s = await serve(json(200, { ok: true }));
    const client = new WorkspaceHttpClient({ host: s.url, workspaceId: "7474650000000001", tokenSource: new CountingTokenSource(["tok-abcdefgh"]) });
    await client.request({ method: "GET", path: "/api/2.0/preview/scim/v2/Me", auth: true });
    await client.request({ method: "POST", path: "/api/2.0/postgres/projects", body: {}, auth: true });
    await client.request({ method: "POST", path: "/oidc/v1/token", form: { grant_type: "client_credentials" }, auth: false });
    assert.equal(s.requests[0]!.headers["x-databricks-workspace-id"], "7474650000000001");
    assert.equal(s.requests[1]!.headers["x-databricks-workspace-id"], "7474650000000001");
    assert.equal(s.requests[2]!.headers["x-databricks-workspace-id"], undefined);
    const plain = new WorkspaceHttpClient({ host: s.url, tokenSource: new CountingTokenSource(["tok-abcdefgh"]) });
    await plain.request({ method: "GET", path: "/api/2.0/preview/scim/v2/Me", auth: true });
    assert.equal(s.requests[3]!.headers["x-databricks-workspace-id"], undefined);
  });

  it("refuses to send any credential to a non-loopback http:// host, before asking for a token", async () => {
    const sent: string[] = [];
    const recordingFetch: typeof fetch = async (input) => { sent.push(String(input)); return new Response("{}", { status: 200 }); };
    const ts = new CountingTokenSource(["tok-abcdefgh"]);
    const client = new WorkspaceHttpClient({ host: "http://dbc-1.cloud.databricks.com", profileName: "dev", tokenSource: ts, fetch: recordingFetch });
    const bearer = await rejection(client.request({ method: "GET", path: "/api/2.0/preview/scim/v2/Me", auth: true }));
    assert.equal(bearer.name, "InsecureTransportError");
    assert.match(bearer.message, /Refusing to send credentials to http:\/\/dbc-1\.cloud\.databricks\.com over unencrypted http: change the host of profile dev to https:\/\/dbc-1\.cloud\.databricks\.com/);
    const basic = await rejection(client.request({ method: "POST", path: "/oidc/v1/token", headers: { Authorization: "Basic abc" }, auth: false }));
    assert.equal(basic.name, "InsecureTransportError");
    const form = await rejection(client.request({ method: "POST", path: "/oidc/v1/token", form: { client_secret: "s" }, auth: false }));
    assert.equal(form.name, "InsecureTransportError");
    assert.equal(ts.calls, 0, "no token may be minted for a clear-text host");
    assert.deepEqual(sent, []);
    // A call without credentials (discovery) may still go out, and loopback http is allowed.
    await client.request({ method: "GET", path: "/.well-known/databricks-config", auth: false });
    assert.deepEqual(sent, ["http://dbc-1.cloud.databricks.com/.well-known/databricks-config"]);
    const local = new WorkspaceHttpClient({ host: "http://localhost:9", tokenSource: ts, fetch: recordingFetch });
    await local.request({ method: "GET", path: "/p", auth: true });
    assert.equal(ts.calls, 1);
  });

  it("stops reading an answer larger than the cap, declared or streamed without end", async () => {
    const big = "x".repeat(300_000);
    const whole: Parameters<typeof serve>[0] = (_q, res) => { res.writeHead(200, { "content-type": "application/json" }); res.end(JSON.stringify({ big })); };
    const s = await serve(
      whole,
      (_q, res) => {
        // Chunked, no content-length, never ends on its own.
        res.writeHead(200, { "content-type": "application/json" });
        res.write("[");
        const timer = setInterval(() => { if (!res.write(`"${"y".repeat(16_000)}",`)) return; }, 1);
        res.on("close", () => clearInterval(timer));
      },
      whole,
    );
    const client = new WorkspaceHttpClient({ host: s.url, profileName: "p", maxResponseBytes: 100_000 });
    const declared = await rejection(client.request({ method: "GET", path: "/a", auth: false }));
    assert.equal(declared.errorCode, "RESPONSE_TOO_LARGE");
    assert.match(declared.message, /GET \/a: the answer of .* is larger than 98 KiB; stopped reading it/);
    const streamed = await rejection(client.request({ method: "GET", path: "/b", auth: false }));
    assert.equal(streamed.errorCode, "RESPONSE_TOO_LARGE");
    // Under the cap is read as before.
    const small = new WorkspaceHttpClient({ host: s.url, maxResponseBytes: 1_000_000 });
    const out = await small.request<{ big: string }>({ method: "GET", path: "/a", auth: false });
    assert.equal(out.big.length, 300_000);
  });

  it("suggests workspace_id when a host without one answers with a login page or a redirect", async () => {
    const s = await serve((_q, res) => { res.writeHead(302, { location: "/login.html" }); res.end(); });
    const client = new WorkspaceHttpClient({ host: s.url, profileName: "p" });
    const e = await rejection(client.request({ method: "GET", path: "/b", auth: false }));
    assert.match(e.message, /on a unified \(single-URL\) host, add `workspace_id = <id>` to the profile/);
    const withId = new WorkspaceHttpClient({ host: s.url, profileName: "p", workspaceId: "1" });
    const e2 = await rejection(withId.request({ method: "GET", path: "/b", auth: false }));
    assert.doesNotMatch(e2.message, /unified/);
  });
});
