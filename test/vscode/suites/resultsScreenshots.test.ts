// README pictures of the results features in a real VS Code, light and dark (issue #15): Edit Data with the
// SQL shown before it runs (a cell edited through the grid's own editor), a 1,000-column result, and a cell's
// JSON value opened in an editor tab from the grid's context menu. Each picture is taken after checking that
// what it should show is on screen.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import type { QuerySummary } from "../../../src/ui/query/querySummary";
import type { PanelSnapshot } from "../../../src/ui/results/resultsPanel";
import { activateExtension, ensureProject, screenshot, waitFor } from "../support/emulatorRest";
import { actInResultsWebview, inResultsWebview, workbenchRequestsAvailable } from "../support/workbench";
import { textsOf } from "../support/webviewProbes";

const cellTexts = (selector: string) => inResultsWebview(textsOf, selector);

const THEMES = [["light", "Default Light Modern"], ["dark", "Default Dark Modern"]] as const;
const run = (sql: string) => vscode.commands.executeCommand<QuerySummary>("lakebase.query.run", { sql, returnRows: 5 });
const snapshot = () => vscode.commands.executeCommand<PanelSnapshot>("lakebase.results.snapshot");
const setTheme = (theme: string | undefined) => vscode.workspace.getConfiguration("workbench").update("colorTheme", theme, vscode.ConfigurationTarget.Global);

async function inBothThemes(name: string): Promise<void> {
  for (const [kind, theme] of THEMES) {
    await setTheme(theme);
    const file = await screenshot(`${name}-${kind}`, "1400x900");
    assert.ok(file, `picture ${name}-${kind}`);
  }
  await setTheme(undefined);
}

async function webviewHolds(rows: number): Promise<void> {
  await waitFor(`the webview to hold ${rows} rows`, async () => {
    const s = await snapshot();
    const r = s.results[0];
    return r && s.webviewRows[r.resultId] === rows && !s.query?.running;
  }, 30000);
}

describe("results screenshots", function () {
  this.timeout(180000);

  before(async function () {
    if (!workbenchRequestsAvailable() || !process.env.LAKEBASE_TEST_SCREENSHOT_DIR) this.skip();
    await activateExtension();
    const endpoint = await ensureProject("vscode-queries", "VS Code queries");
    await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint, database: "databricks_postgres" });
    const setup = await run("DROP TABLE IF EXISTS shot_customers;\n" +
      "CREATE TABLE shot_customers (id int PRIMARY KEY, name text, email text, tags text[], profile jsonb);\n" +
      "INSERT INTO shot_customers VALUES (1, 'Ada', 'ada@example.com', '{vip,early}', '{\"plan\": \"pro\", \"seats\": 12}'), (2, 'Grace Hopper', 'grace@example.com', NULL, NULL), (3, 'Edsger Dijkstra', '', '{}', '[]');");
    assert.equal(setup.status, "ok", JSON.stringify(setup.error));
  });
  after(async () => {
    await setTheme(undefined);
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
  });

  it("Edit Data: a cell edited in the grid, and the SQL shown before it runs", async () => {
    const opened = await vscode.commands.executeCommand<QuerySummary>("lakebase.table.editData", { schema: "public", table: "shot_customers" });
    assert.equal(opened?.status, "ok", JSON.stringify(opened?.error));
    await webviewHolds(3);
    // Ada's name (row 1, column "name"), through the grid's own editor: double-click, type, Enter.
    await actInResultsWebview(".grid-body .grid-row .cell[data-col='1']", "dblclick", { text: "^Ada$" });
    await actInResultsWebview(".cell-editor", "fill", { value: "Ada Lovelace" });
    await actInResultsWebview(".cell-editor", "press", { value: "Enter" });
    await waitFor("the staged edit in the edit bar", async () => /1 staged change/.test((await cellTexts(".editbar")).join(" ")));
    await actInResultsWebview("[data-action=review-edits]", "click");
    const sql = await waitFor("the review SQL", async () => (await cellTexts(".edit-review .review-sql"))[0]);
    assert.match(sql, /UPDATE "public"\."shot_customers" SET "name" = \$1::text WHERE "id" = \$2::integer/);
    assert.match(sql, /\$1 = 'Ada Lovelace'/);
    await inBothThemes("edit-review");
    await actInResultsWebview("[data-action=back-to-edits]", "click");
  });

  it("a 1,000-column result", async () => {
    const cols = Array.from({ length: 1000 }, (_, i) => `g * ${i + 1} AS c${String(i + 1).padStart(4, "0")}`).join(", ");
    const wide = await run(`SELECT ${cols} FROM generate_series(1, 60) g`);
    assert.equal(wide.status, "ok", JSON.stringify(wide.error));
    assert.equal(wide.results[0].columns.length, 1000);
    await webviewHolds(60);
    const headers = await cellTexts(".grid-header .hname");
    assert.ok(headers.includes("c0001") && headers.length < 40, `a few of the 1,000 headers in the DOM: ${headers.length}`);
    await inBothThemes("wide-1000-columns");
  });

  it("a JSON cell opened in an editor tab from the grid's context menu", async () => {
    const r = await run("SELECT id, name, profile FROM shot_customers ORDER BY id");
    assert.equal(r.status, "ok");
    await webviewHolds(3);
    await actInResultsWebview(".grid-body .grid-row .cell[data-col='2']", "rightclick", { text: "plan" });
    await actInResultsWebview(".context-menu .menu-item", "click", { text: "^Open Value in Editor" });
    const doc = await waitFor("the value's editor", () => vscode.window.visibleTextEditors.map((e) => e.document).find((d) => d.languageId === "json" && d.getText().includes('"plan"')));
    assert.deepEqual(JSON.parse(doc.getText()), { plan: "pro", seats: 12 });
    assert.ok(doc.lineCount > 1, "pretty-printed over several lines");
    await inBothThemes("cell-viewer");
  });
});
