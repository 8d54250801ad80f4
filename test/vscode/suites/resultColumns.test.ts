// Hide and move columns in the results panel of a real VS Code (issue #15 item 3): a column hidden from its
// header's context menu, another moved with Alt+Shift+Right on the grid, and the clipboard then holds exactly
// the shown columns in their new order; pictures of the Columns… list in light and dark at 1000 and 1400 px.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import type { QuerySummary } from "../../../src/ui/query/querySummary";
import type { PanelSnapshot } from "../../../src/ui/results/resultsPanel";
import { activateExtension, ensureProject, screenshot, waitFor } from "../support/emulatorRest";
import { actInResultsWebview, inResultsWebview, workbenchRequestsAvailable } from "../support/workbench";
import { textsOf } from "../support/webviewProbes";

const run = (sql: string) => vscode.commands.executeCommand<QuerySummary>("lakebase.query.run", { sql, returnRows: 5 });
const snapshot = () => vscode.commands.executeCommand<PanelSnapshot>("lakebase.results.snapshot");
const copy = (arg: unknown) => vscode.commands.executeCommand("lakebase.results.copy", arg);
const setTheme = (theme: string | undefined) => vscode.workspace.getConfiguration("workbench").update("colorTheme", theme, vscode.ConfigurationTarget.Global);
const headerNames = () => inResultsWebview(textsOf, ".grid-header .hcell .hname");

describe("results columns: hide and move", function () {
  this.timeout(180000);

  before(async function () {
    if (!workbenchRequestsAvailable()) this.skip();
    await activateExtension();
    const endpoint = await ensureProject("vscode-queries", "VS Code queries");
    await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint, database: "databricks_postgres" });
  });
  after(async () => {
    await setTheme(undefined);
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
  });

  it("hides a column from its header and moves another by keyboard; the copy holds what the grid shows", async () => {
    const r = await run("SELECT id, name, email, plan FROM (VALUES (1, 'Ada', 'ada@example.com', 'pro'), (2, 'Grace', 'grace@example.com', NULL)) AS t(id, name, email, plan) ORDER BY id");
    assert.equal(r.status, "ok", JSON.stringify(r.error));
    await waitFor("the webview to hold 2 rows", async () => {
      const s = await snapshot();
      const res = s.results[0];
      return res && s.webviewRows[res.resultId] === 2 && !s.query?.running;
    }, 30000);
    assert.deepEqual(await headerNames(), ["id", "name", "email", "plan"]);

    await actInResultsWebview(".grid-header .hcell[data-col='2']", "rightclick");
    await actInResultsWebview(".context-menu .menu-item", "click", { text: "^Hide Column" });
    await waitFor("email hidden", async () => (await headerNames()).join() === "id,name,plan");
    assert.match((await inResultsWebview(textsOf, ".status-meta"))[0] ?? "", /1 column hidden/);

    await actInResultsWebview(".grid-body .grid-row .cell[data-col='0']", "click", { text: "^1$" });
    await actInResultsWebview(".grid", "press", { value: "Alt+Shift+ArrowRight" });
    await waitFor("id moved after name", async () => (await headerNames()).join() === "name,id,plan");

    await vscode.env.clipboard.writeText("before");
    await copy({ format: "tsvHeaders", all: true });
    assert.equal(await vscode.env.clipboard.readText(), "name\tid\tplan\nAda\t1\tpro\nGrace\t2\t");

    if (process.env.LAKEBASE_TEST_SCREENSHOT_DIR) {
      await actInResultsWebview(".grid-header .hcell[data-col='1']", "rightclick");
      await actInResultsWebview(".context-menu .menu-item", "click", { text: "^Columns…" });
      await waitFor("the Columns list", async () => (await inResultsWebview(textsOf, ".columns-panel .columns-name")).join() === "name,id,email,plan");
      for (const [kind, theme] of [["light", "Default Light Modern"], ["dark", "Default Dark Modern"]] as const) {
        await setTheme(theme);
        for (const size of ["1000x700", "1400x900"] as const) assert.ok(await screenshot(`columns-${kind}-${size.split("x")[0]}`, size), `picture columns-${kind}-${size}`);
      }
      await setTheme(undefined);
      await actInResultsWebview(".columns-panel input", "press", { value: "Escape" });
    }
  });
});
