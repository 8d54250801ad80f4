// Multi-root: two workspace folders, each with its own target, .env and git branches, follow
// independently — a checkout in one moves only that folder's target and file, and the same git branch
// name in both folders gives each its own Lakebase branch when they share a project.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnv } from "../../../src/core/envfile/dotenvScan";
import { BranchLinks } from "../../../src/core/gitBranches/branchLinks";
import { followGitBranch } from "../../../src/core/gitBranches/followBranch";
import { LakebaseServices } from "../../../src/core/lakebaseServices";
import type { WorkspaceTarget } from "../../../src/core/target/targetStore";
import { createProject, useEmulator } from "../../support/emulator";
import { mapStore } from "../../support/mapStore";
import { followServices, productionTarget } from "./followHarness";

const PROJECT = "follow-folders";
const API = "file:///work/api";
const WEB = "file:///work/web";

describe("following git branches in two workspace folders (emulator)", function () {
  this.timeout(120_000);
  const emu = useEmulator({ operationPolls: 0 });
  let services: LakebaseServices;
  let links: BranchLinks;
  let dirs: Record<string, string>;
  let production: WorkspaceTarget;

  before(async () => {
    await createProject(emu(), PROJECT);
    services = await followServices(emu());
    links = new BranchLinks(mapStore());
    production = await productionTarget(emu(), PROJECT);
    dirs = { [API]: mkdtempSync(join(tmpdir(), "api-")), [WEB]: mkdtempSync(join(tmpdir(), "web-")) };
    for (const [folder, dir] of Object.entries(dirs)) {
      writeFileSync(join(dir, ".env"), `PGHOST=${production.host}\nLAKEBASE_ENDPOINT=${production.endpoint}\n`);
      await services.targets.set(folder, production);
    }
  });
  after(async () => {
    await services?.dispose();
    for (const d of Object.values(dirs ?? {})) rmSync(d, { recursive: true, force: true });
  });

  const follow = (folder: string, gitBranch: string) =>
    followGitBranch(services, links, { folder, gitBranch, toDefault: gitBranch === "main", envFile: join(dirs[folder]!, ".env"), allowedRoot: dirs[folder] });
  const envOf = (folder: string) => parseEnv(readFileSync(join(dirs[folder]!, ".env"), "utf8"));

  it("a checkout in one folder moves only that folder's target and .env", async () => {
    const webEnv = readFileSync(join(dirs[WEB]!, ".env"));
    const r = await follow(API, "feature/login");
    assert.equal(r.branchId, "feature-login");
    assert.equal(services.targets.get(API)!.branch, `projects/${PROJECT}/branches/feature-login`);
    assert.equal(envOf(API).get("PGHOST"), services.targets.get(API)!.host);
    assert.deepEqual(services.targets.get(WEB), production, "the other folder's target stays");
    assert.deepEqual(readFileSync(join(dirs[WEB]!, ".env")), webEnv, "the other folder's .env stays");
  });

  it("the same git branch name in the other folder of the same project reuses its branch; main in one folder leaves the other", async () => {
    const r = await follow(WEB, "feature/login");
    assert.equal(r.created, false, "one Lakebase branch per git branch name and project: the folders share it");
    assert.equal(services.targets.get(WEB)!.branch, `projects/${PROJECT}/branches/feature-login`);
    await follow(API, "main");
    assert.equal(services.targets.get(API)!.branch, production.branch);
    assert.equal(services.targets.get(WEB)!.branch, `projects/${PROJECT}/branches/feature-login`, "main in api does not move web");
    assert.equal(envOf(WEB).get("LAKEBASE_ENDPOINT"), services.targets.get(WEB)!.endpoint);
    assert.equal(envOf(API).get("LAKEBASE_ENDPOINT"), production.endpoint);
  });
});
