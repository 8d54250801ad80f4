// Protected branches in a real VS Code: the API's refusal on delete, and migrations on a protected
// branch always ask first (an ordinary branch does not).
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { activateExtension, ensureProject, rest, stubWindow, waitFor } from "../support/emulatorRest";

const PROJECT = "vscode-protected";
const GUARDED = `projects/${PROJECT}/branches/guarded`;
const PLAIN = `projects/${PROJECT}/branches/plain`;

describe("protected branches", function () {
  this.timeout(120_000);

  before(async () => {
    await activateExtension();
    await ensureProject(PROJECT);
    for (const id of ["guarded", "plain"]) {
      await vscode.commands.executeCommand("lakebase.branch.create", { profile: "emulator", sourceBranch: `projects/${PROJECT}/branches/production`, branchId: id, ttlSeconds: 3600 });
    }
    // Protected after the target was chosen: the guard asks the API, not the remembered target.
    await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint: `${GUARDED}/endpoints/primary` });
    const op = await rest("PATCH", `/api/2.0/postgres/${GUARDED}?update_mask=spec.is_protected`, { spec: { is_protected: true } });
    assert.equal(op.status, 200, JSON.stringify(op.json));
    await waitFor("the branch to be protected", async () => ((await rest("GET", `/api/2.0/postgres/${GUARDED}`)).json.status.is_protected === true ? true : undefined));
  });
  after(async () => {
    await vscode.commands.executeCommand("lakebase.target.clear");
    await rest("PATCH", `/api/2.0/postgres/${GUARDED}?update_mask=spec.is_protected`, { spec: { is_protected: false } });
  });

  it("deleting a protected branch shows the API's refusal; the branch stays", async () => {
    const errors = stubWindow("showErrorMessage", () => undefined);
    try {
      await vscode.commands.executeCommand("lakebase.branch.delete", { profile: "emulator", branch: GUARDED, confirm: false });
    } finally {
      errors.restore();
    }
    assert.match(String(errors.calls[0]?.[0]), /cannot delete protected branch/);
    assert.equal((await rest("GET", `/api/2.0/postgres/${GUARDED}`)).json.status.delete_time, undefined);
  });

  it("migrations on a protected branch ask first; declining runs nothing", async () => {
    const warn = stubWindow("showWarningMessage", () => undefined);
    try {
      const r = await vscode.commands.executeCommand("lakebase.migrations.apply", { config: "no-app/drizzle.config.ts" });
      assert.equal(r, undefined, "declined: nothing ran");
    } finally {
      warn.restore();
    }
    assert.equal(warn.calls.length, 1);
    assert.match(String(warn.calls[0]![0]), /^Apply migrations to vscode-protected \/ guarded, a protected branch\?$/);
  });

  it("an ordinary branch is not asked about", async () => {
    await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint: `${PLAIN}/endpoints/primary` });
    const warn = stubWindow("showWarningMessage", () => undefined);
    const errors = stubWindow("showErrorMessage", () => undefined);
    try {
      await vscode.commands.executeCommand("lakebase.migrations.apply", { config: "no-app/drizzle.config.ts" });
    } finally {
      warn.restore();
      errors.restore();
    }
    assert.equal(warn.calls.length, 0);
    // It went on to drizzle-kit, which the folder does not have.
    assert.match(String(errors.calls[0]?.[0]), /drizzle/i);
  });
});
