import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnv } from "../../../src/core/envfile/dotenvScan";
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

describe("A folder's target session owns its credential lease, pool and keep-fresh (emulator)", function () {
  this.timeout(120_000);
  const emu = useEmulator({ operationPolls: 0 });
  let s: LakebaseServices;
  let refreshing: CredentialStatus[];
  let dir: string;

  before(async () => {
    await createProject(emu(), "life-a");
    await createProject(emu(), "life-b");
  });
  beforeEach(async () => {
    const secrets = new SecretRegistry();
    s = await LakebaseServices.create({ profiles: { configFile: emu().configFile, watch: false }, tls: { extraCaFile: emu().caFile }, workspaceStore: mapStore(), logger: memoryLogger(secrets), secrets });
    refreshing = [];
    dir = mkdtempSync(join(tmpdir(), "target-session-"));
    s.credentials.on("refreshing", (st) => refreshing.push(st));
  });
  afterEach(async () => {
    await s.dispose();
    rmSync(dir, { recursive: true, force: true });
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
    assert.equal(s.credentials.status(keyA).leases, 1, "the session's lease only: the pool takes none");
    const poolA = s.pools.pool(a.db);

    await s.targets.set(FOLDER, await target("life-b"));
    const b = await s.resolve(FOLDER);
    assert.equal(b.db.endpoint, keyB.endpoint);
    await s.runner.runScript(b.db, "SELECT 1");
    await sleep(50); // the old pool closes asynchronously
    const stA = s.credentials.status(keyA);
    assert.equal(stA.leases, 0, "no lease left on the old target");
    assert.equal(poolA.ended, true, "the old target's pool was ended");
    assert.equal(stA.nextRefresh, undefined, "no refresh scheduled for it");
    assert.equal(s.credentials.status(keyB).leases, 1);

    // Over two lifetimes of a 3 s credential: B keeps being refreshed, A never again.
    const aBefore = mintsFor(keyA);
    const bBefore = mintsFor(keyB);
    await sleep(6_500);
    assert.equal(mintsFor(keyA), aBefore, "the old target's refresher stopped");
    assert.ok(mintsFor(keyB) >= bBefore + 2, `the current target is still kept fresh (${mintsFor(keyB) - bBefore} refreshes)`);
  });

  it("changing the target stops the keep-fresh its session ran: no timer left, the .env no longer rewritten", async () => {
    emu().faults.setCredentialLifetime(3);
    const keyA = await keyFor("life-a");
    await s.targets.set(FOLDER, await target("life-a"));
    const session = await s.session(FOLDER);
    const file = join(dir, ".env");
    const kf = session.createKeepFresh({ filePath: file, credentials: s.credentials, pgPassword: true });
    const writes: Date[] = [];
    kf.on("wrote", (w) => writes.push(w.at));
    await kf.start();
    assert.equal(session.keepFresh, kf);
    assert.equal(s.credentials.status(keyA).leases, 1, "keep-fresh takes no lease of its own: the session's keeps the credential fresh");
    // The 3 s credential is renewed by the session's lease and each renewal is written.
    const deadline = Date.now() + 8_000;
    while (writes.length < 2 && Date.now() < deadline) await sleep(50);
    assert.ok(writes.length >= 2, `the .env was rewritten as the credential was renewed (${writes.length} writes)`);
    assert.ok(kf.status().nextCheck, "a check is scheduled while the target is selected");

    const nextB = await target("life-b");
    await s.targets.set(FOLDER, nextB);
    assert.equal(session.disposed, true, "the old session ended");
    assert.equal(session.keepFresh, undefined);
    assert.deepEqual([kf.status().running, kf.status().nextCheck], [false, undefined], "its keep-fresh stopped, no timer left");
    assert.equal(s.credentials.status(keyA).leases, 0);
    const text = readFileSync(file, "utf8");
    const mtime = statSync(file).mtimeMs;
    const wrote = writes.length;
    const mints = mintsFor(keyA);
    await sleep(6_500); // two lifetimes of the old credential
    assert.equal(writes.length, wrote, "no write after the target changed");
    assert.equal(readFileSync(file, "utf8"), text, "the .env is no longer rewritten");
    assert.equal(statSync(file).mtimeMs, mtime);
    assert.equal(mintsFor(keyA), mints, "and the old credential is no longer renewed");
    assert.ok(parseEnv(text).get("PGPASSWORD"), "the file kept the last value written");
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
    assert.equal(s.credentials.status(key).leases, 2, "one per session (the shared pool takes none)");
    const session = s.sessions.current(FOLDER);
    await s.targets.set(FOLDER, { ...t });
    assert.equal(s.sessions.current(FOLDER), session, "the same target again: same session");
    await s.targets.set(FOLDER, undefined);
    await sleep(50);
    assert.equal(s.credentials.status(key).leases, 1, "the other folder's session remains");
    assert.equal(s.pools.pool(r1.db).ended, false, "and the shared pool with it");
    assert.deepEqual((await s.runner.runScript(r1.db, "SELECT 2", { returnRows: 1 })).results[0].rows, [["2"]]);
    await s.targets.set(OTHER_FOLDER, undefined);
    await sleep(50);
    assert.equal(s.credentials.status(key).leases, 0);
  });
});
