// Big copies in a real VS Code (issue #15 item 4): 60,000 rows × 3 columns from the emulator's Postgres copied
// through the panel in pieces; the clipboard holds exactly the text of the rows, as TSV and as CSV (NULLs,
// quotes and commas included), and a small copy still goes in one message.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import type { CellValue } from "../../../src/shared/protocol";
import type { QuerySummary } from "../../../src/ui/query/querySummary";
import type { CopyOutcome, PanelSnapshot } from "../../../src/ui/results/resultsPanel";
import { formatCopy } from "../../../webview/results/copyFormats";
import { activateExtension, ensureProject, waitFor } from "../support/emulatorRest";

const N = 60_000;
const SQL = `SELECT i AS id, CASE WHEN i % 7 = 3 THEN NULL ELSE 'n,"' || (i % 1000) || '"' END AS name, (i * 7919) % 100003 AS score FROM generate_series(1, ${N}) i`;
const COLUMNS = [{ name: "id", typeName: "int4" }, { name: "name", typeName: "text" }, { name: "score", typeName: "int4" }];
const expectedRows = (): CellValue[][] => Array.from({ length: N }, (_, k) => { const i = k + 1; return [String(i), i % 7 === 3 ? null : `n,"${i % 1000}"`, String((i * 7919) % 100003)]; });
const snapshot = () => vscode.commands.executeCommand<PanelSnapshot>("lakebase.results.snapshot");
const copy = (arg: unknown) => vscode.commands.executeCommand<CopyOutcome>("lakebase.results.copy", arg);

describe("big copy", function () {
  this.timeout(180000);

  before(async () => {
    await activateExtension();
    const endpoint = await ensureProject("vscode-queries", "VS Code queries");
    await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint, database: "databricks_postgres" });
  });
  after(async () => { await vscode.commands.executeCommand("workbench.action.closeAllEditors"); });

  it("copies 60,000 rows in pieces: the clipboard holds exactly the TSV and the CSV of the result", async () => {
    const summary = await vscode.commands.executeCommand<QuerySummary>("lakebase.query.run", { sql: SQL });
    assert.equal(summary.status, "ok", JSON.stringify(summary.error));
    await waitFor("every row in the webview", async () => { const s = await snapshot(); const id = s.results[0]?.resultId; return id && s.webviewRows[id] === N; }, 60000);
    await vscode.env.clipboard.writeText("before");
    const rows = expectedRows();

    const tsv = await copy({ format: "tsv", all: true });
    assert.equal(tsv.error, undefined);
    assert.equal(tsv.rows, N);
    assert.equal(tsv.pieces, 13, "12 pieces of 5,000 rows and the end");
    const text = await vscode.env.clipboard.readText();
    assert.equal(text.length, tsv.chars);
    assert.equal(text, formatCopy("tsv", COLUMNS, rows));

    const csv = await copy({ format: "csv", all: true });
    assert.equal(csv.rows, N);
    assert.equal(await vscode.env.clipboard.readText(), formatCopy("csv", COLUMNS, rows));
  });

  it("a small result still copies in one message", async () => {
    const summary = await vscode.commands.executeCommand<QuerySummary>("lakebase.query.run", { sql: "SELECT 1 AS a, NULL::text AS b, 'x\ty' AS c" });
    assert.equal(summary.status, "ok");
    await waitFor("the row in the webview", async () => { const s = await snapshot(); const id = s.results[0]?.resultId; return id && s.webviewRows[id] === 1; });
    const r = await copy({ format: "tsvHeaders", all: true });
    assert.equal(r.pieces, undefined, "not in pieces");
    assert.equal(await vscode.env.clipboard.readText(), 'a\tb\tc\n1\t\t"x\ty"');
  });
});
