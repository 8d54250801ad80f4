/* eslint-disable @typescript-eslint/no-explicit-any -- raw JSON replies are checked field by field */
import assert from "node:assert/strict";
import { api, emuFetch, useEmulator } from "../../support/emulator";

describe("emulator: workspace auth", () => {
  const emu = useEmulator({ operationPolls: 0 });

  const token = (body: string, headers: Record<string, string> = {}) =>
    emuFetch(emu())(`${emu().workspaceUrl}/oidc/v1/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body });

  it("serves discovery documents without auth", async () => {
    const cfg = await (await emuFetch(emu())(`${emu().workspaceUrl}/.well-known/databricks-config`)).json() as any;
    assert.equal(cfg.oidc_endpoint, `${emu().workspaceUrl}/oidc`);
    const oidc = await (await emuFetch(emu())(`${emu().workspaceUrl}/oidc/.well-known/oauth-authorization-server`)).json() as any;
    assert.equal(oidc.token_endpoint, `${emu().workspaceUrl}/oidc/v1/token`);
    assert.equal(oidc.authorization_endpoint, `${emu().workspaceUrl}/oidc/v1/authorize`);
  });

  it("answers SCIM Me for the PAT user", async () => {
    assert.match(emu().identities.user.pat, /^dapi[0-9a-f]{32}$/);
    const me = await api(emu(), "GET", "/api/2.0/preview/scim/v2/Me");
    assert.equal(me.status, 200);
    assert.equal(me.json.userName, "dev@example.com");
    assert.ok(me.json.id && me.json.displayName);
  });

  it("issues M2M tokens with HTTP Basic and with form fields; the SP's userName is its application id", async () => {
    const sp = emu().identities.servicePrincipal;
    const basic = Buffer.from(`${sp.clientId}:${sp.clientSecret}`).toString("base64");
    const r1 = await token("grant_type=client_credentials&scope=all-apis", { authorization: `Basic ${basic}` });
    assert.equal(r1.status, 200);
    const t1 = await r1.json() as any;
    assert.equal(t1.token_type, "Bearer");
    assert.equal(t1.expires_in, 3600);
    assert.equal(t1.scope, "all-apis");
    const r2 = await token(`grant_type=client_credentials&scope=all-apis&client_id=${sp.clientId}&client_secret=${sp.clientSecret}`);
    assert.equal(r2.status, 200);
    const me = await api(emu(), "GET", "/api/2.0/preview/scim/v2/Me", undefined, t1.access_token);
    assert.equal(me.json.userName, sp.clientId);
  });

  it("answers 401 invalid_client for a wrong secret", async () => {
    const sp = emu().identities.servicePrincipal;
    const r = await token(`grant_type=client_credentials&client_id=${sp.clientId}&client_secret=wrong`);
    assert.equal(r.status, 401);
    const body = await r.json() as any;
    assert.equal(body.error, "invalid_client");
    assert.equal(typeof body.error_description, "string");
  });

  it("answers 401 UNAUTHENTICATED for a missing, unknown, revoked or expired bearer token", async () => {
    for (const t of [null, "dapi0123456789abcdef0123456789abcdef", "garbage"]) {
      const r = await api(emu(), "GET", "/api/2.0/postgres/projects", undefined, t);
      assert.equal(r.status, 401);
      assert.equal(r.json.error_code, "UNAUTHENTICATED");
    }
    const sp = emu().identities.servicePrincipal;
    emu().faults.setWorkspaceTokenLifetime(1);
    const short = await (await token(`grant_type=client_credentials&client_id=${sp.clientId}&client_secret=${sp.clientSecret}`)).json() as any;
    assert.equal(short.expires_in, 1);
    assert.equal((await api(emu(), "GET", "/api/2.0/postgres/projects", undefined, short.access_token)).status, 200);
    await new Promise((r) => setTimeout(r, 1100));
    assert.equal((await api(emu(), "GET", "/api/2.0/postgres/projects", undefined, short.access_token)).status, 401);

    emu().faults.clear();
    const fresh = await (await token(`grant_type=client_credentials&client_id=${sp.clientId}&client_secret=${sp.clientSecret}`)).json() as any;
    const revoke = await emuFetch(emu())(`${emu().workspaceUrl}/__emulator/workspace-tokens/revoke`, { method: "POST", body: JSON.stringify({ token: fresh.access_token }) });
    assert.deepEqual(await revoke.json() as any, { revoked: true });
    assert.equal((await api(emu(), "GET", "/api/2.0/postgres/projects", undefined, fresh.access_token)).status, 401);
  });

  it("accepts and ignores X-Databricks-Workspace-Id", async () => {
    const r = await emuFetch(emu())(`${emu().workspaceUrl}/api/2.0/postgres/projects`, {
      headers: { authorization: `Bearer ${emu().identities.user.pat}`, "x-databricks-workspace-id": "42" },
    });
    assert.equal(r.status, 200);
  });

  it("writes a config file with a PAT profile and an M2M profile", async () => {
    const { readFileSync } = await import("node:fs");
    const text = readFileSync(emu().configFile, "utf8");
    assert.match(text, /\[emulator\]\nhost\s*=\s*https:\/\/127\.0\.0\.1:\d+\ntoken\s*=\s*dapi[0-9a-f]{32}/);
    assert.match(text, /\[emulator-m2m\][\s\S]*client_id\s*=\s*[0-9a-f-]{36}[\s\S]*client_secret\s*=\s*\S+[\s\S]*auth_type\s*=\s*oauth-m2m/);
  });
});
