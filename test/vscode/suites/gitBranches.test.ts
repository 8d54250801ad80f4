// Git branch ↔ Lakebase branch in a real VS Code with its built-in Git extension: a real repository
// in the workspace driven with the real git CLI; the target and .env follow checkouts.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { parseEnv } from "../../../src/core/envfile/dotenvScan";
import type { WorkspaceTarget } from "../../../src/core/target/targetStore";
import { activateExtension, ensureProject, lakebaseLog, rest, stubWindow, waitFor, workspaceFolder } from "../support/emulatorRest";

const PROJECT = "vscode-git";
const target = () => vscode.commands.executeCommand<WorkspaceTarget | undefined>("lakebase.target.show");

interface GitApiLike { repositories: Array<{ rootUri: vscode.Uri }>; openRepository(uri: vscode.Uri): Promise<unknown> }

describe("git branches: the Lakebase target follows git checkouts", function () {
  this.timeout(180_000);
  let repo: string;
  let envFile: string;
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8" });

  before(async () => {
    await activateExtension();
    const gitExt = vscode.extensions.getExtension<{ enabled: boolean; getAPI(v: 1): GitApiLike }>("vscode.git");
    assert.ok(gitExt, "the built-in Git extension is in the test host");
    const api = (await gitExt.activate()).getAPI(1);
    assert.equal(gitExt.exports.enabled, true, "the Git extension is enabled");

    const endpoint = await ensureProject(PROJECT);
    await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint });
    repo = path.join(workspaceFolder().uri.fsPath, "git-follow");
    rmSync(repo, { recursive: true, force: true });
    mkdirSync(repo, { recursive: true });
    git("init", "-q", "-b", "main");
    git("-c", "user.email=dev@example.com", "-c", "user.name=Dev", "commit", "-q", "--allow-empty", "-m", "start");
    envFile = path.join(repo, ".env");
    const report = await vscode.commands.executeCommand<{ created: boolean }>("lakebase.env.write", { file: envFile, example: false });
    assert.equal(report?.created, true);
    await api.openRepository(vscode.Uri.file(repo));
    await waitFor("the Git extension to know the repository", () => api.repositories.some((r) => r.rootUri.fsPath === repo));
  });

  after(async () => {
    await vscode.workspace.getConfiguration("lakebase.git").update("followBranches", undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand("lakebase.target.clear");
    // The repository stays (the sandbox goes at the end of the run): the Git extension still has it
    // open and would run git in a folder that no longer exists.
  });

  const onBranch = (id: string) => waitFor(`the target on ${id}`, async () => ((await target())?.branch === `projects/${PROJECT}/branches/${id}` ? target() : undefined), 60_000);

  it("git checkout -b feature/x: an offer first; accepted, a feature-x branch with a TTL, the target and .env on it; main brings production back", async () => {
    assert.equal(vscode.workspace.getConfiguration("lakebase.git").get("followBranches"), false, "opt-in: off by default");
    const offer = stubWindow("showInformationMessage", (msg: unknown) => (/^Give git branch feature\/x its own Lakebase branch\?/.test(String(msg)) ? "Follow Git Branches" : undefined));
    let t: WorkspaceTarget;
    try {
      git("checkout", "-q", "-b", "feature/x");
      t = (await onBranch("feature-x"))!;
    } finally {
      offer.restore();
    }
    assert.equal(offer.calls.length, 1, "offered once");
    assert.equal(vscode.workspace.getConfiguration("lakebase.git").get("followBranches"), true, "accepting turns the setting on");
    assert.equal(t.branchLabel, "feature-x");
    const branch = await rest("GET", `/api/2.0/postgres/projects/${PROJECT}/branches/feature-x`);
    assert.equal(branch.status, 200);
    assert.equal(branch.json.status.source_branch, `projects/${PROJECT}/branches/production`);
    assert.ok(branch.json.status.expire_time, "the branch expires by itself");
    const env = await waitFor(".env on feature-x", () => { const e = parseEnv(readFileSync(envFile, "utf8")); return e.get("PGHOST") === t.host ? e : undefined; });
    assert.equal(env.get("LAKEBASE_ENDPOINT"), t.endpoint);

    git("checkout", "-q", "main");
    const back = (await onBranch("production"))!;
    assert.equal(back.isDefaultBranch, true);
    assert.equal(parseEnv(readFileSync(envFile, "utf8")).get("LAKEBASE_ENDPOINT"), back.endpoint);
  });

  it("a detached HEAD leaves the target where it is", async () => {
    git("checkout", "-q", "--detach");
    await lakebaseLog(/git HEAD in .* changed: target unchanged, HEAD is detached/);
    assert.equal((await target())?.branch, `projects/${PROJECT}/branches/production`);
    git("checkout", "-q", "main");
  });

  it("deleting the git branch offers to delete its Lakebase branch; production stays", async () => {
    const offer = stubWindow("showInformationMessage", (msg: unknown) => (/Git branch feature\/x was deleted/.test(String(msg)) ? "Delete Branch" : undefined));
    try {
      git("branch", "-q", "-D", "feature/x");
      // Deleted branches stay readable (with a delete_time) until purged, as in the service.
      const deleted = async () => { const r = await rest("GET", `/api/2.0/postgres/projects/${PROJECT}/branches/feature-x`); return r.status === 404 || Boolean(r.json?.status?.delete_time); };
      await waitFor("feature-x to be deleted", async () => ((await deleted()) ? true : undefined), 30_000)
        .catch(async (err: Error) => { throw new Error(`${err.message}; offers: ${JSON.stringify(offer.calls.map((c) => c[0]))}; log:\n${(await lakebaseLog(/./)).slice(-3000)}`); });
      assert.ok(offer.calls.some((c) => /Delete its Lakebase branch feature-x too\?/.test(String(c[0]))));
    } finally {
      offer.restore();
    }
    assert.equal((await rest("GET", `/api/2.0/postgres/projects/${PROJECT}/branches/production`)).status, 200);
    assert.equal((await target())?.branch, `projects/${PROJECT}/branches/production`);
  });
});
