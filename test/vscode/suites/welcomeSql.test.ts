// The "done when": opening the demo's welcome.sql on a branch with the demo's tables gives
// table and column completion, hover and squiggles without running anything.
import * as assert from "node:assert/strict";
import { copyFileSync, rmSync } from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { activateExtension, EXTENSION_ID, ensureProject, waitFor, workspaceFolder } from "../support/emulatorRest";

// The demo seed's tables (emulator/seed.ts), created here because this tier's emulator is not seeded.
const DEMO_TABLES = `
CREATE TABLE IF NOT EXISTS customers (id serial PRIMARY KEY, name text NOT NULL, email text UNIQUE NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS orders (id serial PRIMARY KEY, customer_id int NOT NULL REFERENCES customers(id), total numeric(10,2) NOT NULL, status text NOT NULL DEFAULT 'open');`;

describe("welcome.sql on the demo tables", function () {
  this.timeout(120000);
  let file: string;
  let doc: vscode.TextDocument;

  before(async () => {
    await activateExtension();
    const endpoint = await ensureProject("vscode-welcome", "VS Code welcome");
    await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint, database: "databricks_postgres" });
    const setup = await vscode.commands.executeCommand<{ status: string; error?: unknown }>("lakebase.query.run", { sql: DEMO_TABLES });
    assert.equal(setup?.status, "ok", JSON.stringify(setup?.error));
    await vscode.commands.executeCommand("lakebase.sql.refreshCatalog");
    file = path.join(workspaceFolder().uri.fsPath, "welcome.sql");
    copyFileSync(path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, "demo", "welcome.sql"), file);
    doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
  });
  after(async () => {
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    rmSync(file, { force: true });
  });

  it("squiggles the misspelt column with a fix, and nothing else", async () => {
    const ours = () => vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === "PostgreSQL parser" || d.source === "Lakebase catalog");
    const found = await waitFor("the welcome file's diagnostics", () => (ours().length ? ours() : undefined));
    assert.deepEqual(found.map((d) => [d.severity, doc.getText(d.range), d.message]), [
      [vscode.DiagnosticSeverity.Information, "nme", 'Column "nme" is not in public.customers. Did you mean "name"?'],
    ]);
  });

  it("completes columns after c. and the join on the foreign key, and hovers the tables", async () => {
    const text = doc.getText();
    const at = (needle: string, extra = 0) => doc.positionAt(text.indexOf(needle) + needle.length + extra);
    const items = (await vscode.commands.executeCommand<vscode.CompletionList>("vscode.executeCompletionItemProvider", doc.uri, at("SELECT c."))).items;
    const fields = items.filter((i) => i.kind === vscode.CompletionItemKind.Field).map((i) => (typeof i.label === "string" ? i.label : i.label.label));
    assert.deepEqual(fields, ["id", "name", "email", "created_at"]);
    const joins = (await vscode.commands.executeCommand<vscode.CompletionList>("vscode.executeCompletionItemProvider", doc.uri, at("LEFT JOIN "))).items
      .filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map((i) => i.insertText);
    assert.deepEqual(joins, ["orders o ON o.customer_id = c.id"]);
    const [h] = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", doc.uri, at("LEFT JOIN ", 2));
    assert.match((h.contents[0] as vscode.MarkdownString).value, /^\*\*table\*\* `public\.orders`\n\n4 columns/);
  });
});
