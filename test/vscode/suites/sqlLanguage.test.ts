// SQL language features in a real VS Code against the emulator: completion, hover, signature help
// and go to definition on a real .sql document, driven by the target branch's live catalog; key words
// only (and one status) without a reachable target; DDL run from the editor refreshes the catalog.
import * as assert from "node:assert/strict";
import { rmSync } from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import type { CatalogSummary } from "../../../src/ui/sql/sqlCatalogs";
import { activateExtension, ensureProject, waitFor, workspaceFolder } from "../support/emulatorRest";

const PROJECT = "vscode-sqllang";
const SETUP = `
CREATE SCHEMA IF NOT EXISTS "Sales Ünit";
CREATE TABLE IF NOT EXISTS shop_customers (id int PRIMARY KEY, name text NOT NULL, email text);
COMMENT ON TABLE shop_customers IS 'people who buy';
CREATE TABLE IF NOT EXISTS shop_orders (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES shop_customers(id), total numeric(10,2) DEFAULT 0);
CREATE TABLE IF NOT EXISTS "Sales Ünit"."Line Items" ("ID" int PRIMARY KEY, "Qty" int NOT NULL);
CREATE OR REPLACE FUNCTION shop_tax(amount numeric, rate numeric DEFAULT 0.2) RETURNS numeric LANGUAGE sql AS $$ SELECT amount * rate $$;
`;

const refresh = () => vscode.commands.executeCommand<CatalogSummary>("lakebase.sql.refreshCatalog");

async function completions(doc: vscode.TextDocument, marker: string): Promise<vscode.CompletionItem[]> {
  const offset = doc.getText().indexOf(marker) + marker.length;
  const list = await vscode.commands.executeCommand<vscode.CompletionList>("vscode.executeCompletionItemProvider", doc.uri, doc.positionAt(offset));
  // Other extensions (VS Code's word completion) add items too: keep ours, which have a detail or are key words.
  return list.items.filter((i) => i.detail !== undefined || i.kind === vscode.CompletionItemKind.Keyword);
}
const label = (i: vscode.CompletionItem) => (typeof i.label === "string" ? i.label : i.label.label);
const insert = (i: vscode.CompletionItem) => (i.insertText instanceof vscode.SnippetString ? i.insertText.value : i.insertText ?? label(i));

