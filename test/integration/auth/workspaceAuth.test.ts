import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DatabricksApiError } from "../../../src/core/http/errors";
import { memoryLogger, SecretRegistry } from "../../../src/core/log";
import { ProfileService } from "../../../src/core/profiles/profileService";
import { emulatorTrust, useEmulator } from "../../support/emulator";

/** Profiles → token sources → workspace HTTP client against the emulated workspace. */
describe("workspace auth against the emulator", function () {
  this.timeout(60_000);
  const emu = useEmulator({ operationPolls: 0 });
  let service: ProfileService | undefined;
  afterEach(() => { service?.dispose(); service = undefined; });

  async function serviceFor(configFile: string) {
    const secrets = new SecretRegistry();
    const logger = memoryLogger(secrets);
    service = await ProfileService.create({ configFile, watch: false, secrets, logger, http: { tls: emulatorTrust(emu()) } });
    return { service, logger };
  }

  it("a PAT profile authenticates (SCIM Me): a person, Postgres user = email", async () => {
    const { service: s } = await serviceFor(emu().configFile);
    const info = await s.validate("emulator");
    assert.equal(info.state, "valid", info.reason);
    assert.equal(info.identity?.kind, "user");
    assert.equal(info.identity?.postgresUser, emu().identities.user.email);
  });

  it("an M2M profile authenticates: a service principal, Postgres user = application id", async () => {
    const { service: s } = await serviceFor(emu().configFile);
    const info = await s.validate("emulator-m2m");
    assert.equal(info.state, "valid", info.reason);
    assert.equal(info.identity?.kind, "service-principal");
    assert.equal(info.identity?.postgresUser, emu().identities.servicePrincipal.clientId);
    assert.equal(emu().requests({ pathPrefix: "/oidc/v1/token" }).length, 1);
  });

  it("a wrong client secret gives the invalid_client message, without the secret", async () => {
    const wrong = "dosewrong0000000000000000000000000";
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "emu-cfg-")), "cfg");
    fs.writeFileSync(file, `[bad-sp]\nhost = ${emu().workspaceUrl}\nclient_id = ${emu().identities.servicePrincipal.clientId}\nclient_secret = ${wrong}\n`);
    const { service: s, logger } = await serviceFor(file);
    const info = await s.validate("bad-sp");
    assert.equal(info.state, "error");
    assert.match(info.reason!, /^The client secret for profile bad-sp was rejected \(invalid_client\)\. Check client_id\/client_secret/);
    for (const line of [info.reason!, ...logger.lines]) assert.ok(!line.includes(wrong), line);
  });

  it("retries transient 429 and 503 (honouring Retry-After) and succeeds", async () => {
    const { service: s } = await serviceFor(emu().configFile);
    emu().clearRequests();
    emu().faults.failNextCalls(2, 429, { retryAfterSeconds: 1, pathPrefix: "/api/2.0/preview/scim" });
    const started = Date.now();
    await s.identity("emulator", { refresh: true });
    assert.ok(Date.now() - started >= 1900, "waited for Retry-After twice");
    emu().faults.failNextCalls(1, 503, { retryAfterSeconds: 1, pathPrefix: "/api/2.0/preview/scim" });
    const id = await s.identity("emulator", { refresh: true });
    assert.equal(id.postgresUser, emu().identities.user.email);
    const statuses = emu().requests({ pathPrefix: "/api/2.0/preview/scim/v2/Me" }).map((r) => r.status);
    assert.deepEqual(statuses, [429, 429, 200, 503, 200]);
  });

  it("does not retry a 403", async () => {
    const { service: s } = await serviceFor(emu().configFile);
    emu().clearRequests();
    emu().faults.failCredentials(403);
    const err = await s.http("emulator").request({ method: "POST", path: "/api/2.0/postgres/credentials", body: { endpoint: "projects/p/branches/b/endpoints/e" }, auth: true, idempotent: true })
      .then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof DatabricksApiError, String(err));
    assert.equal(err.status, 403);
    assert.equal(err.errorCode, "PERMISSION_DENIED");
    assert.equal(err.retryable, false);
    assert.ok(err.requestId, "request id parsed");
    assert.equal(emu().requests({ pathPrefix: "/api/2.0/postgres/credentials" }).length, 1);
  });

  it("a revoked M2M token is replaced once (401 → refresh → retry)", async () => {
    const { service: s } = await serviceFor(emu().configFile);
    const first = await s.tokenSource("emulator-m2m").getToken();
    assert.ok(emu().faults.revokeWorkspaceToken(first.token));
    const id = await s.identity("emulator-m2m", { refresh: true });
    assert.equal(id.kind, "service-principal");
    const second = await s.tokenSource("emulator-m2m").getToken();
    assert.notEqual(second.token, first.token);
  });

  // Last: revoking the PAT is permanent for this emulator.
  it("a revoked PAT gives an actionable error", async () => {
    const { service: s, logger } = await serviceFor(emu().configFile);
    const pat = emu().identities.user.pat;
    assert.ok(emu().faults.revokeWorkspaceToken(pat));
    const info = await s.validate("emulator");
    assert.equal(info.state, "error");
    assert.match(info.reason!, /The token of profile emulator was rejected \(401\): it may be revoked or expired\. Create a new personal access token/);
    for (const line of [info.reason!, ...logger.lines]) assert.ok(!line.includes(pat), line);
  });
});
