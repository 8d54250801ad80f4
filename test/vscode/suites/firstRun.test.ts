// Issue #16, item 0: what a new user meets on the demo, in a real VS Code against the emulator.
// A context action acts on the row it was invoked on; the "Run" lens sits above the statement; a missing
// target is information with its fix, not an error with a log; a new project says so and opens in the tree.
import * as assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import * as vscode from "vscode";
import { activateExtension, admin, emulatorUrl, ensureProject, EXTENSION_ID, rest, screenshot, stubWindow, waitFor, workspaceFolder } from "../support/emulatorRest";

interface Node { id: string; kind: string; label: string; resourceName?: string; data?: unknown }
interface Failure { failed: true; message: string; actions: Array<{ title: string; command: string }> }
interface Api { profiles(): Array<{ name: string; state: string; reason?: string }> }
interface StatusSnapshot { visible: boolean; text?: string; tooltip?: string; state?: string; compute?: string }

const lakebaseConfig = () => vscode.workspace.getConfiguration("lakebase");

/** Pictures at both widths in the light and the dark theme. */
async function pictures(name: string): Promise<void> {
  for (const theme of ["Default Light Modern", "Default Dark Modern"]) {
    await vscode.workspace.getConfiguration("workbench").update("colorTheme", theme, vscode.ConfigurationTarget.Global);
    for (const size of ["1000x700", "1400x900"] as const) await screenshot(`${name}-${theme.includes("Light") ? "light" : "dark"}-${size.split("x")[0]}`, size);
  }
  await vscode.workspace.getConfiguration("workbench").update("colorTheme", undefined, vscode.ConfigurationTarget.Global);
}

const children = (id?: string) => vscode.commands.executeCommand<Node[]>("lakebase.explorer.children", id);

