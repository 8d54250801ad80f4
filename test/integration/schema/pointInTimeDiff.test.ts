import assert from "node:assert/strict";
import pg from "pg";
import { LakebaseServices } from "../../../src/core/lakebaseServices";
import { memoryLogger, SecretRegistry } from "../../../src/core/log";
import { compareWithPointInTime } from "../../../src/core/schema/compareBranches";
import { describeChanges } from "../../../src/core/schema/diffCatalogs";
import { api, createProject, useEmulator } from "../../support/emulator";
import { mapStore } from "../../support/mapStore";

const PROJECT = "asof-diff";
const PROD = `projects/${PROJECT}/branches/production`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("schema diff of a branch against itself as of a point in time (emulator)", function () {
  this.timeout(120_000);
  const emu = useEmulator({ operationPolls: 0 });
  let services: LakebaseServices;
  after(async () => { await services?.dispose(); });

  it("shows only what changed after that moment; the snapshot branch expires by itself", async () => {
    await createProject(emu(), PROJECT);
    services = await LakebaseServices.create({ profiles: { configFile: emu().configFile, watch: false }, tls: { extraCaFile: emu().caFile }, workspaceStore: mapStore(), logger: memoryLogger(new SecretRegistry()) });
    const su = new pg.Client(await emu().postgres.superuser(PROD));
    su.on("error", () => undefined);
    await su.connect();
    let t: string;
    try {
      await su.query("CREATE TABLE early (id int PRIMARY KEY)");
      await sleep(1100);
      t = new Date().toISOString();
      await sleep(1100);
      await su.query("CREATE TABLE late (id int); ALTER TABLE early ADD COLUMN note text");
    } finally {
      await su.end();
    }
    const side = { profile: "emulator", branch: PROD };
    const r = await compareWithPointInTime(services, side, t, side);
    assert.deepEqual(describeChanges(r.diff), ["+ column public.early.note text", "+ table public.late"]);
    const snap = await api(emu(), "GET", `/api/2.0/postgres/${r.snapshotBranch}`);
    assert.equal(snap.json.status.source_branch, PROD);
    assert.ok(snap.json.status.expire_time, "the snapshot branch expires by itself");
    await assert.rejects(compareWithPointInTime(services, side, "2999-01-01T00:00:00Z", side), /in the future/);
  });
});
