import assert from "node:assert/strict";
import type { CredentialKey } from "../../../src/core/credentials/types";
import { LakebaseServices } from "../../../src/core/lakebaseServices";
import { memoryLogger, SecretRegistry } from "../../../src/core/log";
import { createProject, useEmulator } from "../../support/emulator";
import { mapStore } from "../../support/mapStore";

const ENDPOINT = "projects/fatal-stop/branches/production/endpoints/primary";

describe("After a 401/403 direct callers get the reason at once, until the profile changes (emulator)", function () {
  this.timeout(60_000);
  const emu = useEmulator({ operationPolls: 0 });
  let s: LakebaseServices;
  before(async () => { await createProject(emu(), "fatal-stop"); });
  beforeEach(async () => {
    const secrets = new SecretRegistry();
    s = await LakebaseServices.create({ profiles: { configFile: emu().configFile, watch: false }, tls: { extraCaFile: emu().caFile }, workspaceStore: mapStore(), logger: memoryLogger(secrets), secrets });
  });
  afterEach(async () => { await s.dispose(); });

  const requests = () => emu().requests({ method: "POST", pathPrefix: "/api/2.0/postgres/credentials" }).length;

  it("no new credential request per call after a 403; a reloaded profile (config change, sign-in) recovers", async () => {
    const key: CredentialKey = { profile: "emulator", endpoint: ENDPOINT, identity: (await s.profiles.identity("emulator")).postgresUser };
    emu().faults.failCredentials(403);
    const before = requests();
    await assert.rejects(s.credentials.get(key), /403/);
    const afterFirst = requests();
    assert.ok(afterFirst > before, "the first call asked the service");
    for (let i = 0; i < 5; i++) await assert.rejects(s.credentials.get(key), /Not allowed to generate a database credential.*403/);
    // The pool's password callback goes through the same path.
    await assert.rejects(s.pools.passwordFor({ profile: "emulator", endpoint: ENDPOINT, host: "127.0.0.1", database: "databricks_postgres", user: key.identity })(), /403/);
    assert.equal(requests(), afterFirst, "callers got the fatal reason without a new mint request");

    emu().faults.clear();
    await assert.rejects(s.credentials.get(key), /403/, "still stopped: nothing told it the profile changed");
    assert.equal(requests(), afterFirst);

    await s.profiles.reload(); // what the config watcher does when the file changes (auth login rewrites it)
    const token = await s.credentials.get(key);
    assert.ok(token.length > 0);
    assert.equal(requests(), afterFirst + 1, "recovered with one request");
    assert.equal(s.credentials.status(key).state, "fresh");
  });
});