describe("SQL language features", function () {
  this.timeout(120000);
  let doc: vscode.TextDocument;
  let file: string;

  before(async () => {
    await activateExtension();
    const endpoint = await ensureProject(PROJECT, "VS Code SQL language");
    await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint, database: "databricks_postgres" });
    const setup = await vscode.commands.executeCommand<{ status: string; error?: unknown }>("lakebase.query.run", { sql: SETUP });
    assert.equal(setup?.status, "ok", JSON.stringify(setup?.error));
    file = path.join(workspaceFolder().uri.fsPath, "language.sql");
    const text = [
      "SELECT c. FROM shop_customers c JOIN shop_orders o ON o.customer_id = c.id;",
      "SELECT * FROM ",
      "SELECT * FROM shop_customers c JOIN ",
      'SELECT i. FROM "Sales Ünit"."Line Items" i;',
      "SELECT shop_tax(1, ) FROM shop_orders;",
      "INSERT INTO shop_orders (id, customer_id, total) SELECT id, id, 0 FROM shop_customers;",
    ].join("\n");
    await vscode.workspace.fs.writeFile(vscode.Uri.file(file), Buffer.from(text));
    doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const summary = await refresh();
    assert.equal(summary.status, "ready", JSON.stringify(summary));
    assert.ok(summary.relations >= 3 && summary.functions > 100, JSON.stringify(summary));
    assert.deepEqual(summary.searchPath, ["public"]);
  });
  after(async () => {
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    rmSync(file, { force: true });
  });

  it("completes an alias's columns in table order, with type and key", async () => {
    const items = await completions(doc, "SELECT c.");
    assert.deepEqual(items.map(label), ["id", "name", "email"]);
    assert.equal(items[0].detail, "integer NOT NULL PK · shop_customers");
    assert.equal(items[0].kind, vscode.CompletionItemKind.Field);
  });

  it("completes tables after FROM, and joins on foreign keys after JOIN", async () => {
    const tables = (await completions(doc, "SELECT * FROM ")).filter((i) => i.kind === vscode.CompletionItemKind.Class).map(label);
    assert.ok(tables.includes("shop_customers") && tables.includes("shop_orders"), tables.join(", "));
    assert.ok(!tables.includes("Line Items"), "not on the search path");
    const joins = (await completions(doc, "shop_customers c JOIN ")).filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map(insert);
    assert.deepEqual(joins, ["shop_orders so ON so.customer_id = c.id"]);
  });

  it("inserts quoted, mixed-case and Unicode names quoted", async () => {
    const items = await completions(doc, "SELECT i.");
    assert.deepEqual(items.map(insert), ['"ID"', '"Qty"']);
  });

  it("hovers a column and a table with what the catalog knows", async () => {
    const at = (needle: string, delta = 1) => doc.positionAt(doc.getText().indexOf(needle) + delta);
    const [col] = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", doc.uri, at("customer_id = c.id"));
    const colText = (col.contents[0] as vscode.MarkdownString).value;
    assert.match(colText, /^\*\*column\*\* `shop_orders\.customer_id` of table `public\.shop_orders`\n\n`integer NOT NULL`\n\nreferences `public\.shop_customers\(id\)`$/);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", doc.uri, at("shop_customers c JOIN shop_orders", 3));
    const text = hovers.map((h) => (h.contents[0] as vscode.MarkdownString).value).join("\n");
    assert.match(text, /\*\*table\*\* `public\.shop_customers`\n\npeople who buy\n\n3 columns/);
  });

  it("hovers the column list of INSERT INTO t (…) with the target's columns, and the SELECT feeding it with its own", async () => {
    const hoverText = async (needle: string, delta: number) => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", doc.uri, doc.positionAt(doc.getText().indexOf(needle) + delta));
      return hovers.map((h) => (h.contents[0] as vscode.MarkdownString).value).join("\n");
    };
    assert.match(await hoverText("total) SELECT", 2), /^\*\*column\*\* `shop_orders\.total` of table `public\.shop_orders`\n\n`numeric\(10,2\) NULL DEFAULT 0`$/);
    assert.match(await hoverText("customer_id, total) SELECT", 2), /references `public\.shop_customers\(id\)`/);
    assert.match(await hoverText("id, id, 0 FROM", 1), /^\*\*column\*\* `shop_customers\.id` of table `public\.shop_customers`/);
  });

  it("shows a function's signature with the active argument", async () => {
    const offset = doc.getText().indexOf("shop_tax(1, ") + "shop_tax(1, ".length;
    const help = await vscode.commands.executeCommand<vscode.SignatureHelp>("vscode.executeSignatureHelpProvider", doc.uri, doc.positionAt(offset));
    assert.equal(help.signatures[0].label, "shop_tax(amount numeric, rate numeric DEFAULT 0.2) → numeric");
    assert.equal(help.activeParameter, 1);
    assert.deepEqual(help.signatures[0].parameters.map((p) => p.label), [[9, 23], [25, 49]]);
  });

  it("goes to a read-only document with the table's DDL, on the column's line", async () => {
    const offset = doc.getText().indexOf("o.customer_id") + 3;
    const locations = await vscode.commands.executeCommand<vscode.Location[]>("vscode.executeDefinitionProvider", doc.uri, doc.positionAt(offset));
    assert.equal(locations.length, 1);
    const ddl = await vscode.workspace.openTextDocument(locations[0].uri);
    assert.equal(locations[0].uri.scheme, "lakebase-ddl");
    assert.match(ddl.getText(), /^CREATE TABLE public\.shop_orders \($/m);
    assert.match(ddl.getText(), /CONSTRAINT shop_orders_customer_id_fkey FOREIGN KEY \(customer_id\) REFERENCES public\.shop_customers\(id\)/);
    assert.equal(ddl.lineAt(locations[0].range.start.line).text, "    customer_id integer NOT NULL,");
  });

  it("re-reads the catalog after DDL run from the editor: a new table completes", async () => {
    const before = await refresh();
    const ran = await vscode.commands.executeCommand<{ status: string }>("lakebase.query.run", { sql: "CREATE TABLE IF NOT EXISTS shop_refunds (id int);" });
    assert.equal(ran?.status, "ok");
    // The re-read runs in the background; the refresh command waits for the catalog it starts.
    const after = await refresh();
    assert.equal(after.relations, before.relations + 1);
    const tables = (await completions(doc, "SELECT * FROM ")).map(label);
    assert.ok(tables.includes("shop_refunds"), tables.join(", "));
  });

  it("squiggles syntax errors at the exact character, and unknown columns with a Did you mean quick fix", async () => {
    const diagFile = path.join(workspaceFolder().uri.fsPath, "diagnostics.sql");
    await vscode.workspace.fs.writeFile(vscode.Uri.file(diagFile), Buffer.from("SELECT nme FROM shop_customers;\nSELECT 1 FRM shop_orders;\nSELECT * FROM shop_ordrs;\n"));
    try {
      const diagDoc = await vscode.workspace.openTextDocument(diagFile);
      await vscode.window.showTextDocument(diagDoc);
      const ours = () => vscode.languages.getDiagnostics(diagDoc.uri).filter((d) => d.source === "PostgreSQL parser" || d.source === "Lakebase catalog");
      const found = await waitFor("diagnostics", () => (ours().length === 3 ? ours() : undefined));
      const view = found.map((d) => [d.severity, d.code, diagDoc.getText(d.range), d.message]);
      assert.deepEqual(view, [
        [vscode.DiagnosticSeverity.Error, "syntax", "shop_orders", 'syntax error at or near "shop_orders"'],
        [vscode.DiagnosticSeverity.Information, "unknown-column", "nme", 'Column "nme" is not in public.shop_customers. Did you mean "name"?'],
        [vscode.DiagnosticSeverity.Information, "unknown-table", "shop_ordrs", 'Table "shop_ordrs" is not in the search path (public) of the target\'s catalog. Did you mean "shop_orders"?'],
      ]);
      const nme = found[1];
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", diagDoc.uri, nme.range, vscode.CodeActionKind.QuickFix.value);
      const fix = actions.find((a) => a.title === "Did you mean name?");
      assert.ok(fix?.edit, actions.map((a) => a.title).join(", "));
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.equal(diagDoc.lineAt(0).text, "SELECT name FROM shop_customers;");
      await waitFor("the fixed line loses its squiggle", () => (ours().length === 2 ? true : undefined));
    } finally {
      await vscode.commands.executeCommand("workbench.action.revertAndCloseActiveEditor");
      rmSync(diagFile, { force: true });
    }
  });

  it("an untitled SQL editor gets completion too, and Format Document uses the editor's indentation", async () => {
    const untitled = await vscode.workspace.openTextDocument({ language: "sql", content: "select c.id,c.name from shop_customers c where c." });
    const items = await completions(untitled, "where c.");
    assert.deepEqual(items.map(label), ["id", "name", "email"]);
    // The half-typed statement cannot be parsed by the formatter: it is left alone (no edit), not mangled.
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[] | undefined>("vscode.executeFormatDocumentProvider", untitled.uri, { tabSize: 4, insertSpaces: true });
    assert.equal(edits?.length ?? 0, 0);
    const formatted = await vscode.workspace.openTextDocument({ language: "sql", content: "select c.id,c.name from shop_customers c" });
    const fEdits = await vscode.commands.executeCommand<vscode.TextEdit[]>("vscode.executeFormatDocumentProvider", formatted.uri, { tabSize: 4, insertSpaces: true });
    const edit = new vscode.WorkspaceEdit();
    edit.set(formatted.uri, fEdits);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal(formatted.getText(), "select\n    c.id,\n    c.name\nfrom\n    shop_customers c");
  });

  it("without a target: key words only and no error", async () => {
    await vscode.commands.executeCommand("lakebase.target.clear");
    try {
      const items = await completions(doc, "SELECT * FROM ");
      assert.ok(items.length > 20);
      assert.ok(items.every((i) => i.kind === vscode.CompletionItemKind.Keyword), items.filter((i) => i.kind !== vscode.CompletionItemKind.Keyword).map(label).join(", "));
      assert.equal((await refresh()).status, "none");
    } finally {
      const endpoint = await ensureProject(PROJECT, "VS Code SQL language");
      await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint, database: "databricks_postgres" });
    }
  });
});
