// A branch creation that fails while following a git branch: the project's branch limit, 429s past the
// retry budget, a workspace that does not answer. The target and .env stay as they were, and one
// message says what happened and what to do (with the command that does it).
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UserFacingError } from "../../../src/core/errors";
import { BranchLinks } from "../../../src/core/gitBranches/branchLinks";
import { followGitBranch } from "../../../src/core/gitBranches/followBranch";
import { LakebaseServices } from "../../../src/core/lakebaseServices";
import type { WorkspaceTarget } from "../../../src/core/target/targetStore";
import { api, createBranch, createProject, useEmulator } from "../../support/emulator";
import { mapStore } from "../../support/mapStore";
import { followServices, productionTarget } from "./followHarness";

const PROJECT = "follow-fail";
const FOLDER = "file:///work/app";

describe("following a git branch when the branch cannot be created (emulator)", function () {
  this.timeout(120_000);
  const emu = useEmulator({ operationPolls: 0 });
  let services: LakebaseServices;
  let links: BranchLinks;
  let dir: string;
  let envFile: string;
  let production: WorkspaceTarget;

  before(async () => {
    await createProject(emu(), PROJECT);
    await createBranch(emu(), PROJECT, "old-spike");
    // Two attempts and a 1.5 s timeout keep the failures quick; the defaults behave the same, slower.
    services = await followServices(emu(), { retry: { maxAttempts: 2 }, timeoutMs: 1500 });
    links = new BranchLinks(mapStore());
    await links.set(FOLDER, `projects/${PROJECT}`, "spike/old", "old-spike");
    production = await productionTarget(emu(), PROJECT);
  });
  after(async () => { await services?.dispose(); });
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "follow-fail-"));
    envFile = join(dir, ".env");
    writeFileSync(envFile, `# my app\nAPP_MODE=dev\nPGHOST=${production.host}\nLAKEBASE_ENDPOINT=${production.endpoint}\n`);
    await services.targets.set(FOLDER, production);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const follow = (gitBranch: string) => followGitBranch(services, links, { folder: FOLDER, gitBranch, toDefault: false, envFile, allowedRoot: dir });
  const failure = async (gitBranch: string): Promise<UserFacingError> => {
    const bytes = readFileSync(envFile);
    const err = await follow(gitBranch).then(() => assert.fail("following should have failed"), (e: unknown) => e);
    assert.ok(err instanceof UserFacingError, String(err));
    assert.deepEqual(services.targets.get(FOLDER), production, "the target stays");
    assert.deepEqual(readFileSync(envFile), bytes, ".env is unchanged byte for byte");
    return err;
  };

  it("the branch limit: the API's message, the branches there are to clean up, and Clean Up Branches", async () => {
    emu().faults.setBranchLimit(2);
    const err = await failure("feature/full");
    assert.equal(err.message.replace(/, request id [0-9a-f-]+\)/, ")"),
      "Could not create Lakebase branch feature-full for git branch feature/full: Project 'projects/follow-fail' has reached its limit of 2 branches. " +
      "Delete a branch you no longer need, then try again. (RESOURCE_EXHAUSTED). " +
      "The project has as many branches as it may: delete ones you no longer need — old-spike (git branch spike/old) — with \"Lakebase: Clean Up Branches\", then check out again. " +
      "The target stays on follow-fail / production and .env is unchanged.");
    assert.deepEqual(err.actions.map((a) => a.command), ["lakebase.gitBranches.cleanUp"]);
    assert.equal((await api(emu(), "GET", `/api/2.0/postgres/projects/${PROJECT}/branches/feature-full`)).status, 404);
  });

  it("429 past the retry budget is not mistaken for the branch limit: try again in a minute, with Follow the Current Git Branch", async () => {
    emu().faults.failNextCalls(2, 429, { pathPrefix: `/api/2.0/postgres/projects/${PROJECT}/branches`, retryAfterSeconds: 0 });
    const err = await failure("feature/busy");
    assert.match(err.message, /^Could not list the project's branches for git branch feature\/busy: Too many requests.*\(REQUEST_LIMIT_EXCEEDED.*\)\. /s);
    assert.match(err.message, / Lakebase is limiting requests right now: check out the branch again in a minute, or run "Lakebase: Follow the Current Git Branch"\. The target stays on follow-fail \/ production and \.env is unchanged\.$/);
    assert.doesNotMatch(err.message, /as many branches as it may/);
    assert.deepEqual(err.actions.map((a) => a.command), ["lakebase.gitBranches.followCurrent"]);
  });

  it("a workspace that does not answer the creation: says so, and that the branch may still appear", async () => {
    // Only the creation hangs (the list before it is answered), as a POST the client must not repeat.
    emu().faults.failNextCalls(1, "hang", { pathPrefix: `/api/2.0/postgres/projects/${PROJECT}/branches`, method: "POST" });
    const err = await failure("feature/slow");
    assert.match(err.message, /^Could not create Lakebase branch feature-slow for git branch feature\/slow: .* did not answer POST \/api\/2\.0\/postgres\/projects\/follow-fail\/branches within 1\.5 s/s);
    assert.match(err.message, / The workspace did not answer in time; the branch may still be created there: run "Lakebase: Follow the Current Git Branch" in a moment\. The target stays on follow-fail \/ production and \.env is unchanged\.$/);
    assert.deepEqual(err.actions.map((a) => a.command), ["lakebase.gitBranches.followCurrent"]);
  });
});
