// The end-to-end benchmark in the real VS Code (issue #15), run by `npm run bench` (bench/vscodeEndToEnd.ts)
// and skipped in the test tier: Ctrl+Enter → first row painted in the grid (warm pool), 1,000,000 rows × 10
// columns into the panel vs `psql -At` in the same run with the extension host's memory growth and the
// webview's heap, frame times while scrolling the 1M-row grid, and applying 1,000 staged edits. It checks
// that each measured run did what it claims (row counts, edits applied); the figures go to a JSON file and
// the targets are judged by the bench, never here.
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import type { LakebaseApi } from "../../../src/api";
import type { QuerySummary } from "../../../src/ui/query/querySummary";
import type { PanelSnapshot } from "../../../src/ui/results/resultsPanel";
import { setupSql } from "../../../bench/table";
import { activateExtension, ensureProject, waitFor, workspaceFolder } from "../support/emulatorRest";
import { armFirstPaint, firstPaint, scrollFrames } from "../support/webviewProbes";
import { inResultsWebview, resultsWebviewMemory, workbenchRequestsAvailable } from "../support/workbench";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const REPS = Math.max(1, Number(process.env.BENCH_REPS ?? 3));
const FIRST_ROW_REPS = 7;
const SQL = "SELECT * FROM bench_rows";
const MB = 1024 * 1024;

const run = (arg?: unknown) => vscode.commands.executeCommand<QuerySummary | undefined>("lakebase.query.run", arg);
const snapshot = () => vscode.commands.executeCommand<PanelSnapshot>("lakebase.results.snapshot");
const setQuery = (key: string, value: number | undefined) => vscode.workspace.getConfiguration("lakebase.query").update(key, value, vscode.ConfigurationTarget.Workspace);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = Math.floor(s.length / 2); return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };

/** Waits (polling every 10 ms, so the wait adds little to what is measured) until the webview holds `rows`. */
async function webviewHolds(rows: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await snapshot();
    const id = s.results[0]?.resultId;
    if (id && s.webviewRows[id] === rows && !s.query?.running) return Date.now();
    if (Date.now() > deadline) throw new Error(`the webview held ${id ? s.webviewRows[id] : 0} of ${rows} rows after ${timeoutMs} ms`);
    await sleep(10);
  }
}

/** psql -At of the same statement, output discarded, timed from spawn to exit (connect included, as in bench/run.ts). */
async function psqlAt(api: LakebaseApi, sql: string): Promise<number> {
  const t = api.target();
  assert.ok(t, "a target is selected");
  const cred = await api.getCredential({ profile: t.profile, endpoint: t.endpoint });
  const env = { ...process.env, PGHOST: t.host, PGPORT: "5432", PGDATABASE: t.database, PGUSER: cred.user, PGPASSWORD: cred.token, PSQLRC: "/dev/null", PGSSLMODE: "verify-full", PGSSLROOTCERT: process.env.LAKEBASE_TEST_CA_FILE ?? "" };
  const started = performance.now();
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn("psql", ["-X", "-v", "ON_ERROR_STOP=1", "-At", "-c", sql], { env, stdio: ["ignore", "ignore", "ignore"] });
    child.on("error", reject);
    child.on("close", resolve);
  });
  assert.equal(code, 0, "psql -At succeeded");
  return performance.now() - started;
}

/** Samples the extension host's RSS while `work` runs: growth of the peak over the RSS just before. */
async function hostMemory<T>(work: () => Promise<T>): Promise<{ value: T; rssGrowthMb: number; heapGrowthMb: number }> {
  const base = process.memoryUsage();
  let peak = base.rss;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 20);
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, rssGrowthMb: (peak - base.rss) / MB, heapGrowthMb: (process.memoryUsage().heapUsed - base.heapUsed) / MB };
  } finally {
    clearInterval(timer);
  }
}

