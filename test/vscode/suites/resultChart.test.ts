// Charts of a real query result in a real VS Code (issue #15 item 6): "orders per customer" from the emulator's
// Postgres, the Chart command drawing one bar per row with the default axes, Save as PNG through the save dialog
// (and to a given path), a wrong column named by the command refused with the reason, and screenshots at 1000
// and 1400 px in the light and dark themes.
import * as assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import * as vscode from "vscode";
import type { ChartReport } from "../../../src/shared/protocol";
import type { QuerySummary } from "../../../src/ui/query/querySummary";
import type { PanelSnapshot } from "../../../src/ui/results/resultsPanel";
import { activateExtension, ensureProject, screenshot, stubWindow, waitFor } from "../support/emulatorRest";

const run = (sql: string) => vscode.commands.executeCommand<QuerySummary>("lakebase.query.run", { sql });
const snapshot = () => vscode.commands.executeCommand<PanelSnapshot>("lakebase.results.snapshot");
const chart = (arg?: unknown) => vscode.commands.executeCommand<ChartReport | { failed: true; message: string } | undefined>("lakebase.results.chart", arg);
const PER_CUSTOMER = "SELECT c.name AS customer, count(o.id)::int AS orders, coalesce(sum(o.total), 0) AS revenue\n" +
  "FROM chart_customers c LEFT JOIN chart_orders o ON o.customer_id = c.id GROUP BY c.id, c.name ORDER BY c.id";
const pngSize = (file: string) => { const b = readFileSync(file); assert.deepEqual([...b.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${file} is a PNG`); return [b.readUInt32BE(16), b.readUInt32BE(20)]; };

describe("result chart", function () {
  this.timeout(120000);
  const dir = mkdtempSync(path.join(tmpdir(), "lakebase-chart-"));

  before(async () => {
    await activateExtension();
    const endpoint = await ensureProject("vscode-queries", "VS Code queries");
    await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint, database: "databricks_postgres" });
    const setup = await run("DROP TABLE IF EXISTS chart_orders, chart_customers;\n" +
      "CREATE TABLE chart_customers (id int PRIMARY KEY, name text);\n" +
      "CREATE TABLE chart_orders (id serial PRIMARY KEY, customer_id int REFERENCES chart_customers, total numeric(10,2));\n" +
      "INSERT INTO chart_customers VALUES (1, 'Ada Lovelace'), (2, 'Grace Hopper'), (3, 'Edsger Dijkstra'), (4, 'Barbara Liskov');\n" +
      "INSERT INTO chart_orders (customer_id, total) SELECT 1 + (i % 7) % 4, 10 + i FROM generate_series(1, 30) i;");
    assert.equal(setup.status, "ok", JSON.stringify(setup.error));
  });
  after(async () => {
    await vscode.workspace.getConfiguration("workbench").update("colorTheme", undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    rmSync(dir, { recursive: true, force: true });
  });

  it("charts orders per customer from a real result: one bar per row, first text column × first numeric", async () => {
    const summary = await run(PER_CUSTOMER);
    assert.equal(summary.status, "ok", JSON.stringify(summary.error));
    assert.equal(summary.results[0]?.rowCount, 4);
    await waitFor("the rows in the webview", async () => { const s = await snapshot(); const id = s.results[0]?.resultId; return id && s.webviewRows[id] === 4; });
    const report = await chart();
    assert.deepEqual(report, { resultId: (await snapshot()).results[0]!.resultId, kind: "bar", x: "customer", y: "orders", points: 4, truncated: false });
    assert.deepEqual((await snapshot()).chart, report, "the host's snapshot holds what the webview drew");

    const shots: string[] = [];
    for (const theme of ["Default Light Modern", "Default Dark Modern"]) {
      await vscode.workspace.getConfiguration("workbench").update("colorTheme", theme, vscode.ConfigurationTarget.Global);
      for (const size of ["1000x700", "1400x900"] as const) {
        const file = await screenshot(`chart-${theme.includes("Light") ? "light" : "dark"}-${size.split("x")[0]}`, size);
        if (file) shots.push(file);
      }
    }
    if (process.env.LAKEBASE_TEST_SCREENSHOT_DIR) { assert.equal(shots.length, 4); for (const f of shots) pngSize(f); }
    assert.equal((await snapshot()).chart?.points, 4, "still drawn after the theme changes");
  });

  it("saves the chart as PNG where the save dialog says, and to a given path; a line of revenue by customer", async () => {
    const line = await chart({ kind: "line", y: "revenue" });
    assert.equal(line && "kind" in line ? `${line.kind} ${line.x} ${line.y} ${line.points}` : line, "line customer revenue 4");
    const target = vscode.Uri.file(path.join(dir, "picked.png"));
    const dialog = stubWindow("showSaveDialog", () => target);
    let saved: unknown;
    try { saved = await vscode.commands.executeCommand("lakebase.results.saveChart"); } finally { dialog.restore(); }
    assert.equal(saved, target.fsPath);
    const options = dialog.calls[0]?.[0] as vscode.SaveDialogOptions;
    assert.deepEqual(options.filters, { PNG: ["png"] });
    assert.equal(path.basename(options.defaultUri!.path), "chart-revenue-by-customer.png");
    const [w, h] = pngSize(target.fsPath);
    assert.ok(w > 200 && h > 100, `${w}×${h}`);

    const direct = path.join(dir, "direct.png");
    assert.equal(await vscode.commands.executeCommand("lakebase.results.saveChart", { path: direct }), direct);
    assert.deepEqual(pngSize(direct), [w, h]);
  });

  it("refuses a column the result does not have as y, with the columns it can take", async () => {
    const r = await chart({ y: "customer" });
    assert.ok(r && "failed" in r, JSON.stringify(r));
    assert.match(r.message, /"customer" is not a numeric column of the result; y takes one of: orders, revenue/);
    // The failure's toast must not stay over the next suites' screenshots.
    await vscode.commands.executeCommand("notifications.clearAll");
    assert.deepEqual(await chart({ close: true }), undefined);
    assert.equal((await snapshot()).chart, undefined);
  });
});
