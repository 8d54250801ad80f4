// Bad input while the Lakebase target follows git checkouts, in a real VS Code with its built-in Git
// extension and a real repository driven with the git CLI: Unicode and 200-character branch names,
// a rebase and a merge in progress (the target must not flap), the project's branch limit and 429s.
// The target stays where it was, .env is not touched, and one message says what to do.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import type { LakebaseApi } from "../../../src/api";
import { parseEnv } from "../../../src/core/envfile/dotenvScan";
import { checkResourceId } from "../../../src/core/lakebase/ids";
import type { WorkspaceTarget } from "../../../src/core/target/targetStore";
import { activateExtension, admin, ensureProject, lakebaseLog, rest, screenshot, stubWindow, waitFor, workspaceFolder } from "../support/emulatorRest";

const PROJECT = "vscode-git-edge";
const BRANCHES = `/api/2.0/postgres/projects/${PROJECT}/branches`;
const target = () => vscode.commands.executeCommand<WorkspaceTarget | undefined>("lakebase.target.show");

interface GitRepoLike { rootUri: vscode.Uri; state: { HEAD?: { name?: string }; rebaseCommit?: unknown; mergeChanges: unknown[] } }
interface GitApiLike { repositories: GitRepoLike[]; openRepository(uri: vscode.Uri): Promise<unknown> }

