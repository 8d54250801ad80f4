// A target per SQL editor in a real VS Code against the emulator: two branches of one project, one
// editor each; the same query gives each editor its own branch's rows; the results summary, history,
// completion, diagnostics, Explain and the lens at the top of the editor say which target each used.
import * as assert from "node:assert/strict";
import { rmSync } from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import type { HistoryEntry } from "../../../src/core/history/queryHistory";
import type { WorkspaceTarget } from "../../../src/core/target/targetStore";
import type { QuerySummary } from "../../../src/ui/query/querySummary";
import { activateExtension, ensureProject, rest, screenshot, workspaceFolder } from "../support/emulatorRest";

const PROJECT = "vscode-editor-targets";
const PROD = `projects/${PROJECT}/branches/production`;
const FEATURE = `projects/${PROJECT}/branches/feature`;
const QUERY = "SELECT v FROM where_am_i;";
const LABEL = "VS Code editor targets";

const run = (arg?: unknown) => vscode.commands.executeCommand<QuerySummary | undefined>("lakebase.query.run", arg);
const choose = (arg: unknown) => vscode.commands.executeCommand<WorkspaceTarget | null | undefined>("lakebase.query.chooseEditorTarget", arg);
const rangeOf = (doc: vscode.TextDocument, text: string) => { const start = doc.getText().indexOf(text); return { uri: doc.uri.toString(), start, end: start + text.length }; };
const lensTitles = async (doc: vscode.TextDocument) =>
  (await vscode.commands.executeCommand<vscode.CodeLens[]>("vscode.executeCodeLensProvider", doc.uri)).map((l) => l.command?.title ?? "").filter((t) => t.startsWith("$(target)"));
const labels = async (doc: vscode.TextDocument, marker: string) => {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>("vscode.executeCompletionItemProvider", doc.uri, doc.positionAt(doc.getText().indexOf(marker) + marker.length));
  return list.items.filter((i) => i.detail !== undefined).map((i) => (typeof i.label === "string" ? i.label : i.label.label));
};
const check = (doc: vscode.TextDocument) => vscode.commands.executeCommand<Array<{ message: string; code: unknown }>>("lakebase.sql.checkDocument", doc.uri);

