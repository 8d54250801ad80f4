/* eslint-disable @typescript-eslint/no-explicit-any -- raw JSON replies are checked field by field */
import assert from "node:assert/strict";
import { ACCOUNT_ID, WORKSPACE_ID } from "../../../emulator/api/workspace";
import { useEmulator } from "../../support/emulator";

describe("emulator: unified host mode", () => {
  const emu = useEmulator({ operationPolls: 0, unifiedHost: true });
  const me = (headers: Record<string, string> = {}) =>
    fetch(`${emu().workspaceUrl}/api/2.0/preview/scim/v2/Me`, { headers: { authorization: `Bearer ${emu().identities.user.pat}`, ...headers }, redirect: "manual" });

  it("sends a workspace call without the right X-Databricks-Workspace-Id to the login page", async () => {
    const none = await me();
    assert.equal(none.status, 302);
    assert.equal(none.headers.get("location"), "/login.html");
    assert.equal((await me({ "x-databricks-workspace-id": "999" })).status, 302);
    const ok = await me({ "x-databricks-workspace-id": WORKSPACE_ID });
    assert.equal(ok.status, 200);
    assert.equal((await ok.json() as any).userName, emu().identities.user.email);
  });

  it("serves host metadata of a unified host and OAuth only at the account form", async () => {
    const cfg = await (await fetch(`${emu().workspaceUrl}/.well-known/databricks-config`)).json() as any;
    assert.equal(cfg.host_type, "unified");
    assert.equal(cfg.oidc_endpoint, `${emu().workspaceUrl}/oidc/accounts/{account_id}`);
    assert.equal(cfg.account_id, ACCOUNT_ID);
    // Not an open route any more: the workspace form is not served (an unauthenticated call is refused).
    assert.equal((await fetch(`${emu().workspaceUrl}/oidc/.well-known/oauth-authorization-server`)).status, 401);
    const oidc = await (await fetch(`${emu().workspaceUrl}/oidc/accounts/${ACCOUNT_ID}/.well-known/oauth-authorization-server`)).json() as any;
    assert.equal(oidc.token_endpoint, `${emu().workspaceUrl}/oidc/accounts/${ACCOUNT_ID}/v1/token`);
    const sp = emu().identities.servicePrincipal;
    const basic = Buffer.from(`${sp.clientId}:${sp.clientSecret}`).toString("base64");
    const tok = await fetch(oidc.token_endpoint, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${basic}` }, body: "grant_type=client_credentials&scope=all-apis" });
    assert.equal(tok.status, 200);
    assert.ok((await tok.json() as any).access_token);
  });
});
