import assert from "node:assert/strict";
import { LakebaseServices } from "../../../src/core/lakebaseServices";
import { oauthRoleSpec } from "../../../src/core/lakebase/roleIdentity";
import { memoryLogger, SecretRegistry } from "../../../src/core/log";
import { createProject, useEmulator } from "../../support/emulator";
import { mapStore } from "../../support/mapStore";

const BRANCH = "projects/teamwork/branches/production";
const ENDPOINT = `${BRANCH}/endpoints/primary`;

// A second identity (the emulator's service principal, profile emulator-m2m) on a project the
// user owns: refused until the owner creates its role, exactly what `lakebase.role.create` sends.
describe("a second identity logs in only after its Postgres role is created (emulator)", function () {
  this.timeout(120_000);
  const emu = useEmulator({ operationPolls: 0 });
  before(async () => {
    await createProject(emu(), "teamwork");
  });

  it("is refused with a message that says to create the role, creates it through the client, then gets in", async () => {
    const secrets = new SecretRegistry();
    const logger = memoryLogger(secrets);
    const s = await LakebaseServices.create({ profiles: { configFile: emu().configFile, watch: false }, tls: { extraCaFile: emu().caFile }, workspaceStore: mapStore(), logger, secrets });
    try {
      const sp = (await s.profiles.identity("emulator-m2m")).postgresUser;
      assert.equal(sp, emu().identities.servicePrincipal.clientId);
      const addr = emu().postgres.endpoint(ENDPOINT)!;
      const target = { profile: "emulator-m2m", endpoint: ENDPOINT, host: addr.host, port: addr.port, database: "databricks_postgres", user: sp };

      const refused = await s.runner.runScript(target, "SELECT current_user AS u", { returnRows: 1 });
      assert.equal(refused.error?.sqlstate, "28000", JSON.stringify(refused.error));
      assert.match(refused.error!.message, new RegExp(`role "${sp}" does not exist`));
      assert.match(refused.error!.message, /Create Postgres Role for a Databricks Identity/);
      assert.match(refused.error!.message, /on branch production as the project owner/);
      assert.ok(!refused.error!.message.includes(emu().identities.servicePrincipal.clientSecret), "no secret in the message");

      // The owner's profile creates the role, with the body the command sends.
      const owner = s.lakebase("emulator");
      const role = await owner.waitForOperation(await owner.createRole(BRANCH, undefined, oauthRoleSpec("SERVICE_PRINCIPAL", sp, false)));
      assert.equal(role.status?.postgres_role, sp);
      assert.equal(role.status?.auth_method, "LAKEBASE_OAUTH_V1");

      const ok = await s.runner.runScript(target, "SELECT current_user AS u", { returnRows: 1 });
      assert.equal(ok.error, undefined, JSON.stringify(ok.error));
      assert.deepEqual(ok.results[0]!.rows, [[sp]]);
    } finally {
      await s.dispose();
    }
  });
});