describe("first run", function () {
  this.timeout(120000);
  let api: Api;
  const dir = mkdtempSync(path.join(tmpdir(), "lakebase-first-run-"));
  before(async () => {
    api = await activateExtension<Api>();
    await vscode.commands.executeCommand("lakebase.target.clear");
  });
  after(async () => {
    await lakebaseConfig().update("configFile", undefined, vscode.ConfigurationTarget.Global);
    await lakebaseConfig().update("defaultProfile", undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand("lakebase.target.clear");
    // Later suites expect the emulator's own config file again.
    await waitFor("the emulator profiles back", () => (api.profiles().some((p) => p.name === "emulator") ? true : undefined));
  });

  it("says 'No target selected' as information with Select Target, not as an error with Show Log", async () => {
    const info = stubWindow("showInformationMessage", () => undefined);
    const error = stubWindow("showErrorMessage", () => undefined);
    let result: Failure;
    try {
      result = (await vscode.commands.executeCommand("lakebase.query.run", { sql: "SELECT 1" })) as Failure;
    } finally {
      info.restore();
      error.restore();
    }
    assert.equal(result.failed, true);
    assert.deepEqual(error.calls, [], "no error pop-up");
    assert.equal(info.calls.length, 1);
    assert.match(String(info.calls[0]![0]), /^No Lakebase target is selected for this workspace\./);
    assert.deepEqual(info.calls[0]!.slice(1), ["Select Target"], "its fix, and no Show Log");
  });

  it("copies the host of the endpoint row it is invoked on, and refuses the Endpoints folder instead of copying the target's host", async () => {
    const targetEndpoint = await ensureProject("first-run-a");
    const otherEndpoint = await ensureProject("first-run-b");
    await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint: targetEndpoint });
    const otherHost = (await rest("GET", `/api/2.0/postgres/${otherEndpoint}`)).json.status.hosts.host as string;
    const targetHost = (await rest("GET", `/api/2.0/postgres/${targetEndpoint}`)).json.status.hosts.host as string;
    assert.notEqual(otherHost, targetHost);

    await vscode.commands.executeCommand("lakebase.explorer.refresh");
    const project = await waitFor("project first-run-b in the tree", async () => (await children("profile::emulator")).find((n) => n.resourceName === "projects/first-run-b"));
    const branch = (await children(project.id)).find((n) => n.kind === "branch")!;
    const folder = (await children(branch.id)).find((n) => n.kind === "endpointsFolder")!;
    const endpointRow = (await children(folder.id)).find((n) => n.kind === "endpoint")!;

    await vscode.env.clipboard.writeText("untouched");
    const error = stubWindow("showErrorMessage", () => undefined);
    let onFolder: Failure;
    try {
      onFolder = (await vscode.commands.executeCommand("lakebase.copy.host", folder)) as Failure;
    } finally {
      error.restore();
    }
    assert.equal(onFolder.failed, true, "a folder row is not an endpoint");
    assert.match(onFolder.message, /Copy works on an endpoint row/);
    assert.equal(await vscode.env.clipboard.readText(), "untouched", "the target's host was not copied");

    assert.equal(await vscode.commands.executeCommand("lakebase.copy.host", endpointRow), otherHost);
    assert.equal(await vscode.env.clipboard.readText(), otherHost);
  });

  it("puts the Run lens on the statement's own line, below its comment", async () => {
    const file = path.join(workspaceFolder().uri.fsPath, "first-run-lens.sql");
    const text = "-- How many rows?\n-- (a second comment line)\nSELECT 1 AS one;\n\n/* block */\nSELECT 2 AS two;\n";
    await vscode.workspace.fs.writeFile(vscode.Uri.file(file), Buffer.from(text));
    const doc = await vscode.workspace.openTextDocument(file);
    const lenses = await waitFor("the Run lenses", async () => {
      const all = await vscode.commands.executeCommand<vscode.CodeLens[]>("vscode.executeCodeLensProvider", doc.uri);
      const ours = all.filter((l) => l.command?.command === "lakebase.query.run");
      return ours.length === 2 ? ours : undefined;
    });
    assert.deepEqual(lenses.map((l) => l.range.start.line).sort(), [2, 5]);
    // The comment still runs with its statement (the range starts at the comment).
    const args = lenses.find((l) => l.range.start.line === 2)!.command!.arguments![0] as { start: number; end: number };
    assert.equal(args.start, 0);
    assert.match(text.slice(args.start, args.end), /^-- How many rows\?\n-- \(a second comment line\)\nSELECT 1 AS one;?$/);
  });

  it("creates a project with a success message and opens it in the tree, selected and expanded", async () => {
    const info = stubWindow("showInformationMessage", () => undefined);
    let project: { name: string };
    try {
      project = await vscode.commands.executeCommand<{ name: string }>("lakebase.project.create", { profile: "emulator", projectId: "first-run-new", displayName: "First run" });
    } finally {
      info.restore();
    }
    assert.equal(project.name, "projects/first-run-new");
    const messages = info.calls.map((c) => String(c[0]));
    assert.ok(messages.some((m) => /^Lakebase: created project First run \(PostgreSQL 18\), with its production branch and endpoint\.$/.test(m)), messages.join(" | "));
    const id = "profile::emulator::projects/first-run-new";
    const state = await waitFor("the new project selected and expanded", async () => {
      const s = await vscode.commands.executeCommand<{ selection: string[]; expanded: string[] }>("lakebase.explorer.viewState");
      return s.selection.includes(id) && s.expanded.includes(id) ? s : undefined;
    });
    assert.deepEqual(state.selection, [id]);
    await vscode.commands.executeCommand("lakebase.project.delete", { profile: "emulator", project: project.name, confirm: false });
  });

  it("a token revoked after sign-in: the profile row shows the problem, the pop-up offers Sign In and Open Config and reads cleanly", async () => {
    // A PAT of its own (the Token API), so revoking it leaves the emulator's shared PAT alone.
    const pat = (await rest("POST", "/api/2.0/token/create", { comment: "first-run" })).json.token_value as string;
    const file = path.join(dir, "revoked.databrickscfg");
    writeFileSync(file, `[first-run]\nhost  = ${emulatorUrl()}\ntoken = ${pat}\n`);
    await lakebaseConfig().update("configFile", file, vscode.ConfigurationTarget.Global);
    await waitFor("profile first-run", () => api.profiles().some((p) => p.name === "first-run") ? true : undefined);
    await vscode.commands.executeCommand("workbench.view.extension.lakebase");
    await vscode.commands.executeCommand("lakebase.explorer.refresh");
    await waitFor("first-run validated", () => api.profiles().find((p) => p.name === "first-run")?.state === "valid" ? true : undefined);

    await admin("workspace-tokens/revoke", { token: pat });
    // Only the profile's own row is refreshed (no new validation): its listing meets the 401.
    const row = (await children()).find((n) => n.id === "profile::first-run")!;
    await vscode.commands.executeCommand("lakebase.explorer.refresh", row);
    await children(row.id);
    const state = await waitFor("the profile no longer valid", () => {
      const p = api.profiles().find((x) => x.name === "first-run");
      return p && p.state !== "valid" && p.state !== "unknown" ? p : undefined;
    });
    assert.equal(state.state, "error");
    assert.match(state.reason ?? "", /^The token of profile first-run was rejected \(401\): it may be revoked or expired\./);
    const shown = await waitFor("the row showing the problem", async () => {
      const r = (await children()).find((n) => n.id === "profile::first-run");
      return r && /The token of profile first-run was rejected/.test((r as { description?: string }).description ?? "") ? r : undefined;
    });
    assert.ok(shown);
    await vscode.commands.executeCommand("lakebase.explorer.reveal", "profile::first-run");
    await pictures("first-run-revoked");

    const error = stubWindow("showErrorMessage", () => undefined);
    let failure: Failure;
    try {
      failure = (await vscode.commands.executeCommand("lakebase.project.create", { profile: "first-run", projectId: "never-made" })) as Failure;
    } finally {
      error.restore();
    }
    assert.equal(failure.failed, true);
    assert.equal(error.calls.length, 1);
    const [message, ...buttons] = error.calls[0]!.map(String);
    assert.match(message!, /^Invalid access token\. The workspace rejected the credentials of profile first-run: sign in again or fix the token\./);
    assert.ok(!message!.includes(". —"), message);
    assert.deepEqual(buttons, ["Sign In", "Open Config", "Show Log"]);
    assert.equal(pat.length > 0 && !message!.includes(pat), true, "the token never reaches the pop-up");
  });

  it("an empty config file: no rows, so the welcome content shows; the status bar stops counting down for the vanished profile", async () => {
    await lakebaseConfig().update("configFile", undefined, vscode.ConfigurationTarget.Global);
    await waitFor("the emulator profiles back", () => (api.profiles().some((p) => p.name === "emulator") ? true : undefined));
    await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint: await ensureProject("first-run-a") });
    await waitFor("the countdown", async () => {
      const s = await vscode.commands.executeCommand<StatusSnapshot>("lakebase.credentials.statusSnapshot");
      return / · \d+m$/.test(s.text ?? "") ? s : undefined;
    });

    const file = path.join(dir, "empty.databrickscfg");
    writeFileSync(file, "");
    // The demo names its profile (DATABRICKS_CONFIG_PROFILE); the setting does the same here.
    await lakebaseConfig().update("defaultProfile", "emulator", vscode.ConfigurationTarget.Global);
    await lakebaseConfig().update("configFile", file, vscode.ConfigurationTarget.Global);
    await waitFor("no profiles", () => (api.profiles().length === 0 ? true : undefined));
    assert.deepEqual(await children(), [], "no warning row: the view shows its welcome content (Sign in / Add a profile)");

    const bar = await waitFor("the status bar saying the profile is gone", async () => {
      const s = await vscode.commands.executeCommand<StatusSnapshot>("lakebase.credentials.statusSnapshot");
      return s.state === "unavailable" ? s : undefined;
    });
    assert.doesNotMatch(bar.text ?? "", /\d+m|\d+s/, "no countdown");
    assert.match(bar.tooltip ?? "", /Profile emulator is no longer in .*empty\.databrickscfg: add it back, or choose another target\./);
    await vscode.commands.executeCommand("workbench.view.extension.lakebase");
    await pictures("first-run-empty-config");

    await lakebaseConfig().update("configFile", undefined, vscode.ConfigurationTarget.Global);
    await lakebaseConfig().update("defaultProfile", undefined, vscode.ConfigurationTarget.Global);
    const back = await waitFor("the countdown again", async () => {
      const s = await vscode.commands.executeCommand<StatusSnapshot>("lakebase.credentials.statusSnapshot");
      return s.state !== "unavailable" && / · \d+m$/.test(s.text ?? "") ? s : undefined;
    });
    assert.ok(back.visible);
  });

  it("shows the compute's state: idle (scaled to zero) in the tree and the status bar, waking up during the first query, then active", async () => {
    const endpoint = await ensureProject("first-run-a");
    const status = () => vscode.commands.executeCommand<StatusSnapshot>("lakebase.credentials.statusSnapshot");
    await vscode.commands.executeCommand("lakebase.target.clear");
    await admin("endpoints/suspend", { endpoint, wakeMs: 4000 });
    assert.equal((await rest("GET", `/api/2.0/postgres/${endpoint}`)).json.status.current_state, "IDLE");
    // A new target session: its pool has no connection yet, so the first query opens one and wakes the compute.
    await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint });
    const idle = await waitFor("the status bar saying idle", async () => { const s = await status(); return s.compute === "idle" && / · \d+m$/.test(s.text ?? "") ? s : undefined; });
    assert.match(idle.text!, /^\$\(database\) production · idle · \d+m$/);
    assert.match(idle.tooltip!, /Compute: idle \(scaled to zero\): the next connection wakes it/);
    await vscode.commands.executeCommand("lakebase.explorer.refresh");
    const row = await vscode.commands.executeCommand<Node & { description?: string }>("lakebase.explorer.reveal", `profile::emulator::${endpoint}`);
    assert.match(row.description ?? "", /^idle \(scaled to zero\) · read-write/);
    await pictures("first-run-compute-idle");

    const query = vscode.commands.executeCommand<{ status: string; timing: { connectMs: number; executeMs: number } }>("lakebase.query.run", { sql: "SELECT 1 AS awake" });
    const waking = await waitFor("the status bar saying waking up", async () => { const s = await status(); return s.compute === "waking" ? s : undefined; });
    assert.match(waking.text!, /^\$\(sync~spin\) production · waking up… · \d+m$/);
    const summary = await query;
    assert.equal(summary.status, "ok");
    assert.equal(typeof summary.timing.connectMs, "number", "connect time is reported apart from execution");
    assert.equal(typeof summary.timing.executeMs, "number");
    const active = await waitFor("active again", async () => { const s = await status(); return s.compute === "active" ? s : undefined; });
    assert.match(active.text!, /^\$\(database\) production · \d+m$/);
    assert.equal((await rest("GET", `/api/2.0/postgres/${endpoint}`)).json.status.current_state, "ACTIVE");
  });

  it("runs each migration command in one terminal, reused by the next run (not a new tab each time)", async () => {
    const repo = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    const app = path.join(workspaceFolder().uri.fsPath, "first-run-drizzle");
    rmSync(app, { recursive: true, force: true });
    cpSync(path.join(repo, "test", "fixtures", "drizzle-app"), app, { recursive: true });
    symlinkSync(path.join(repo, "node_modules"), path.join(app, "node_modules"), "dir");
    try {
      const config = path.join("first-run-drizzle", "drizzle.config.ts");
      const named = () => vscode.window.terminals.filter((t) => t.name === "drizzle-kit generate");
      const before = named().length;
      for (let i = 0; i < 2; i++) {
        const r = await vscode.commands.executeCommand<{ exitCode: number; output: string }>("lakebase.migrations.generate", { config, confirm: false });
        assert.equal(r.exitCode, 0, r.output);
      }
      assert.equal(named().length, Math.max(before, 1), "one drizzle-kit generate terminal for both runs");
    } finally {
      rmSync(app, { recursive: true, force: true });
    }
  });
});
