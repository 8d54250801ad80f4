// Queries in a real VS Code against the emulator: run from the editor (statement at cursor, selection,
// CodeLens range, automation {sql}), the results panel receives the rows (the webview acknowledges them,
// also after hide/show), cancel, timeout, row cap, error diagnostics, export and history.
import * as assert from "node:assert/strict";
import { readFileSync, rmSync } from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import type { HistoryEntry } from "../../../src/core/history/queryHistory";
import type { QuerySummary } from "../../../src/ui/query/querySummary";
import type { PanelSnapshot } from "../../../src/ui/results/resultsPanel";
import { activateExtension, ensureProject, waitFor, workspaceFolder } from "../support/emulatorRest";

const PROJECT = "vscode-queries";
const SCRIPT = [
  "CREATE TABLE IF NOT EXISTS items (id int PRIMARY KEY, name text);",
  "INSERT INTO items SELECT i, 'item ' || i FROM generate_series(1, 250) i ON CONFLICT DO NOTHING;",
  "SELECT id, name FROM items ORDER BY id;",
  "SELECT id, nme FROM items;",
  "SELECT 42 AS answer, 'selected' AS how;",
].join("\n");

const run = (arg?: unknown) => vscode.commands.executeCommand<QuerySummary | undefined>("lakebase.query.run", arg);
const snapshot = () => vscode.commands.executeCommand<PanelSnapshot>("lakebase.results.snapshot");

async function createProject(): Promise<string> {
  return ensureProject(PROJECT, "VS Code queries");
}

function cursorOnLine(editor: vscode.TextEditor, line: number): void {
  const pos = new vscode.Position(line, 3);
  editor.selection = new vscode.Selection(pos, pos);
}

function resultsTabOpen(): boolean {
  return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith("lakebase.results")));
}

async function setQuerySetting(key: string, value: number | undefined): Promise<void> {
  await vscode.workspace.getConfiguration("lakebase.query").update(key, value, vscode.ConfigurationTarget.Workspace);
}

