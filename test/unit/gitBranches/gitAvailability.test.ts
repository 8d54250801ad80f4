// Feature detection of VS Code's Git extension. The VS Code tier runs with git installed and the Git
// extension on (it cannot be switched off or git removed inside one running host), so the other
// answers are checked here against objects shaped like `vscode.extensions.getExtension("vscode.git")`.
import assert from "node:assert/strict";
import { gitAvailability, gitUnavailableMessage, type GitExtensionExports, type GitExtensionHandle } from "../../../src/ui/gitBranches/gitAvailability";
import type { GitApi } from "../../../src/ui/gitBranches/gitApi";

const api = { repositories: [] } as unknown as GitApi;
const exportsOf = (enabled: boolean, getAPI: () => GitApi = () => api): GitExtensionExports => ({ enabled, getAPI });
const handle = (exports: GitExtensionExports | undefined, opts: { active?: boolean; fail?: Error } = {}): GitExtensionHandle => ({
  isActive: opts.active ?? false,
  exports: opts.active ? exports : undefined,
  activate: () => (opts.fail ? Promise.reject(opts.fail) : Promise.resolve(exports!)),
});

describe("VS Code's Git extension: can following use it?", () => {
  it("enabled: the API, from an active extension or after activating it", async () => {
    assert.equal((await gitAvailability(handle(exportsOf(true), { active: true }))).api, api);
    assert.equal((await gitAvailability(handle(exportsOf(true)))).api, api);
  });

  it("missing, failing to start, switched off / no git, or without an API: no API and a reason to act on", async () => {
    const reasons = await Promise.all([
      gitAvailability(undefined),
      gitAvailability(handle(undefined, { fail: new Error("spawn git ENOENT") })),
      gitAvailability(handle(exportsOf(false))),
      gitAvailability(handle(exportsOf(true, () => { throw new Error("Git model not found"); }))),
    ]);
    assert.deepEqual(reasons.map((r) => [r.api, "reason" in r ? r.reason : undefined]), [
      [undefined, "VS Code's built-in Git extension is not available in this editor."],
      [undefined, "VS Code's Git extension did not start (spawn git ENOENT)."],
      [undefined, "VS Code's Git extension is off: git is not installed (or not on PATH / git.path), or the setting git.enabled is false."],
      [undefined, "VS Code's Git extension offers no API (Git model not found)."],
    ]);
    // Switched off: the exports stay, so the follower can start when git.enabled is turned on.
    assert.ok(reasons[2]!.exports);
  });

  it("the message says what to do", () => {
    assert.equal(gitUnavailableMessage("VS Code's Git extension is off: git is not installed (or not on PATH / git.path), or the setting git.enabled is false.", "app"),
      "app cannot follow git branches: VS Code's Git extension is off: git is not installed (or not on PATH / git.path), or the setting git.enabled is false. Install git or turn git.enabled on; following starts by itself once the Git extension is on (after installing git, reload the window).");
  });
});
