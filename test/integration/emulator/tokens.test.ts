// The Token API (POST /api/2.0/token/create): a test can make a PAT of its own, use it and revoke it,
// without revoking the emulator's shared PAT (the VS Code tier's suites share one emulator).
import assert from "node:assert/strict";
import { api, useEmulator } from "../../support/emulator";

describe("emulator: personal access tokens", () => {
  const emu = useEmulator({ operationPolls: 0 });

  it("creates a PAT of the caller that authenticates until it is revoked", async () => {
    const created = await api(emu(), "POST", "/api/2.0/token/create", { comment: "test", lifetime_seconds: 600 });
    assert.equal(created.status, 200);
    const token = created.json.token_value as string;
    assert.match(token, /^dapi[0-9a-f]{32}$/);
    assert.equal(created.json.token_info.comment, "test");
    assert.ok(created.json.token_info.expiry_time > created.json.token_info.creation_time);
    const me = await api(emu(), "GET", "/api/2.0/preview/scim/v2/Me", undefined, token);
    assert.equal(me.json.userName, emu().identities.user.email);

    assert.equal(emu().faults.revokeWorkspaceToken(token), true);
    const after = await api(emu(), "GET", "/api/2.0/preview/scim/v2/Me", undefined, token);
    assert.equal(after.status, 401);
    assert.equal(after.json.message, "Invalid access token.");
    const shared = await api(emu(), "GET", "/api/2.0/preview/scim/v2/Me");
    assert.equal(shared.status, 200, "the emulator's own PAT still works");
  });

  it("refuses a lifetime that is not an integer", async () => {
    const bad = await api(emu(), "POST", "/api/2.0/token/create", { lifetime_seconds: "soon" });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error_code, "INVALID_PARAMETER_VALUE");
  });
});
