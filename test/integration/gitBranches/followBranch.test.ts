import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnv } from "../../../src/core/envfile/dotenvScan";
import { BranchLinks } from "../../../src/core/gitBranches/branchLinks";
import { followGitBranch } from "../../../src/core/gitBranches/followBranch";
import { LakebaseServices } from "../../../src/core/lakebaseServices";
import type { WorkspaceTarget } from "../../../src/core/target/targetStore";
import { api, createBranch, createProject, useEmulator } from "../../support/emulator";
import { mapStore } from "../../support/mapStore";
import { followServices, productionTarget } from "./followHarness";

const PROJECT = "follow";
const FOLDER = "file:///work/app";

describe("following git branches with the folder's Lakebase target (emulator)", function () {
  this.timeout(120_000);
  const emu = useEmulator({ operationPolls: 0 });
  let services: LakebaseServices;
  let links: BranchLinks;
  let dir: string;
  let envFile: string;
  let production: WorkspaceTarget;

  before(async () => {
    await createProject(emu(), PROJECT);
    // A protected branch whose name a git branch could ask for.
    await createBranch(emu(), PROJECT, "staging");
    const op = await api(emu(), "PATCH", `/api/2.0/postgres/projects/${PROJECT}/branches/staging?update_mask=spec.is_protected`, { spec: { is_protected: true } });
    assert.equal(op.status, 200, JSON.stringify(op.json));
    services = await followServices(emu());
    links = new BranchLinks(mapStore());
    production = await productionTarget(emu(), PROJECT);
  });
  after(async () => { await services?.dispose(); });
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "follow-"));
    envFile = join(dir, ".env");
    writeFileSync(envFile, `# my app\nAPP_MODE=dev\nPGHOST=${production.host}\nLAKEBASE_ENDPOINT=${production.endpoint}\n`);
    await services.targets.set(FOLDER, production);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const follow = (gitBranch: string, extra: Partial<Parameters<typeof followGitBranch>[2]> = {}) =>
    followGitBranch(services, links, { folder: FOLDER, gitBranch, toDefault: gitBranch === "main", envFile, allowedRoot: dir, ...extra });

  it("checkout -b feature/x: creates feature-x from production with a 7-day TTL, switches the target and .env", async () => {
    const before = Date.now();
    const r = await follow("feature/x");
    assert.equal(r.branchId, "feature-x");
    assert.equal(r.created, true);
    assert.equal(r.envWritten, true);
    const branch = (await api(emu(), "GET", `/api/2.0/postgres/projects/${PROJECT}/branches/feature-x`)).json;
    assert.equal(branch.status.source_branch, production.branch);
    const ttlMs = Date.parse(branch.status.expire_time) - before;
    assert.ok(ttlMs > 7 * 86400_000 - 60_000 && ttlMs <= 7 * 86400_000 + 60_000, `expire_time ${branch.status.expire_time} is not 7 days out`);

    const target = services.targets.get(FOLDER)!;
    assert.equal(target.branch, `projects/${PROJECT}/branches/feature-x`);
    assert.equal(target.branchLabel, "feature-x");
    assert.equal(target.isDefaultBranch, false);
    assert.notEqual(target.host, production.host);
    const text = readFileSync(envFile, "utf8");
    const env = parseEnv(text);
    assert.equal(env.get("PGHOST"), target.host);
    assert.equal(env.get("LAKEBASE_ENDPOINT"), target.endpoint);
    assert.equal(env.get("APP_MODE"), "dev");
    assert.ok(text.startsWith("# my app\n"), "the user's lines stay");
  });

  it("a databricks apps init .env (DATABRICKS_CONFIG_PROFILE) keeps its profile key: no DATABRICKS_HOST added on checkout or back", async () => {
    writeFileSync(envFile, `DATABRICKS_CONFIG_PROFILE=emulator\nPGHOST=${production.host}\nLAKEBASE_ENDPOINT=${production.endpoint}\n`);
    await follow("feature/appkit");
    let env = parseEnv(readFileSync(envFile, "utf8"));
    assert.equal(env.get("LAKEBASE_ENDPOINT"), services.targets.get(FOLDER)!.endpoint);
    assert.equal(env.get("DATABRICKS_CONFIG_PROFILE"), "emulator");
    assert.equal(env.has("DATABRICKS_HOST"), false, "the SDK would prefer a host over the project's profile");
    await follow("main");
    env = parseEnv(readFileSync(envFile, "utf8"));
    assert.equal(env.get("LAKEBASE_ENDPOINT"), production.endpoint);
    assert.equal(env.has("DATABRICKS_HOST"), false);
  });

  it("back on main: the default branch; checkout of an existing branch's git branch switches back to it", async () => {
    await follow("feature/x");
    const back = await follow("main");
    assert.equal(back.branchId, "production");
    assert.deepEqual(services.targets.get(FOLDER), { ...production, branchLabel: "production" });
    assert.equal(parseEnv(readFileSync(envFile, "utf8")).get("PGHOST"), production.host);

    // How long this takes is measured in npm run bench (bench/branching.ts), not here.
    const again = await follow("feature/x");
    assert.equal(again.created, false);
    assert.equal(services.targets.get(FOLDER)!.branchLabel, "feature-x");
    const unchanged = await follow("feature/x");
    assert.equal(unchanged.unchanged, true);
  });

  it("a git branch named like a protected branch gets its own branch; the protected one is untouched", async () => {
    const before = (await api(emu(), "GET", `/api/2.0/postgres/projects/${PROJECT}/branches/staging`)).json;
    const r = await follow("staging");
    assert.match(r.branchId, /^staging-[0-9a-f]{8}$/);
    const after = (await api(emu(), "GET", `/api/2.0/postgres/projects/${PROJECT}/branches/staging`)).json;
    assert.deepEqual(after, before);
  });

  it("a creation the API refuses leaves the target and .env byte for byte, with one message", async () => {
    const bytes = readFileSync(envFile);
    await assert.rejects(follow("feature/broken", { parentBranch: "no-such-branch" }), (err: Error) => {
      assert.match(err.message, /^Could not create Lakebase branch feature-broken for git branch feature\/broken: .*not found.*The target stays on follow \/ production and \.env is unchanged\.$/s);
      return true;
    });
    assert.deepEqual(services.targets.get(FOLDER), production);
    assert.deepEqual(readFileSync(envFile), bytes);
    assert.equal((await api(emu(), "GET", `/api/2.0/postgres/projects/${PROJECT}/branches/feature-broken`)).status, 404);
  });

  it("a 503 from the API leaves everything as it was", async () => {
    const bytes = readFileSync(envFile);
    emu().faults.failNextCalls(5, 503, { pathPrefix: `/api/2.0/postgres/projects/${PROJECT}/branches` });
    await assert.rejects(follow("feature/z"), /for git branch feature\/z: .*The target stays on follow \/ production and \.env is unchanged\./s);
    assert.deepEqual(services.targets.get(FOLDER), production);
    assert.deepEqual(readFileSync(envFile), bytes);
  });
});
