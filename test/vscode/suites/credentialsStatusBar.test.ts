// The credential status bar in a real VS Code against the emulator, with 20-second credentials:
// the countdown, the automatic renewal, warning colours after a failed refresh, error colours
// once expired, and recovery through "refresh now". Read through the hidden snapshot command.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import type { StatusBarSnapshot } from "../../../src/ui/credentials/credentialStatusBar";
import { activateExtension, admin, ensureProject, waitFor, emuFetch } from "../support/emulatorRest";

const PROJECT = "vscode-statusbar";
const snapshot = () => vscode.commands.executeCommand<StatusBarSnapshot>("lakebase.credentials.statusSnapshot");
const COUNTDOWN = /^\$\((?:database|sync~spin)\) production · (\d+)s$/;

function secondsLeft(s: StatusBarSnapshot): number | undefined {
  const m = s.text?.match(COUNTDOWN);
  return m ? Number(m[1]) : undefined;
}

describe("credentials: status bar", function () {
  this.timeout(150_000);
  let endpoint: string;

  before(async () => {
    await activateExtension();
    endpoint = await ensureProject(PROJECT);
    await admin("credentials/lifetime", { seconds: 20 });
  });

  after(async () => {
    await emuFetch()(`${process.env.LAKEBASE_TEST_WORKSPACE_URL}/__emulator/faults`, { method: "DELETE" });
    await admin("credentials/lifetime", { seconds: null });
    await vscode.commands.executeCommand("lakebase.target.clear");
  });

  it("is hidden without a target", async () => {
    await vscode.commands.executeCommand("lakebase.target.clear");
    const s = await waitFor("the item to hide", async () => ((await snapshot()).visible ? undefined : true));
    assert.equal(s, true);
  });

  it("counts down, renews by itself, warns after a failed refresh, turns red when expired, recovers on refresh", async () => {
    await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint, database: "databricks_postgres" });

    // Fresh: `$(database) production · 20s`, normal colours, tooltip with the facts.
    const first = await waitFor("a countdown", async () => {
      const s = await snapshot();
      return s.visible && secondsLeft(s) !== undefined && s.state === "fresh" ? s : undefined;
    });
    assert.equal(first.background, undefined);
    assert.ok(secondsLeft(first)! <= 20 && secondsLeft(first)! >= 10, first.text);
    assert.match(first.tooltip!, /Profile: emulator/);
    assert.match(first.tooltip!, new RegExp(`Endpoint: ${endpoint}`));
    assert.match(first.tooltip!, /Postgres user: \S+@/);
    assert.match(first.tooltip!, /Expires: /);
    assert.match(first.tooltip!, /Last successful refresh: /);

    // The countdown moves with the wall clock.
    await new Promise((r) => setTimeout(r, 2_500));
    const later = await snapshot();
    assert.ok(secondsLeft(later)! < secondsLeft(first)!, `${first.text} then ${later.text}`);

    // The lease makes the manager renew ~4 s before expiry: the countdown jumps back up, never expiring.
    let lowest = Infinity;
    const renewed = await waitFor("an automatic renewal", async () => {
      const s = await snapshot();
      assert.notEqual(s.state, "expired", "the credential expired although a lease was held");
      const left = secondsLeft(s);
      if (left !== undefined) lowest = Math.min(lowest, left);
      return left !== undefined && lowest <= 6 && left >= 14 ? s : undefined;
    }, 30_000);
    assert.equal(renewed.state, "fresh");
    assert.equal(renewed.background, undefined);

    // Credential route now fails (500: not retried by HTTP, retried with backoff by the manager).
    await admin("faults/credentials", { status: 500 });
    const expired = await waitFor("error colours once expired", async () => {
      const s = await snapshot();
      return s.state === "expired" ? s : undefined;
    }, 45_000);
    assert.equal(expired.background, "statusBarItem.errorBackground");
    assert.match(expired.text!, /expired/);
    // Between the failed refresh and the expiry the item warned: read from what it showed (the
    // warning lasts a few seconds, which a poller of a busy extension host can miss).
    const shown = expired.recent ?? [];
    const warned = shown.find((s) => s.state === "expiring-soon" && /Last attempt failed/.test(s.tooltip));
    assert.ok(warned, `no warning before the expiry; shown: ${shown.map((s) => s.state).join(" → ")}`);
    assert.equal(warned.background, "statusBarItem.warningBackground");
    assert.match(warned.tooltip, /Last attempt failed at .*500/);
    const left = /· (\d+)s\b/.exec(warned.text);
    assert.ok(left && Number(left[1]) <= 4, `warned inside the refresh window: ${warned.text}`);
    assert.ok(shown.indexOf(warned) < shown.findIndex((s) => s.state === "expired"), "the warning came before the expiry");

    // Service back: "Refresh credential now" brings it back to fresh at once.
    await emuFetch()(`${process.env.LAKEBASE_TEST_WORKSPACE_URL}/__emulator/faults`, { method: "DELETE" });
    await admin("credentials/lifetime", { seconds: 20 }); // clearing faults restored the 1 h default
    const status = await vscode.commands.executeCommand<{ state: string; expireTime?: Date }>("lakebase.credentials.refresh");
    assert.equal(status?.state, "fresh");
    const back = await snapshot();
    assert.equal(back.background, undefined);
    assert.ok(secondsLeft(back)! >= 15, back.text);
  });

  it("clearing the target hides the item and releases the lease", async () => {
    const key = (await snapshot()).key;
    assert.ok(key);
    assert.equal((await snapshot()).credential?.leases, 1, "the status bar holds one lease while the target is selected");
    await vscode.commands.executeCommand("lakebase.target.clear");
    await waitFor("the item to hide", async () => ((await snapshot()).visible ? undefined : true));
    const after = await vscode.commands.executeCommand<StatusBarSnapshot>("lakebase.credentials.statusSnapshot", key);
    assert.equal(after.credential?.leases, 0, "no lease (and so no refresher) without a target");
  });
});
