// Commands invoked from the palette (no argument, no tree node): they prompt instead of failing, Escape
// leaves nothing done, and a failure's toast offers the error's own next step (not only "Show Log").
// The prompts and toasts are stubbed on the `vscode` API object the extension shares with this suite.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import type { CommandFailure } from "../../../src/api";
import type { WorkspaceTarget } from "../../../src/core/target/targetStore";
import { activateExtension, patFromConfig, stubWindow } from "../support/emulatorRest";

describe("palette flows", function () {
  this.timeout(60000);
  const config = () => vscode.workspace.getConfiguration("lakebase");

  before(async () => { await activateExtension(); });

  describe("lakebase.profiles.setDefault without a tree node", () => {
    afterEach(async () => { await config().update("defaultProfile", undefined, vscode.ConfigurationTarget.Workspace); });

    it("asks which profile and stores the pick as the workspace default", async () => {
      const pick = stubWindow("showQuickPick", (items) => (items as vscode.QuickPickItem[]).find((i) => i.label === "emulator"));
      const error = stubWindow("showErrorMessage", () => undefined);
      try {
        const result = await vscode.commands.executeCommand("lakebase.profiles.setDefault");
        assert.deepEqual(error.calls, [], "no error toast");
        assert.equal(pick.calls.length, 1, "one profile picker");
        assert.ok((pick.calls[0][0] as vscode.QuickPickItem[]).some((i) => i.label === "emulator"), "the picker lists the config file's profiles");
        assert.equal(result, "emulator");
        assert.equal(config().inspect<string>("defaultProfile")?.workspaceValue, "emulator");
      } finally {
        pick.restore();
        error.restore();
      }
    });

    it("Escape in the picker changes nothing and shows no error", async () => {
      const pick = stubWindow("showQuickPick", () => undefined);
      const error = stubWindow("showErrorMessage", () => undefined);
      try {
        assert.equal(await vscode.commands.executeCommand("lakebase.profiles.setDefault"), undefined);
        assert.equal(pick.calls.length, 1);
        assert.deepEqual(error.calls, []);
        assert.equal(config().inspect<string>("defaultProfile")?.workspaceValue, undefined);
      } finally {
        pick.restore();
        error.restore();
      }
    });
  });

  describe("a failing command's toast", () => {
    let saved: WorkspaceTarget | undefined;
    before(async () => {
      saved = await vscode.commands.executeCommand<WorkspaceTarget | undefined>("lakebase.target.show");
      await vscode.commands.executeCommand("lakebase.target.clear");
    });
    after(async () => {
      if (saved) await vscode.commands.executeCommand("lakebase.target.select", { profile: saved.profile, endpoint: saved.endpoint, database: saved.database });
    });

    it("says no target is selected as information with its fix (Select Target), not as an error with Show Log", async () => {
      const error = stubWindow("showErrorMessage", () => undefined);
      const info = stubWindow("showInformationMessage", () => undefined);
      try {
        // Issue #10: a failure is no longer `undefined` (which means a cancel). Issue #16: a missing
        // first step is information with its fix; the log has nothing to add.
        const result = await vscode.commands.executeCommand<CommandFailure>("lakebase.query.run", { sql: "SELECT 1" });
        assert.equal(error.calls.length, 0, "no error toast");
        assert.equal(info.calls.length, 1, "one information toast");
        const [message, ...buttons] = info.calls[0];
        assert.match(String(message), /No Lakebase target is selected/);
        assert.deepEqual(buttons, ["Select Target"]);
        assert.deepEqual(result, {
          failed: true, command: "lakebase.query.run", message: String(message),
          actions: [{ title: "Select Target", command: "lakebase.target.select" }],
        });
      } finally {
        error.restore();
        info.restore();
      }
    });

    it("a failure invoked programmatically is a recognisable result, a cancel is undefined, and neither leaks a token", async () => {
      const error = stubWindow("showErrorMessage", () => undefined);
      const pick = stubWindow("showQuickPick", () => undefined);
      try {
        // The emulator profile's PAT, in the argument an error message echoes back.
        const pat = patFromConfig();
        const failed = await vscode.commands.executeCommand<CommandFailure>("lakebase.target.select", { profile: `no-such-${pat}`, endpoint: "projects/p/branches/b/endpoints/e" });
        assert.equal(failed?.failed, true, JSON.stringify(failed));
        assert.equal(failed.command, "lakebase.target.select");
        assert.ok(failed.message.length > 0);
        assert.equal(error.calls.length, 1, "one error toast");
        for (const shown of [failed.message, String(error.calls[0]![0])]) {
          assert.ok(!shown.includes(pat) && !shown.includes(encodeURIComponent(pat)), `token shown: ${shown}`);
        }
        // Escape in a prompt stays a cancel: undefined, no toast.
        assert.equal(await vscode.commands.executeCommand("lakebase.profiles.setDefault"), undefined);
        assert.equal(error.calls.length, 1, "a cancel shows no toast");
      } finally {
        error.restore();
        pick.restore();
      }
    });
  });
});