describe("git branches: bad input leaves the target and .env alone", function () {
  this.timeout(180_000);
  let repo: string;
  let envFile: string;
  let api: LakebaseApi;
  let gitRepo: GitRepoLike;
  const changes: string[] = [];
  let sub: { dispose(): void } | undefined;
  const env = { ...process.env, GIT_AUTHOR_NAME: "Dev", GIT_AUTHOR_EMAIL: "dev@example.com", GIT_COMMITTER_NAME: "Dev", GIT_COMMITTER_EMAIL: "dev@example.com" };
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, encoding: "utf8", env, stdio: ["ignore", "pipe", "pipe"] });
  const gitMayFail = (...args: string[]) => { try { git(...args); } catch { /* a conflict stops it, as intended */ } };
  const commit = (file: string, text: string, message: string) => { writeFileSync(path.join(repo, file), text); git("add", file); git("commit", "-q", "-m", message); };
  // The store is read before its change event is out: wait for both, so no late event is counted as the next step's.
  const onBranch = (id: string) => waitFor(`the target on ${id}`, async () => {
    const t = await target();
    return t?.branch === `projects/${PROJECT}/branches/${id}` && changes.at(-1) === t.branch ? t : undefined;
  }, 60_000);
  const envOf = () => parseEnv(readFileSync(envFile, "utf8"));

  before(async () => {
    api = await activateExtension<LakebaseApi>();
    const gitExt = vscode.extensions.getExtension<{ getAPI(v: 1): GitApiLike }>("vscode.git");
    assert.ok(gitExt, "the built-in Git extension is in the test host");
    const gitApi = (await gitExt.activate()).getAPI(1);

    const endpoint = await ensureProject(PROJECT);
    await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint });
    // Several repositories in one workspace folder: a quiet one on main, known to the Git extension first
    // (so "the folder's first repository" would be the wrong one), and the one these tests drive.
    repo = path.join(workspaceFolder().uri.fsPath, "git-edge-quiet");
    rmSync(repo, { recursive: true, force: true });
    mkdirSync(repo, { recursive: true });
    git("init", "-q", "-b", "main");
    commit("readme.txt", "quiet\n", "start");
    await gitApi.openRepository(vscode.Uri.file(repo));
    const quiet = repo;
    await waitFor("the Git extension to know the quiet repository", () => gitApi.repositories.some((r) => r.rootUri.fsPath === quiet));

    repo = path.join(workspaceFolder().uri.fsPath, "git-edge");
    rmSync(repo, { recursive: true, force: true });
    mkdirSync(repo, { recursive: true });
    git("init", "-q", "-b", "main");
    commit("notes.txt", "one\n", "start");
    envFile = path.join(repo, ".env");
    writeFileSync(envFile, "# my app\nAPP_MODE=dev\n");
    const report = await vscode.commands.executeCommand<{ file: string }>("lakebase.env.write", { file: envFile, example: false });
    assert.ok(report?.file);
    await vscode.workspace.getConfiguration("lakebase.git").update("followBranches", true, vscode.ConfigurationTarget.Workspace);
    await gitApi.openRepository(vscode.Uri.file(repo));
    gitRepo = await waitFor("the Git extension to know the repository", () => gitApi.repositories.find((r) => r.rootUri.fsPath === repo));
    sub = api.onDidChangeTarget((e) => { if (e.folder === workspaceFolder().uri.toString()) changes.push(e.target?.branch ?? "(none)"); });
  });

  after(async () => {
    sub?.dispose();
    await admin("faults", undefined).catch(() => undefined);
    await vscode.workspace.getConfiguration("lakebase.git").update("followBranches", undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand("lakebase.target.clear");
  });

  it("Unicode and 200-character branch names get valid, distinct ids with a hash; .env follows each", async () => {
    git("checkout", "-q", "-b", "fix/ümlaut-日本");
    const unicode = await waitFor("the target on the Unicode name's branch", async () => { const t = await target(); return t?.branchLabel?.startsWith("fix-umlaut-") ? t : undefined; }, 60_000);
    assert.match(unicode.branchLabel!, /^fix-umlaut-[0-9a-f]{8}$/, "日本 cannot be spelt in an id: the hash keeps the name apart from fix/umlaut");
    assert.equal(checkResourceId("branch", unicode.branchLabel!), undefined);
    await waitFor(".env on the Unicode branch", () => envOf().get("LAKEBASE_ENDPOINT") === unicode.endpoint || undefined);

    const long = `feature/${"very-long-name-".repeat(12)}${"x".repeat(200 - 8 - 15 * 12)}`;
    assert.equal(long.length, 200);
    git("checkout", "-q", "-b", long);
    const longTarget = await waitFor("the long name's branch", async () => { const t = await target(); return t && t.branchLabel !== unicode.branchLabel ? t : undefined; }, 60_000);
    assert.ok(longTarget.branchLabel!.length <= 63, longTarget.branchLabel);
    assert.match(longTarget.branchLabel!, /^feature-very-long-name-very-long-name-.*-[0-9a-f]{8}$/);
    assert.equal(checkResourceId("branch", longTarget.branchLabel!), undefined);
    const rec = await rest("GET", `${BRANCHES}/${longTarget.branchLabel}`);
    assert.equal(rec.status, 200);
    assert.ok(rec.json.status.expire_time, "created with a TTL");
    await waitFor(".env on the long name's branch", () => envOf().get("PGHOST") === longTarget.host || undefined);
    assert.equal(envOf().get("APP_MODE"), "dev", "the user's lines stay");
  });

  it("a rebase and a merge in progress: the target does not move at all, and stays after they are aborted", async () => {
    git("checkout", "-q", "fix/ümlaut-日本");
    const onFix = (await waitFor("the target on the Unicode branch", async () => { const t = await target(); return t?.branchLabel?.startsWith("fix-umlaut-") ? t : undefined; }, 60_000))!;
    commit("notes.txt", "two (fix)\n", "fix side");
    git("checkout", "-q", "main");
    await onBranch("production");
    commit("notes.txt", "two (main)\n", "main side");
    git("checkout", "-q", "fix/ümlaut-日本");
    await onBranch(onFix.branchLabel!);
    const envBytes = readFileSync(envFile);

    changes.length = 0;
    gitMayFail("rebase", "main");
    assert.match(git("status"), /rebase in progress/, "the rebase stopped at the conflict");
    await lakebaseLog(/target unchanged, a rebase is in progress/);
    assert.equal((await target())?.branch, onFix.branch);
    git("rebase", "--abort");
    await waitFor("the Git extension to see the branch again", () => (gitRepo.state.HEAD?.name === "fix/ümlaut-日本" && !gitRepo.state.rebaseCommit) || undefined);

    gitMayFail("merge", "main");
    assert.match(git("status"), /You have unmerged paths/, "the merge stopped at the conflict");
    await lakebaseLog(/target unchanged, a merge is in progress/);
    git("merge", "--abort");
    await waitFor("the Git extension to see the merge gone", () => gitRepo.state.mergeChanges.length === 0 || undefined);
    // Back on the branch the target never left: a follow that changes nothing.
    git("checkout", "-q", "main");
    await onBranch("production");
    const log = (await lakebaseLog(/./)).split("\n").filter((l) => /git|target|follow/i.test(l)).slice(-30).join("\n");
    assert.deepEqual(changes, [`projects/${PROJECT}/branches/production`], `no flapping during the rebase and the merge, the only change is the checkout of main:\n${log}`);
    git("checkout", "-q", "fix/ümlaut-日本");
    await onBranch(onFix.branchLabel!);
    assert.deepEqual(readFileSync(envFile), envBytes, ".env is as it was on that branch");
  });

  it("the project's branch limit: the API's message, which branches to clean up, a Clean Up Branches button; target and .env stay", async () => {
    const before = await target();
    const envBytes = readFileSync(envFile);
    const live = (await rest("GET", BRANCHES)).json.branches.length as number;
    await admin("limits/branches", { max: live });
    const shown = stubWindow("showErrorMessage", () => undefined);
    try {
      git("checkout", "-q", "-b", "feature/one-too-many");
      await waitFor("the error message", () => shown.calls.length > 0 || undefined, 60_000);
    } finally {
      shown.restore();
      await admin("limits/branches", { max: null });
    }
    assert.equal(shown.calls.length, 1, "one message");
    const [message, ...buttons] = shown.calls[0]! as string[];
    assert.match(message, /^Could not create Lakebase branch feature-one-too-many for git branch feature\/one-too-many: Project 'projects\/vscode-git-edge' has reached its limit of \d+ branches\./);
    // What could go: the long name's branch; not the branch the target is on.
    assert.match(message, /delete ones you no longer need — feature-very-long-name-[a-z-]+-[0-9a-f]{8} \(git branch feature\/very-long-name-very-long-name-v…\) — with "Lakebase: Clean Up Branches", then check out again\. The target stays on vscode-git-edge \/ fix-umlaut-[0-9a-f]{8} and \.env is unchanged\.$/, message);
    assert.doesNotMatch(message, /fix-umlaut-[0-9a-f]{8} \(git branch/);
    assert.deepEqual(buttons, ["Clean Up Branches", "Show Log"]);
    assert.deepEqual(await target(), before);
    assert.deepEqual(readFileSync(envFile), envBytes);
    assert.equal((await rest("GET", `${BRANCHES}/feature-one-too-many`)).status, 404);

    // How the message looks: the real toast, light and dark, at two window sizes.
    void vscode.window.showErrorMessage(message, ...buttons.slice(0, -1), "Show Log");
    const shots: string[] = [];
    try {
      for (const theme of ["Default Light Modern", "Default Dark Modern"]) {
        await vscode.workspace.getConfiguration("workbench").update("colorTheme", theme, vscode.ConfigurationTarget.Global);
        for (const size of ["1000x700", "1400x900"] as const) {
          const file = await screenshot(`git-branch-limit-${theme.includes("Light") ? "light" : "dark"}-${size.split("x")[0]}`, size);
          if (file) shots.push(file);
        }
      }
    } finally {
      await vscode.workspace.getConfiguration("workbench").update("colorTheme", undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand("notifications.clearAll");
    }
    if (process.env.LAKEBASE_TEST_SCREENSHOT_DIR) assert.equal(shots.length, 4);
  });

  it("429s past the retry budget: not called a branch limit; its button follows the branch (of this repository, not the folder's first) once Lakebase answers again", async () => {
    const before = await target();
    const envBytes = readFileSync(envFile);
    // The client tries five times; the sixth call (after the button) is answered.
    await admin("faults/calls", { count: 5, kind: 429, retryAfterSeconds: 0, pathPrefix: BRANCHES });
    const shown = stubWindow("showErrorMessage", () => "Follow the Current Git Branch");
    try {
      git("checkout", "-q", "-b", "feature/busy");
      const busy = await onBranch("feature-busy");
      assert.equal(shown.calls.length, 1, "one message");
      const [message, ...buttons] = shown.calls[0]! as string[];
      assert.match(message, /^Could not list the project's branches for git branch feature\/busy: Too many requests/);
      assert.match(message, /Lakebase is limiting requests right now: check out the branch again in a minute, or run "Lakebase: Follow the Current Git Branch"\. The target stays on vscode-git-edge \/ fix-umlaut-[0-9a-f]{8} and \.env is unchanged\.$/, message);
      assert.doesNotMatch(message, /as many branches/);
      assert.deepEqual(buttons, ["Follow the Current Git Branch", "Show Log"]);
      assert.notDeepEqual(busy, before);
      await waitFor(".env on feature-busy", () => envOf().get("LAKEBASE_ENDPOINT") === busy!.endpoint || undefined);
      assert.notDeepEqual(readFileSync(envFile), envBytes);
    } finally {
      shown.restore();
    }
  });
});