describe("a target per SQL editor", function () {
  this.timeout(180000);
  const files: string[] = [];
  let prodDoc: vscode.TextDocument;
  let featureDoc: vscode.TextDocument;

  async function open(name: string, text: string): Promise<vscode.TextDocument> {
    const file = path.join(workspaceFolder().uri.fsPath, name);
    files.push(file);
    await vscode.workspace.fs.writeFile(vscode.Uri.file(file), Buffer.from(text));
    return vscode.workspace.openTextDocument(file);
  }

  before(async () => {
    await activateExtension();
    const endpoint = await ensureProject(PROJECT, LABEL);
    await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint, database: "databricks_postgres" });
    const setup = await run({ sql: "DROP TABLE IF EXISTS only_on_feature; DROP TABLE IF EXISTS only_on_production; CREATE TABLE IF NOT EXISTS where_am_i (v text); DELETE FROM where_am_i; INSERT INTO where_am_i VALUES ('production');" });
    assert.equal(setup?.status, "ok", JSON.stringify(setup?.error));
    if ((await rest("GET", `/api/2.0/postgres/${FEATURE}`)).status !== 200) {
      await vscode.commands.executeCommand("lakebase.branch.create", { profile: "emulator", sourceBranch: PROD, branchId: "feature", ttlSeconds: 3600 });
    }
    // After the branch was taken: production alone has it.
    const prodOnly = await run({ sql: "CREATE TABLE only_on_production (prod_col int);" });
    assert.equal(prodOnly?.status, "ok", JSON.stringify(prodOnly?.error));
    const text = `${QUERY}\nUPDATE where_am_i SET v = 'feature'; DROP TABLE IF EXISTS only_on_feature; CREATE TABLE only_on_feature (feature_col int);\nSELECT * FROM ;\nSELECT feature_col FROM only_on_feature;\nSELECT prod_col FROM only_on_production;`;
    prodDoc = await open("on-production.sql", text);
    featureDoc = await open("on-feature.sql", text);
    await vscode.window.showTextDocument(prodDoc, vscode.ViewColumn.One);
    await vscode.window.showTextDocument(featureDoc, vscode.ViewColumn.Two);
  });
  after(async () => {
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    // One editor group again, as the suites after this one expect.
    await vscode.commands.executeCommand("workbench.action.editorLayoutSingle");
    for (const f of files) rmSync(f, { force: true });
  });

  it("an editor chooses another branch; the same query returns each branch's own rows, and each run says where it ran", async () => {
    assert.deepEqual(await lensTitles(featureDoc), ["$(target) production"], "before: the folder's target, on the lens");
    const chosen = await choose({ uri: featureDoc.uri.toString(), profile: "emulator", branch: FEATURE });
    assert.equal(chosen?.branch, FEATURE);
    assert.deepEqual(await lensTitles(featureDoc), ["$(target) feature (this editor)"]);
    assert.deepEqual(await lensTitles(prodDoc), ["$(target) production"]);

    const ddl = await run(rangeOf(featureDoc, "UPDATE where_am_i SET v = 'feature'; DROP TABLE IF EXISTS only_on_feature; CREATE TABLE only_on_feature (feature_col int);"));
    assert.equal(ddl?.status, "ok", JSON.stringify(ddl?.error));
    assert.match(ddl.target, /\/ feature \//);

    const onFeature = await run(rangeOf(featureDoc, QUERY));
    const onProd = await run(rangeOf(prodDoc, QUERY));
    assert.deepEqual(onFeature?.results[0].rows, [["feature"]]);
    assert.deepEqual(onProd?.results[0].rows, [["production"]]);
    assert.equal(onFeature.target, `${LABEL} / feature / databricks_postgres`);
    assert.equal(onProd.target, `${LABEL} / production / databricks_postgres`);

    const [latest, previous] = await vscode.commands.executeCommand<HistoryEntry[]>("lakebase.history.list");
    assert.equal(latest.target.endpoint, `${PROD}/endpoints/primary`);
    assert.equal(previous.target.endpoint, `${FEATURE}/endpoints/primary`);
    assert.equal(previous.target.label, `${LABEL} / feature / databricks_postgres`);

  });

  it("shows each editor's target on its lens and the status bar, side by side (screenshots, light and dark)", async () => {
    await vscode.window.showTextDocument(prodDoc, vscode.ViewColumn.One);
    await vscode.window.showTextDocument(featureDoc, vscode.ViewColumn.Two);
    assert.deepEqual(await lensTitles(featureDoc), ["$(target) feature (this editor)"]);
    const shots: string[] = [];
    try {
      for (const theme of ["Default Light Modern", "Default Dark Modern"]) {
        await vscode.workspace.getConfiguration("workbench").update("colorTheme", theme, vscode.ConfigurationTarget.Global);
        for (const size of ["1000x700", "1400x900"] as const) {
          const file = await screenshot(`editor-target-${theme.includes("Light") ? "light" : "dark"}-${size.split("x")[0]}`, size);
          if (file) shots.push(file);
        }
      }
    } finally {
      await vscode.workspace.getConfiguration("workbench").update("colorTheme", undefined, vscode.ConfigurationTarget.Global);
    }
    assert.equal(shots.length, 4);
  });

  it("completion and diagnostics come from each editor's own branch", async () => {
    await vscode.commands.executeCommand("lakebase.sql.refreshCatalog");
    await vscode.window.showTextDocument(featureDoc, vscode.ViewColumn.Two);
    const refreshed = await vscode.commands.executeCommand<{ status: string; relations: number }>("lakebase.sql.refreshCatalog");
    assert.equal(refreshed?.status, "ready", JSON.stringify(refreshed));
    await vscode.window.showTextDocument(prodDoc, vscode.ViewColumn.One);
    await vscode.commands.executeCommand("lakebase.sql.refreshCatalog");

    const featureTables = await labels(featureDoc, "SELECT * FROM ");
    const prodTables = await labels(prodDoc, "SELECT * FROM ");
    assert.ok(featureTables.includes("only_on_feature"), featureTables.join(", "));
    assert.ok(featureTables.includes("where_am_i"));
    assert.ok(!prodTables.includes("only_on_feature"), prodTables.join(", "));
    assert.ok(prodTables.includes("where_am_i"));

    // (Tables a document creates itself are never questioned, so the check is on production's table.)
    const unknown = (ds: Array<{ message: string }>) => ds.filter((d) => /only_on_production/.test(d.message));
    assert.equal(unknown(await check(prodDoc)).length, 0, "the production editor knows the table");
    assert.ok(unknown(await check(featureDoc)).length >= 1, "the feature editor questions it");
  });

  it("Explain runs on the editor's target; the choice is remembered, and clearing it goes back to the folder's", async () => {
    const plan = await vscode.commands.executeCommand<{ root?: { nodeType?: string } }>("lakebase.query.explain", rangeOf(featureDoc, "SELECT feature_col FROM only_on_feature;"));
    assert.ok(plan?.root, JSON.stringify(plan));

    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    const reopened = await vscode.workspace.openTextDocument(featureDoc.uri);
    assert.deepEqual(await lensTitles(reopened), ["$(target) feature (this editor)"], "remembered per document");

    assert.equal(await choose({ uri: reopened.uri.toString(), clear: true }), null);
    assert.deepEqual(await lensTitles(reopened), ["$(target) production"]);
    const back = await run(rangeOf(reopened, QUERY));
    assert.deepEqual(back?.results[0].rows, [["production"]]);
  });
});
