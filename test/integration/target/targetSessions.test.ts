import assert from "node:assert/strict";
import type { CredentialKey, CredentialStatus } from "../../../src/core/credentials/types";
import { LakebaseServices } from "../../../src/core/lakebaseServices";
import { memoryLogger, SecretRegistry } from "../../../src/core/log";
import { buildTarget } from "../../../src/core/target/buildTarget";
import { createProject, useEmulator } from "../../support/emulator";
import { mapStore } from "../../support/mapStore";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const FOLDER = "file:///work/app";
const OTHER_FOLDER = "file:///work/other";
const endpointOf = (project: string) => `projects/${project}/branches/production/endpoints/primary`;

describe("A folder's target owns its credential lease and pool (emulator)", function () {
  this.timeout(120_000);
  const emu = useEmulator({ operationPolls: 0 });
  let s: LakebaseServices;
  let refreshing: CredentialStatus[];

  before(async () => {
    await createProject(emu(), "life-a");
    await createProject(emu(), "life-b");
  });
  beforeEach(async () => {
    const secrets = new SecretRegistry();
    s = await LakebaseServices.create({ profiles: { configFile: emu().configFile, watch: false }, tls: { extraCaFile: emu().caFile }, workspaceStore: mapStore(), logger: memoryLogger(secrets), secrets });
    refreshing = [];
    s.credentials.on("refreshing", (st) => refreshing.push(st));
  });
  afterEach(async () => {
    await s.dispose();
    emu().faults.setCredentialLifetime(undefined);
  });

  const target = (project: string) => buildTarget(s.lakebase("emulator"), "emulator", endpointOf(project));
  const keyFor = async (project: string): Promise<CredentialKey> =>
    ({ profile: "emulator", endpoint: endpointOf(project), identity: (await s.profiles.identity("emulator")).postgresUser });
  const mintsFor = (key: CredentialKey) => refreshing.filter((st) => st.key.endpoint === key.endpoint).length;
  const credentialRequests = () => emu().requests({ method: "POST", pathPrefix: "/api/2.0/postgres/credentials" }).length;

  it("changing the target releases the old target's lease and pool; its refresher stops", async () => {
    emu().faults.setCredentialLifetime(3);
    const [keyA, keyB] = [await keyFor("life-a"), await keyFor("life-b")];
    await s.targets.set(FOLDER, await target("life-a"));
    const a = await s.resolve(FOLDER);
    const run = await s.runner.runScript(a.db, "SELECT 1", { returnRows: 1 });
    assert.equal(run.error, undefined, JSON.stringify(run.error));
    assert.equal(s.credentials.status(keyA).leases, 2, "the session's lease and its pool's");

    await s.targets.set(FOLDER, await target("life-b"));
    const b = await s.resolve(FOLDER);
    assert.equal(b.db.endpoint, keyB.endpoint);
    await s.runner.runScript(b.db, "SELECT 1");
    await sleep(50); // the old pool closes asynchronously
    const stA = s.credentials.status(keyA);
    assert.equal(stA.leases, 0, "no lease left on the old target (session and pool released)");
    assert.equal(stA.nextRefresh, undefined, "no refresh scheduled for it");
    assert.equal(s.credentials.status(keyB).leases, 2);

    // Over two lifetimes of a 3 s credential: B keeps being refreshed, A never again.
    const aBefore = mintsFor(keyA);
    const bBefore = mintsFor(keyB);
    await sleep(6_500);
    assert.equal(mintsFor(keyA), aBefore, "the old target's refresher stopped");
    assert.ok(mintsFor(keyB) >= bBefore + 2, `the current target is still kept fresh (${mintsFor(keyB) - bBefore} refreshes)`);
  });

  it("clearing the target releases everything: the emulator sees no more credential requests", async () => {
    emu().faults.setCredentialLifetime(3);
    const key = await keyFor("life-a");
    await s.targets.set(FOLDER, await target("life-a"));
    const r = await s.resolve(FOLDER);
    assert.equal((await s.runner.runScript(r.db, "SELECT 1")).error, undefined);
    await sleep(3_000);
    assert.ok(mintsFor(key) >= 2, "refreshed while selected");
    await s.targets.set(FOLDER, undefined);
    await sleep(50);
    assert.equal(s.credentials.status(key).leases, 0);
    assert.equal(s.sessions.current(FOLDER), undefined);
    const before = credentialRequests();
    await sleep(6_500);
    assert.equal(credentialRequests(), before, "no credential request after the target was cleared");
    await assert.rejects(s.resolve(FOLDER), /No Lakebase target is selected/);
  });

  it("two folders on the same target share its pool until the last one lets go; re-selecting the same target keeps the session", async () => {
    const key = await keyFor("life-a");
    const t = await target("life-a");
    await s.targets.set(FOLDER, t);
    await s.targets.set(OTHER_FOLDER, t);
    const r1 = await s.resolve(FOLDER);
    await s.resolve(OTHER_FOLDER);
    await s.runner.runScript(r1.db, "SELECT 1");
    assert.equal(s.credentials.status(key).leases, 3, "two sessions and one pool");
    const session = s.sessions.current(FOLDER);
    await s.targets.set(FOLDER, { ...t });
    assert.equal(s.sessions.current(FOLDER), session, "the same target again: same session");
    await s.targets.set(FOLDER, undefined);
    await sleep(50);
    assert.equal(s.credentials.status(key).leases, 2, "the other folder's session and the shared pool remain");
    assert.deepEqual((await s.runner.runScript(r1.db, "SELECT 2", { returnRows: 1 })).results[0].rows, [["2"]]);
    await s.targets.set(OTHER_FOLDER, undefined);
    await sleep(50);
    assert.equal(s.credentials.status(key).leases, 0);
  });
});