describe("queries", function () {
  this.timeout(120000);
  let editor: vscode.TextEditor;
  let sqlFile: string;

  before(async () => {
    await activateExtension();
    // No results panel or editor left by an earlier suite: the panel this suite checks is one it opened.
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    await waitFor("no results tab", async () => !resultsTabOpen());
    const endpoint = await createProject();
    await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint, database: "databricks_postgres" });
    sqlFile = path.join(workspaceFolder().uri.fsPath, "queries.sql");
    await vscode.workspace.fs.writeFile(vscode.Uri.file(sqlFile), Buffer.from(SCRIPT));
    const doc = await vscode.workspace.openTextDocument(sqlFile);
    assert.equal(doc.languageId, "sql");
    editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
  });
  after(async () => {
    await setQuerySetting("timeout", undefined);
    await setQuerySetting("maxRows", undefined);
    await setQuerySetting("maxResultBytes", undefined);
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    rmSync(sqlFile, { force: true });
  });

  it("runs the statement under the cursor: DDL, then DML with affected rows", async () => {
    cursorOnLine(editor, 0);
    const ddl = await run();
    assert.equal(ddl?.status, "ok", JSON.stringify(ddl?.error));
    // pg reports the first word of the command tag ("CREATE TABLE" → "CREATE").
    assert.equal(ddl.results[0].command, "CREATE");
    cursorOnLine(editor, 1);
    const dml = await run();
    assert.equal(dml?.status, "ok", JSON.stringify(dml?.error));
    assert.equal(dml.results.length, 1);
    assert.equal(dml.results[0].command, "INSERT");
    assert.equal(dml.results[0].rowCount, 250);
  });

  it("shows a SELECT's rows in the results panel, which the webview acknowledges", async () => {
    cursorOnLine(editor, 2);
    const summary = await run();
    assert.equal(summary?.status, "ok", JSON.stringify(summary?.error));
    assert.equal(summary.results.length, 1, "only the statement under the cursor ran");
    assert.deepEqual(summary.results[0].columns.map((c) => `${c.name}:${c.typeName}`), ["id:int4", "name:text"]);
    assert.equal(summary.results[0].rowCount, 250);
    assert.deepEqual(summary.results[0].rows?.[0], ["1", "item 1"]);
    // The parts are whole milliseconds of the run, taken one after the other: together never more than the total.
    const { connectMs, executeMs, fetchMs, totalMs } = summary.timing;
    assert.ok([connectMs, executeMs, fetchMs, totalMs].every(Number.isInteger), JSON.stringify(summary.timing));
    assert.ok(connectMs + executeMs + fetchMs <= totalMs, JSON.stringify(summary.timing));
    assert.ok(resultsTabOpen(), "a webview tab with the results view type is open");
    const snap = await waitFor("the webview to hold 250 rows", async () => {
      const s = await snapshot();
      const id = s.results[0]?.resultId;
      return id && s.webviewRows[id] === 250 ? s : undefined;
    });
    assert.equal(snap.query?.queryId, summary.queryId);
    assert.equal(snap.query?.running, false);
    assert.deepEqual(snap.results.map((r) => [r.rows, r.rowCount, r.truncated]), [[250, 250, false]]);
  });

  it("replays the current result into a webview rebuilt after hide/show", async () => {
    const before = await snapshot();
    assert.ok(before.visible);
    // Another editor in the panel's group hides it; without retainContextWhenHidden its webview is destroyed.
    const other = await vscode.workspace.openTextDocument({ language: "plaintext", content: "cover" });
    await vscode.window.showTextDocument(other, { viewColumn: vscode.ViewColumn.Two, preview: false });
    await waitFor("the panel to be hidden", async () => !(await snapshot()).visible);
    await vscode.commands.executeCommand("lakebase.results.show");
    const after = await waitFor("the rebuilt webview to hold the rows again", async () => {
      const s = await snapshot();
      const id = s.results[0]?.resultId;
      return s.readyCount > before.readyCount && id && s.webviewRows[id] === 250 ? s : undefined;
    });
    assert.equal(after.query?.queryId, before.query?.queryId);
    await vscode.window.showTextDocument(editor.document, vscode.ViewColumn.One);
  });

  it("runs only the selection when there is one", async () => {
    editor = await vscode.window.showTextDocument(editor.document, vscode.ViewColumn.One);
    const line = editor.document.lineAt(4);
    editor.selection = new vscode.Selection(line.range.start, line.range.start.translate(0, "SELECT 42 AS answer".length));
    const summary = await run();
    assert.equal(summary?.status, "ok");
    assert.deepEqual(summary.results[0].columns.map((c) => c.name), ["answer"]);
    assert.deepEqual(summary.results[0].rows, [["42"]]);
  });

  it("puts an error with SQLSTATE on the document at the reported position", async () => {
    cursorOnLine(editor, 3);
    const summary = await run();
    assert.equal(summary?.status, "error");
    assert.equal(summary.error?.sqlstate, "42703");
    assert.match(summary.error?.message ?? "", /nme/);
    const col = editor.document.lineAt(3).text.indexOf("nme");
    assert.deepEqual([summary.error?.line, summary.error?.character], [3, col]);
    const diags = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === "Lakebase");
    assert.equal(diags.length, 1);
    assert.equal(diags[0].code, "42703");
    assert.deepEqual([diags[0].range.start.line, diags[0].range.start.character, diags[0].range.end.character], [3, col, col + 3]);
    const snap = await snapshot();
    assert.equal(snap.query?.running, false);
  });

  it("runs a CodeLens range and offers a lens per statement", async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>("vscode.executeCodeLensProvider", editor.document.uri);
    const ours = lenses.filter((l) => l.command?.command === "lakebase.query.run");
    assert.equal(ours.length, 5);
    const summary = await vscode.commands.executeCommand<QuerySummary>(ours[2].command!.command, ...(ours[2].command!.arguments ?? []));
    assert.equal(summary.status, "ok");
    assert.equal(summary.results[0].rowCount, 250);
  });

  it("returns several result sets and the notices for a script passed as {sql}", async () => {
    const summary = await run({ sql: "SELECT 1 AS a;\nSELECT 2 AS b, 3 AS c;\nDO $$ BEGIN RAISE NOTICE 'hello %', 7; END $$;", returnRows: 5 });
    assert.equal(summary?.status, "ok", JSON.stringify(summary?.error));
    assert.deepEqual(summary.results.map((r) => r.command), ["SELECT", "SELECT", "DO"]);
    assert.deepEqual(summary.results[1].rows, [["2", "3"]]);
    assert.ok(summary.notices.some((n) => /hello 7/.test(n)), summary.notices.join("; "));
    const snap = await waitFor("three result sets in the panel", async () => { const s = await snapshot(); return s.results.length === 3 ? s : undefined; });
    assert.equal(snap.query?.queryId, summary.queryId);
  });

  it("cancels a long query on the server within a couple of seconds; the next query works", async () => {
    const started = Date.now();
    const pending = run({ sql: "SELECT pg_sleep(30)" });
    await waitFor("the query to be running", async () => (await snapshot()).query?.running && (await snapshot()).query?.sql === "SELECT pg_sleep(30)");
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await vscode.commands.executeCommand("lakebase.query.cancel"), true);
    const summary = await pending;
    assert.equal(summary?.status, "cancelled");
    assert.equal(summary.error?.sqlstate, "57014");
    assert.ok(Date.now() - started < 5000, `cancel took ${Date.now() - started} ms`);
    const next = await run({ sql: "SELECT 'still fine' AS ok" });
    assert.equal(next?.status, "ok");
    assert.deepEqual(next.results[0].rows, [["still fine"]]);
  });

  it("honours lakebase.query.timeout and lakebase.query.maxRows", async () => {
    await setQuerySetting("timeout", 1);
    const started = Date.now();
    const slow = await run({ sql: "SELECT pg_sleep(20)" });
    assert.equal(slow?.status, "timeout");
    assert.ok(Date.now() - started < 5000);
    await setQuerySetting("timeout", undefined);

    await setQuerySetting("maxRows", 100);
    const capped = await run({ sql: "SELECT g FROM generate_series(1, 1000) g" });
    assert.equal(capped?.status, "ok");
    assert.equal(capped.results[0].truncated, true);
    assert.equal(capped.results[0].rowCount, 100);
    await waitFor("the webview to hold the capped rows", async () => {
      const s = await snapshot();
      const id = s.results[0]?.resultId;
      return id && s.webviewRows[id] === 100 && s.results[0].truncated === true;
    });
    await setQuerySetting("maxRows", undefined);
  });

  it("honours lakebase.query.maxResultBytes: wide rows stop at the size limit and the summary says bytes", async () => {
    await setQuerySetting("maxResultBytes", 1_048_576);
    try {
      const capped = await run({ sql: "SELECT g, repeat('x', 1000) AS pad FROM generate_series(1, 5000) g" });
      assert.equal(capped?.status, "ok");
      assert.equal(capped.results[0].truncated, true);
      assert.equal(capped.results[0].cappedBy, "bytes");
      const kept = capped.results[0].rowCount!;
      assert.ok(kept > 900 && kept < 1100, `about 1 MB of 1 KB rows: ${kept}`);
      await waitFor("the webview to hold the capped rows", async () => {
        const s = await snapshot();
        const id = s.results[0]?.resultId;
        return id && s.webviewRows[id] === kept && s.results[0].truncated === true;
      });
    } finally {
      await setQuerySetting("maxResultBytes", undefined);
    }
  });

  it("exports the whole result as CSV and JSON", async () => {
    const summary = await run({ sql: "SELECT id, name FROM items ORDER BY id" });
    assert.equal(summary?.status, "ok");
    const csv = path.join(workspaceFolder().uri.fsPath, "items.csv");
    const json = path.join(workspaceFolder().uri.fsPath, "items.json");
    try {
      const c = await vscode.commands.executeCommand<{ rows: number }>("lakebase.results.export", { format: "csv", path: csv });
      assert.equal(c.rows, 250);
      const lines = readFileSync(csv, "utf8").trim().split("\n");
      assert.deepEqual([lines.length, lines[0], lines[1]], [251, "id,name", "1,item 1"]);
      await vscode.commands.executeCommand("lakebase.results.export", { format: "json", path: json });
      const parsed = JSON.parse(readFileSync(json, "utf8")) as Array<{ id: string; name: string }>;
      assert.equal(parsed.length, 250);
      assert.deepEqual(parsed[249], { id: "250", name: "item 250" });
    } finally {
      rmSync(csv, { force: true });
      rmSync(json, { force: true });
    }
  });

  it("keeps history with target, duration, rows and status, and re-runs from it", async () => {
    // Its own three runs (an error, a cancel, a SELECT), so it does not depend on what earlier tests ran.
    const failedRun = await run({ sql: "SELECT id, nme FROM items" });
    assert.equal(failedRun?.status, "error");
    const sleep = "SELECT pg_sleep(30) AS cancelled_for_history";
    const pending = run({ sql: sleep });
    await waitFor("the query to be running", async () => (await snapshot()).query?.running && (await snapshot()).query?.sql === sleep);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await vscode.commands.executeCommand("lakebase.query.cancel"), true);
    assert.equal((await pending)?.status, "cancelled");
    const selected = await run({ sql: "SELECT id, name FROM items ORDER BY id" });
    assert.equal(selected?.status, "ok");

    const history = await vscode.commands.executeCommand<HistoryEntry[]>("lakebase.history.list");
    assert.deepEqual(history.slice(0, 3).map((h) => [h.sql, h.status]), [
      ["SELECT id, name FROM items ORDER BY id", "ok"],
      [sleep, "cancelled"],
      ["SELECT id, nme FROM items", "error"],
    ], "newest first, each with its status");
    const select = history[0]!;
    assert.equal(select.rows, 250);
    assert.match(select.target.label ?? "", /VS Code queries|vscode-queries/);
    assert.ok(select.target.endpoint.startsWith(`projects/${PROJECT}/`));
    assert.equal(select.durationMs, selected.timing.totalMs, "the run's own duration");

    const again = await vscode.commands.executeCommand<QuerySummary>("lakebase.history.rerun", { id: select.id });
    assert.equal(again.status, "ok");
    assert.equal(again.results[0].rowCount, 250);
    // By position, not by count: the history is capped, and earlier suites of the window may have filled it.
    const after = await vscode.commands.executeCommand<HistoryEntry[]>("lakebase.history.list");
    assert.deepEqual([after[0]!.sql, after[0]!.status, after[0]!.rows], [select.sql, "ok", 250], "the re-run is the newest entry");
    assert.notEqual(after[0]!.id, select.id);
    assert.equal(after[1]!.id, select.id, "the entry it re-ran comes next");
  });
});
