// Export of a whole result in the real VS Code: progress in a notification, and its Cancel button
// (clicked in the workbench's own DOM) stops the COPY on the server and leaves no file behind.
import * as assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import type { QuerySummary } from "../../../src/ui/query/querySummary";
import { activateExtension, ensureProject, stubWindow, waitFor, workspaceFolder } from "../support/emulatorRest";
import { textsOf } from "../support/webviewProbes";
import { actInResultsWebview, clickInWorkbench, inResultsWebview, workbenchRequestsAvailable, workbenchTexts } from "../support/workbench";

// 20M rows (~45 bytes each): the export runs for many seconds. Two small series joined stream their rows
// (one big generate_series would be materialized by the server before the first row).
const BIG = "SELECT a * 1000 + b AS id, md5(b::text) AS h FROM generate_series(0, 19999) a, generate_series(1, 1000) b";
const TOAST = ".notification-toast";
const run = (arg: unknown) => vscode.commands.executeCommand<QuerySummary | undefined>("lakebase.query.run", arg);

describe("export progress and cancel", function () {
  this.timeout(120000);

  before(async function () {
    if (!workbenchRequestsAvailable()) this.skip();
    await activateExtension();
    const endpoint = await ensureProject("vscode-queries", "VS Code queries");
    await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint, database: "databricks_postgres" });
    await vscode.workspace.getConfiguration("lakebase.query").update("maxRows", 50, vscode.ConfigurationTarget.Workspace);
  });
  after(async () => {
    await vscode.workspace.getConfiguration("lakebase.query").update("maxRows", undefined, vscode.ConfigurationTarget.Workspace);
  });

  it("shows the bytes written in a notification; its Cancel stops the COPY on the server and removes the partial file", async function () {
    // Read in a toast, on VS Code 1.100 only: 1.139 shows no toasts under the smoke-test driver the test
    // workbench runs with (NotificationsToasts.addToast returns early on enableSmokeTestDriver). Reading
    // the notification center instead passed with this suite alone but not after other suites (the
    // item never showed its size within 30 s; cause not found). The COPY's cancel is also covered by
    // test/integration/db/export.test.ts.
    if (!vscode.version.startsWith("1.100.")) this.skip();
    const shown = await run({ sql: BIG });
    assert.equal(shown?.status, "ok");
    assert.equal(shown.results[0].truncated, true);
    const dir = workspaceFolder().uri.fsPath;
    const file = path.join(dir, "big-export.csv");
    const before = readdirSync(dir);
    const exporting = Promise.resolve(vscode.commands.executeCommand<unknown>("lakebase.results.export", { format: "csv", path: file }));

    // The notification says what it writes, then how far it got.
    const progress = await waitFor("the export notification with a size", async () => {
      const texts = await workbenchTexts(TOAST);
      return texts.find((t) => /exporting to big-export\.csv/.test(t) && /\d+\.\d MB/.test(t));
    }, 30000);
    assert.match(progress, /Lakebase: exporting to big-export\.csv/);
    assert.ok(existsSync(dir) && readdirSync(dir).some((f) => f.startsWith(".big-export.csv.") && f.endsWith(".part")), "it writes to a temp file next to the target");

    const clicked = await clickInWorkbench(`${TOAST} .monaco-button`, "^Cancel$");
    assert.equal(clicked.trim(), "Cancel");
    assert.equal(await exporting, undefined, "a cancelled export resolves to nothing");

    assert.equal(existsSync(file), false, "no export file");
    assert.deepEqual(readdirSync(dir).sort(), [...before].sort(), "no partial file left in the folder");
    // The server stopped: no COPY of that statement is still running for us.
    const copies = await waitFor("the COPY to stop on the server", async () => {
      const s = await run({ sql: "SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() AND query LIKE 'COPY (SELECT a * 1000 + b AS id%'", returnRows: 1 });
      const n = s?.results[0]?.rows?.[0]?.[0];
      return n === "0" ? n : undefined;
    }, 5000);
    assert.equal(copies, "0");
    const items = await workbenchTexts(TOAST);
    assert.ok(!items.some((t) => /exporting to big-export/.test(t)), `the progress notification closed: ${JSON.stringify(items)}`);
  });

  it("the panel's Export button gets an answer in the panel: the rows written, or why nothing was", async () => {
    const shown = await run({ sql: "SELECT g AS n FROM generate_series(1, 250) g" });
    assert.equal(shown?.status, "ok");
    const file = path.join(workspaceFolder().uri.fsPath, "panel-export.csv");
    const toast = async (re: RegExp) => waitFor(`the panel to say ${re}`, async () => (await inResultsWebview(textsOf, ".toast")).find((t) => re.test(t)), 30000);
    let dialog = stubWindow("showSaveDialog", () => vscode.Uri.file(file));
    try {
      await actInResultsWebview("[data-action=export-csv]", "click");
      assert.match(await toast(/Exported/), /^Exported 250 rows to panel-export\.csv\.$/);
      assert.equal(dialog.calls.length, 1);
    } finally { dialog.restore(); }
    assert.equal(existsSync(file), true);
    // A destination the export cannot write: the reason reaches the panel, not only the log.
    dialog = stubWindow("showSaveDialog", () => vscode.Uri.parse("untitled:/elsewhere.csv"));
    try {
      await actInResultsWebview("[data-action=export-csv]", "click");
      assert.match(await toast(/local files/), /Exports are written to local files/);
    } finally { dialog.restore(); }
    await vscode.workspace.fs.delete(vscode.Uri.file(file));
  });
});
