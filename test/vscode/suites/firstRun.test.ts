// Issue #16, item 0: what a new user meets on the demo, in a real VS Code against the emulator.
// A context action acts on the row it was invoked on; the "Run" lens sits above the statement; a missing
// target is information with its fix, not an error with a log; a new project says so and opens in the tree.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as vscode from "vscode";
import { activateExtension, ensureProject, rest, stubWindow, waitFor, workspaceFolder } from "../support/emulatorRest";

interface Node { id: string; kind: string; label: string; resourceName?: string; data?: unknown }
interface Failure { failed: true; message: string; actions: Array<{ title: string; command: string }> }

const children = (id?: string) => vscode.commands.executeCommand<Node[]>("lakebase.explorer.children", id);

describe("first run", function () {
  this.timeout(120000);
  before(async () => {
    await activateExtension();
    await vscode.commands.executeCommand("lakebase.target.clear");
  });
  after(async () => { await vscode.commands.executeCommand("lakebase.target.clear"); });

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
});
