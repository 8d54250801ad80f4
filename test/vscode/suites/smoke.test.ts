// Smoke: the extension loads in a real VS Code, its view and commands exist, and the manifest
// and the registered commands agree in both directions.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { EXTENSION_ID, waitFor } from "../support/emulatorRest";


interface Manifest {
  contributes: {
    commands: { command: string }[];
    views: Record<string, { id: string }[]>;
  };
}

// Commands VS Code itself generates for each contributed view; they are not ours to declare.
const GENERATED_VIEW_COMMAND_SUFFIXES = ["focus", "resetViewLocation", "open", "toggleVisibility", "removeView"];

function extension(): vscode.Extension<{ apiVersion: number }> {
  const ext = vscode.extensions.getExtension<{ apiVersion: number }>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in the test host`);
  return ext;
}


describe("smoke", () => {
  it("activates and returns API version 1", async () => {
    const ext = extension();
    const api = await ext.activate();
    assert.equal(ext.isActive, true);
    assert.equal(api.apiVersion, 1);
  });

  it("runs in the Node extension host of a workspace", () => {
    assert.ok(vscode.workspace.workspaceFolders?.length, "the runner opens a workspace folder");
    // The host's Node satisfies the manifest's engines.node floor (">=20.19"), which the bundle is built for.
    const floor = /^>=(\d+)\.(\d+)$/.exec(String(extension().packageJSON.engines.node));
    assert.ok(floor, `engines.node is a plain floor: ${String(extension().packageJSON.engines.node)}`);
    const [major, minor] = process.versions.node.split(".").map(Number);
    assert.ok(major! > Number(floor[1]) || (major === Number(floor[1]) && minor! >= Number(floor[2])), `Node ${process.versions.node} in the extension host is below ${floor[0]}`);
  });

  it("shows the Lakebase view container and focuses the explorer view", async () => {
    // Both commands exist only if the manifest's viewsContainers/views were accepted.
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes("workbench.view.extension.lakebase"), "the view container was accepted");
    assert.ok(commands.includes("lakebase.explorer.focus") && commands.includes("lakebase.schemaDiff.focus"), "both views were accepted");
    await vscode.commands.executeCommand("workbench.view.extension.lakebase");
    await vscode.commands.executeCommand("lakebase.explorer.focus");
  });

  it("lakebase.log.show opens the Lakebase output channel", async () => {
    await extension().activate();
    await vscode.commands.executeCommand("lakebase.log.show");
    // A shown output channel surfaces as a document with the `output` scheme.
    const doc = await waitFor("the Lakebase output document", () =>
      vscode.workspace.textDocuments.find((d) => d.uri.scheme === "output" && /Lakebase/i.test(d.uri.toString())));
    assert.ok(doc);
  });

  it("registers exactly the commands package.json declares", async () => {
    await extension().activate();
    const manifest = extension().packageJSON as Manifest;
    const declared = new Set(manifest.contributes.commands.map((c) => c.command));
    const viewIds = Object.values(manifest.contributes.views).flat().map((v) => v.id);
    const generated = new Set(viewIds.flatMap((id) => GENERATED_VIEW_COMMAND_SUFFIXES.map((s) => `${id}.${s}`)));
    const registered = new Set((await vscode.commands.getCommands(true)).filter((c) => c.startsWith("lakebase.") && !generated.has(c)));

    const notRegistered = [...declared].filter((c) => !registered.has(c)).sort();
    const notDeclared = [...registered].filter((c) => !declared.has(c)).sort();
    assert.deepEqual(notRegistered, [], `declared in package.json but not registered: ${notRegistered.join(", ")}`);
    assert.deepEqual(notDeclared, [], `registered but missing from package.json contributes.commands: ${notDeclared.join(", ")}`);
  });
});
