// The results panel in a real VS Code (issue #15): error lines in the file's numbering (statement at the cursor
// and Run File), a cancel and a timeout reported as such, the panel restored where it was after a reload (the
// serializer path) without a new column, and screenshots at 1000 and 1400 px in light and dark themes.
import * as assert from "node:assert/strict";
import { readFileSync, rmSync } from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import type { QuerySummary } from "../../../src/ui/query/querySummary";
import type { PanelSnapshot } from "../../../src/ui/results/resultsPanel";
import { activateExtension, ensureProject, screenshot, waitFor, workspaceFolder } from "../support/emulatorRest";

const VIEW_TYPE = "lakebase.results";
// Line numbers (1-based) matter here: the failing statement starts with a comment on line 4 and fails on line 6.
const SCRIPT = [
  "-- Issue 15: errors are reported at the file's lines",
  "SELECT 1 AS ok;",
  "",
  "-- the bad column is on the line after this comment",
  "SELECT n,",
  "       nme FROM (SELECT 1 AS n) s;",
].join("\n");

const run = (arg?: unknown) => vscode.commands.executeCommand<QuerySummary | undefined>("lakebase.query.run", arg);
const snapshot = () => vscode.commands.executeCommand<PanelSnapshot>("lakebase.results.snapshot");
const resultTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs.filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(VIEW_TYPE)).map(() => g.viewColumn));