describe("end-to-end bench", function () {
  this.timeout(900_000);
  const out: Record<string, unknown> = { date: new Date().toISOString(), rows: ROWS, reps: REPS };
  let api: LakebaseApi;

  before(async function () {
    if (process.env.LAKEBASE_BENCH_E2E !== "1" || !workbenchRequestsAvailable()) this.skip();
    api = await activateExtension<LakebaseApi>();
    const endpoint = await ensureProject("vscode-bench", "VS Code bench");
    await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint, database: "databricks_postgres" });
    const setup = await run({ sql: `${setupSql(ROWS)}\nDROP TABLE IF EXISTS bench_edits; CREATE TABLE bench_edits AS SELECT i AS id, 'name ' || i AS name, i % 100 AS qty FROM generate_series(1, 1000) i; ALTER TABLE bench_edits ADD PRIMARY KEY (id);` });
    assert.equal(setup?.status, "ok", JSON.stringify(setup?.error));
  });
  after(async () => {
    await setQuery("maxRows", undefined);
    await setQuery("maxResultBytes", undefined);
    const file = process.env.LAKEBASE_BENCH_RESULTS_FILE;
    if (file) writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  });

  it("Ctrl+Enter → first row painted in the grid, warm pool", async () => {
    const lines = Array.from({ length: FIRST_ROW_REPS + 1 }, (_, i) => `SELECT 'mark-${i}' AS m, g, md5(g::text) AS h FROM generate_series(1, 1000) g;`);
    const file = path.join(workspaceFolder().uri.fsPath, "bench-first-row.sql");
    await vscode.workspace.fs.writeFile(vscode.Uri.file(file), Buffer.from(lines.join("\n")));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file), vscode.ViewColumn.One);
    const at = (line: number) => { editor.selection = new vscode.Selection(line, 3, line, 3); };
    at(0);
    assert.equal((await run())?.status, "ok"); // warm: pool, credential, panel and webview
    await webviewHolds(1000, 30_000);
    const samples: Array<{ seenMs: number; paintedMs: number }> = [];
    for (let i = 1; i <= FIRST_ROW_REPS; i++) {
      // Armed in the webview: the first time a grid cell shows this run's mark, and the frame after it.
      await inResultsWebview(armFirstPaint, `mark-${i}`);
      at(i);
      const started = Date.now();
      const done = run();
      const hit = await waitFor("the first row painted", async () => (await inResultsWebview(firstPaint)) ?? undefined, 30_000);
      assert.equal((await done)?.status, "ok");
      samples.push({ seenMs: hit.seenAt - started, paintedMs: hit.paintedAt! - started });
    }
    out.firstRow = { samples, medianPaintedMs: median(samples.map((s) => s.paintedMs)), medianSeenMs: median(samples.map((s) => s.seenMs)) };
  });

  it("1,000,000 rows × 10 columns into the panel vs psql -At, host memory, webview heap; then scrolling", async () => {
    await setQuery("maxRows", ROWS);
    await setQuery("maxResultBytes", 2 ** 31);
    const panel: number[] = [];
    const psql: number[] = [];
    const rss: number[] = [];
    const heap: number[] = [];
    const webview: Array<number | null> = [];
    for (let rep = 0; rep < REPS; rep++) {
      psql.push(await psqlAt(api, SQL));
      // A small result first, so each rep starts from a panel that holds nothing big.
      assert.equal((await run({ sql: "SELECT 1" }))?.status, "ok");
      await webviewHolds(1, 30_000);
      const m = await hostMemory(async () => {
        const started = Date.now();
        const summary = await run({ sql: SQL });
        assert.equal(summary?.status, "ok", JSON.stringify(summary?.error));
        assert.equal(summary.results[0].rowCount, ROWS);
        assert.equal(summary.results[0].truncated, false);
        return (await webviewHolds(ROWS, 600_000)) - started;
      });
      panel.push(m.value);
      rss.push(m.rssGrowthMb);
      heap.push(m.heapGrowthMb);
      webview.push((await resultsWebviewMemory())?.usedJSHeapSize ?? null);
    }
    out.panel = { panelMs: panel, psqlAtMs: psql, medianPanelMs: median(panel), medianPsqlAtMs: median(psql), ratio: median(panel) / median(psql), hostRssGrowthMb: rss, medianHostRssGrowthMb: median(rss), hostHeapGrowthMb: heap, webviewHeapMb: webview.map((w) => (w === null ? null : w / MB)) };

    // Scrolling the 1M-row grid: per animation frame, a wheel step (first half) or a scrollbar jump
    // (second half); the work of each frame (scroll handler, style and layout, forced at once) and the
    // interval between frames.
    const frames = await inResultsWebview(scrollFrames, 600, 120_000);
    assert.ok(frames.cells > 0 && frames.scrollHeight > 0, "the grid has rows to scroll");
    out.scroll = { frames: frames.work.length, workP50Ms: pct(frames.work, 50), workP95Ms: pct(frames.work, 95), workMaxMs: Math.max(...frames.work), intervalP50Ms: pct(frames.intervals, 50), intervalP95Ms: pct(frames.intervals, 95), domCells: frames.cells };
    assert.equal(frames.work.length, 600);
  });

  it("applies 1,000 staged edits", async () => {
    const times: number[] = [];
    for (let rep = 0; rep < REPS; rep++) {
      const opened = await vscode.commands.executeCommand<QuerySummary>("lakebase.table.editData", { schema: "public", table: "bench_edits" });
      assert.equal(opened?.status, "ok", JSON.stringify(opened?.error));
      await webviewHolds(1000, 30_000);
      const changes = Array.from({ length: 1000 }, (_, row) => ({ kind: "update", row, values: { 1: `renamed ${rep} ${row}` } }));
      const started = performance.now();
      const applied = await vscode.commands.executeCommand<{ status: string; updated: number }>("lakebase.data.applyEdits", { changes, confirm: false });
      times.push(performance.now() - started);
      assert.deepEqual([applied.status, applied.updated], ["applied", 1000]);
    }
    const check = await run({ sql: `SELECT count(*) FROM bench_edits WHERE name LIKE 'renamed ${REPS - 1} %'`, returnRows: 1 });
    assert.equal(check?.results[0].rows?.[0]?.[0], "1000", "every edit reached Postgres");
    out.edits = { applyMs: times, medianApplyMs: median(times) };
  });
});
