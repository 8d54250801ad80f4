import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ACCOUNT_ID, WORKSPACE_ID } from "../../../emulator/api/workspace";
import { LakebaseClient } from "../../../src/core/lakebase/client";
import { collect } from "../../../src/core/lakebase/paging";
import { memoryLogger, SecretRegistry } from "../../../src/core/log";
import { ProfileService } from "../../../src/core/profiles/profileService";
import { useEmulator } from "../../support/emulator";

/**
 * A unified (single-URL) host: the emulator sends workspace calls without the right
 * X-Databricks-Workspace-Id to its login page and serves OAuth only at the account form.
 */
describe("a unified host (workspace id from the profile, account-form OAuth)", function () {
  this.timeout(60_000);
  const emu = useEmulator({ operationPolls: 0, unifiedHost: true });
  let service: ProfileService | undefined;
  afterEach(() => { service?.dispose(); service = undefined; });

  async function serviceWith(text: string) {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "emu-unified-")), "cfg");
    fs.writeFileSync(file, text, { mode: 0o600 });
    const secrets = new SecretRegistry();
    const logger = memoryLogger(secrets);
    service = await ProfileService.create({ configFile: file, watch: false, secrets, logger });
    return { service, logger };
  }

  it("a PAT profile whose host carries ?o=<id> reaches SCIM Me and the Lakebase routes", async () => {
    const { user } = emu().identities;
    const { service: s } = await serviceWith(`[u]\nhost = ${emu().workspaceUrl}/?o=${WORKSPACE_ID}\ntoken = ${user.pat}\n`);
    const info = await s.validate("u");
    assert.equal(info.state, "valid", info.reason);
    assert.equal(info.identity?.postgresUser, user.email);
    const projects = await collect(new LakebaseClient(s.http("u")).listProjects());
    assert.ok(Array.isArray(projects));
    const statuses = emu().requests().filter((r) => r.path.startsWith("/api/")).map((r) => `${r.status} ${r.path}`);
    assert.deepEqual(statuses, ["200 /api/2.0/preview/scim/v2/Me", "200 /api/2.0/postgres/projects"]);
  });

  it("without a workspace id the login-page redirect is explained, with the fix", async () => {
    const { service: s } = await serviceWith(`[no-id]\nhost = ${emu().workspaceUrl}\ntoken = ${emu().identities.user.pat}\n`);
    const info = await s.validate("no-id");
    assert.equal(info.state, "error");
    assert.match(info.reason!, /redirected the API call to \/login\.html — check the host in profile no-id; on a unified \(single-URL\) host, add `workspace_id = <id>` to the profile/);
  });

  it("an M2M profile with workspace_id gets its token from the account form (account id from host metadata)", async () => {
    const sp = emu().identities.servicePrincipal;
    emu().clearRequests();
    const { service: s, logger } = await serviceWith(
      `[sp]\nhost = ${emu().workspaceUrl}\nworkspace_id = ${WORKSPACE_ID}\nclient_id = ${sp.clientId}\nclient_secret = ${sp.clientSecret}\n`,
    );
    const info = await s.validate("sp");
    assert.equal(info.state, "valid", info.reason);
    assert.equal(info.identity?.postgresUser, sp.clientId);
    const paths = emu().requests().map((r) => `${r.method} ${r.status} ${r.path}`);
    assert.deepEqual(paths, [
      "GET 200 /.well-known/databricks-config",
      `GET 200 /oidc/accounts/${ACCOUNT_ID}/.well-known/oauth-authorization-server`,
      `POST 200 /oidc/accounts/${ACCOUNT_ID}/v1/token`,
      "GET 200 /api/2.0/preview/scim/v2/Me",
    ]);
    for (const line of logger.lines) assert.ok(!line.includes(sp.clientSecret), line);
  });
});
