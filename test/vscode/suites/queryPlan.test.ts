// Query plans in a real VS Code against the emulator: Explain and Explain Analyze through the
// commands show the plan view; Explain Analyze of a DELETE runs in a transaction that is rolled back.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { activateExtension, ensureProject } from "../support/emulatorRest";

interface PlanResult { analyzed: boolean; rolledBack: boolean; slowest: number[]; executionMs?: number; root: { nodeType: string; actualRows?: number; children: unknown[] } }
const snapshot = () => vscode.commands.executeCommand<{ open: boolean; html?: string }>("lakebase.plan.snapshot");

describe("query plans", function () {
  this.timeout(120000);

  before(async () => {
    await activateExtension();
    const endpoint = await ensureProject("vscode-plans", "VS Code plans");
    await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint, database: "databricks_postgres" });
    const setup = await vscode.commands.executeCommand<{ status: string }>("lakebase.query.run", { sql: "CREATE TABLE IF NOT EXISTS plan_rows AS SELECT g AS id FROM generate_series(1, 5000) g;" });
    assert.equal(setup?.status, "ok");
  });
  after(async () => { await vscode.commands.executeCommand("workbench.action.closeAllEditors"); });

  it("Explain shows the plan tree without running the statement", async () => {
    const r = await vscode.commands.executeCommand<PlanResult>("lakebase.query.explain", { sql: "SELECT count(*) FROM plan_rows WHERE id > 10" });
    assert.equal(r.analyzed, false);
    assert.equal(r.root.nodeType, "Aggregate");
    assert.equal(r.root.actualRows, undefined);
    const s = await snapshot();
    assert.equal(s.open, true);
    assert.match(s.html ?? "", /<p class="summary">EXPLAIN on VS Code plans \/ production \/ databricks_postgres<\/p>/);
    assert.match(s.html ?? "", /<span class="type">Seq Scan<\/span> on plan_rows/);
  });

  it("Explain Analyze shows actual rows and times, with the slowest node highlighted", async () => {
    const r = await vscode.commands.executeCommand<PlanResult>("lakebase.query.explainAnalyze", { sql: "SELECT count(*) FROM plan_rows WHERE id > 10" });
    assert.equal(r.analyzed, true);
    assert.equal(r.root.actualRows, 1);
    assert.ok((r.executionMs ?? 0) > 0);
    assert.ok(r.slowest.length >= 1);
    const html = (await snapshot()).html ?? "";
    assert.match(html, /class="node slow"/);
    assert.match(html, /<p class="summary">EXPLAIN ANALYZE on VS Code plans \/ production \/ databricks_postgres · planning [0-9.]+ ms · execution [0-9.]+ ms<\/p>/);
    assert.match(html, /<span class="type">Seq Scan<\/span> on plan_rows[\s\S]*?4,990 actual/);
  });

  it("Explain Analyze of a DELETE rolls it back", async () => {
    const r = await vscode.commands.executeCommand<PlanResult>("lakebase.query.explainAnalyze", { sql: "DELETE FROM plan_rows WHERE id <= 100", confirm: false });
    assert.equal(r.rolledBack, true);
    assert.equal(r.root.nodeType, "Delete");
    assert.match((await snapshot()).html ?? "", /ran inside a transaction that was rolled back/);
    const count = await vscode.commands.executeCommand<{ results: { rows?: unknown[][] }[] }>("lakebase.query.run", { sql: "SELECT count(*) FROM plan_rows", returnRows: 1 });
    assert.deepEqual(count.results[0].rows, [["5000"]]);
  });
});