describe("results panel", function () {
  this.timeout(120000);
  let editor: vscode.TextEditor;
  let sqlFile: string;

  before(async () => {
    await activateExtension();
    // No results panel or editor left by an earlier suite: the columns and tabs checked here are this suite's.
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    await waitFor("no results tab", async () => resultTabs().length === 0);
    const endpoint = await ensureProject("vscode-queries", "VS Code queries");
    await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint, database: "databricks_postgres" });
    sqlFile = path.join(workspaceFolder().uri.fsPath, "results-panel.sql");
    await vscode.workspace.fs.writeFile(vscode.Uri.file(sqlFile), Buffer.from(SCRIPT));
    editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(sqlFile), vscode.ViewColumn.One);
  });
  after(async () => {
    await vscode.workspace.getConfiguration("lakebase.query").update("timeout", undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.getConfiguration("workbench").update("colorTheme", undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    rmSync(sqlFile, { force: true });
  });

  it("puts the error at the file's line, for the statement at the cursor and for Run File", async () => {
    const col = editor.document.lineAt(5).text.indexOf("nme");
    editor.selection = new vscode.Selection(4, 2, 4, 2);
    const one = await run();
    assert.equal(one?.status, "error");
    assert.equal(one.error?.sqlstate, "42703");
    assert.deepEqual([one.error?.line, one.error?.character], [5, col]);
    const panelError = (await snapshot()).error;
    assert.deepEqual([panelError?.line, panelError?.column, panelError?.outcome], [6, col + 1, undefined], "the panel says Line 6, as the editor does");

    editor = await vscode.window.showTextDocument(editor.document, vscode.ViewColumn.One);
    const file = await vscode.commands.executeCommand<QuerySummary>("lakebase.query.runFile");
    assert.equal(file.status, "error");
    assert.equal(file.statementsRun, 1, "the first statement ran, the second failed");
    assert.deepEqual([(await snapshot()).error?.line, (await snapshot()).error?.column], [6, col + 1]);
  });

  it("reports a user's cancel as cancelled and the timeout setting as a timeout", async () => {
    const pending = run({ sql: "SELECT pg_sleep(30)" });
    await waitFor("the query to be running", async () => (await snapshot()).query?.running && (await snapshot()).query?.sql === "SELECT pg_sleep(30)");
    assert.equal(await vscode.commands.executeCommand("lakebase.query.cancel"), true);
    assert.equal((await pending)?.status, "cancelled");
    const cancelled = (await snapshot()).error;
    assert.equal(cancelled?.outcome, "cancelled");
    assert.equal(cancelled?.sqlstate, "57014");

    await vscode.workspace.getConfiguration("lakebase.query").update("timeout", 1, vscode.ConfigurationTarget.Workspace);
    assert.equal((await run({ sql: "SELECT pg_sleep(20)" }))?.status, "timeout");
    assert.equal((await snapshot()).error?.outcome, "timeout");
    await vscode.workspace.getConfiguration("lakebase.query").update("timeout", undefined, vscode.ConfigurationTarget.Workspace);
    const ok = await run({ sql: "SELECT 1 AS fine" });
    assert.equal(ok?.status, "ok");
    assert.equal((await snapshot()).error, undefined, "a successful run clears the error");
  });

  it("adopts the results tab VS Code restores after a reload, in its column; the next run opens no new column", async () => {
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    await waitFor("the old panel to close", async () => !(await snapshot()).open);
    editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(sqlFile), vscode.ViewColumn.One);
    // What VS Code does on reload: it recreates the tab in its group and hands it to our serializer.
    const restored = vscode.window.createWebviewPanel(VIEW_TYPE, "Lakebase Results", { viewColumn: vscode.ViewColumn.Two, preserveFocus: true });
    const before = (await snapshot()).readyCount;
    await vscode.commands.executeCommand("lakebase.results.adopt", restored);
    await waitFor("the restored webview to say ready", async () => (await snapshot()).readyCount > before);
    const groups = vscode.window.tabGroups.all.length;
    assert.deepEqual(resultTabs(), [vscode.ViewColumn.Two]);

    editor = await vscode.window.showTextDocument(editor.document, vscode.ViewColumn.One);
    const summary = await run({ sql: "SELECT 1 AS one, 2 AS two, 3 AS three" });
    assert.equal(summary?.status, "ok");
    await waitFor("the restored panel to hold the row", async () => { const s = await snapshot(); const id = s.results[0]?.resultId; return id && s.webviewRows[id] === 1; });
    assert.equal(vscode.window.tabGroups.all.length, groups, "no third column");
    assert.deepEqual(resultTabs(), [vscode.ViewColumn.Two], "still one results tab, in the column it had");
    assert.equal((await snapshot()).viewColumn, vscode.ViewColumn.Two);
  });

  it("screenshots: '3 rows · … · production' at 1000 and 1400 px, light and dark, and high contrast", async () => {
    const setup = await run({ sql: "CREATE TABLE IF NOT EXISTS panel_customers (id int PRIMARY KEY, name text, email text, since timestamptz);\n" +
      "INSERT INTO panel_customers VALUES (1, 'Ada Lovelace', 'ada@example.com', '2024-03-01 09:30:00+00'), (2, 'Grace Hopper', 'grace@example.com', '2024-05-12 14:00:00+00'), (3, 'Edsger Dijkstra', 'edsger@example.com', '2025-01-20 08:15:00+00') ON CONFLICT DO NOTHING;" });
    assert.equal(setup?.status, "ok", JSON.stringify(setup?.error));
    editor = await vscode.window.showTextDocument(editor.document, vscode.ViewColumn.One);
    const summary = await run({ sql: "-- from the customers table\nSELECT id, name, email, since FROM panel_customers ORDER BY id" });
    assert.equal(summary?.status, "ok");
    assert.equal(summary.results[0].rowCount, 3);
    const shots: string[] = [];
    for (const theme of ["Default Light Modern", "Default Dark Modern"]) {
      await vscode.workspace.getConfiguration("workbench").update("colorTheme", theme, vscode.ConfigurationTarget.Global);
      for (const size of ["1000x700", "1400x900"] as const) {
        const file = await screenshot(`results-${theme.includes("Light") ? "light" : "dark"}-${size.split("x")[0]}`, size);
        if (file) shots.push(file);
      }
    }
    // Without the runner's screenshot directory (electron runner) there is nothing to check.
    await vscode.workspace.getConfiguration("workbench").update("colorTheme", "Default High Contrast", vscode.ConfigurationTarget.Global);
    const hc = await screenshot("results-high-contrast-1000", "1000x700");
    if (hc) shots.push(hc);
    if (process.env.LAKEBASE_TEST_SCREENSHOT_DIR) {
      assert.equal(shots.length, 5);
      for (const f of shots) assert.deepEqual([...readFileSync(f).subarray(1, 4)], [0x50, 0x4e, 0x47], `${f} is a PNG`);
    }
  });
});
