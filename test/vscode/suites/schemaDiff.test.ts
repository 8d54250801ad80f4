// "Lakebase: Compare Branch Schemas…" in a real VS Code against the emulator: two real branches,
// the tree's changes, an object's DDL side by side in the diff editor, and the draft migration.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { activateExtension, ensureProject, rest } from "../support/emulatorRest";

const PROJECT = "vscode-schema-diff";
const PROD = `projects/${PROJECT}/branches/production`;
const FEATURE = `projects/${PROJECT}/branches/widgets`;

describe("schema diff: compare two branches", function () {
  this.timeout(120_000);

  before(async () => {
    await activateExtension();
    await ensureProject(PROJECT);
    await vscode.commands.executeCommand("lakebase.branch.create", { profile: "emulator", sourceBranch: PROD, branchId: "widgets", ttlSeconds: 3600 });
    const ep = (await rest("GET", `/api/2.0/postgres/${FEATURE}/endpoints`)).json.endpoints[0];
    await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint: ep.name });
    const run = await vscode.commands.executeCommand<{ status: string }>("lakebase.query.run", {
      sql: "CREATE TABLE widgets (id serial PRIMARY KEY, label text NOT NULL); CREATE INDEX widgets_label_idx ON widgets (label);",
    });
    assert.equal(run?.status, "ok", JSON.stringify(run));
  });
  after(async () => {
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    await vscode.commands.executeCommand("lakebase.target.clear");
  });

  it("lists the new table (its key, sequence and index under it), shows its DDL side by side and drafts the migration", async () => {
    const result = await vscode.commands.executeCommand<{ changes: string[]; tree: unknown }>("lakebase.schema.compare", { profile: "emulator", from: PROD, to: FEATURE, confirm: false });
    assert.deepEqual(result?.changes, ["+ table public.widgets"]);
    assert.deepEqual(result?.tree, [{
      key: "table:public.widgets", change: "added",
      children: ["sequence:public.widgets_id_seq", "constraint:public.widgets.widgets_pkey", "index:public.widgets_label_idx"],
    }]);

    await vscode.commands.executeCommand("lakebase.schema.openDiff", { key: "table:public.widgets" });
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputTextDiff, "a diff editor is open");
    const [left, right] = await Promise.all([vscode.workspace.openTextDocument(tab.input.original), vscode.workspace.openTextDocument(tab.input.modified)]);
    assert.equal(left.getText(), "", "production has no such table");
    assert.equal(right.getText(), "CREATE TABLE public.widgets (\n    id integer DEFAULT nextval('public.widgets_id_seq'::regclass) NOT NULL,\n    label text NOT NULL\n);\n");
    assert.match(tab.label, /public\.widgets: production ↔ widgets/);

    const draft = await vscode.commands.executeCommand<{ sql: string }>("lakebase.schema.draftMigration");
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.isUntitled, true);
    assert.equal(editor.document.languageId, "sql");
    assert.equal(editor.document.getText(), draft?.sql);
    for (const stmt of ["CREATE SEQUENCE public.widgets_id_seq", "CREATE TABLE public.widgets", "ADD CONSTRAINT widgets_pkey PRIMARY KEY (id);", "CREATE INDEX widgets_label_idx ON public.widgets USING btree (label);", "ALTER SEQUENCE public.widgets_id_seq OWNED BY public.widgets.id;"]) {
      assert.ok(draft!.sql.includes(stmt), `draft lacks ${stmt}:\n${draft!.sql}`);
    }
    // Drafted, never applied: production still has no such table.
    const again = await vscode.commands.executeCommand<{ changes: string[] }>("lakebase.schema.compare", { profile: "emulator", from: PROD, to: FEATURE, confirm: false });
    assert.deepEqual(again?.changes, ["+ table public.widgets"]);
  });
});
