// The results webview in headless Chromium: virtualization, sort, filter, selection + copy formats, NULLs,
// toolbar messages, errors, state restore. Numbers measured here are printed for the report.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { js, lastPosted, nextFrame, openPanel, send, startHarness, startQuery, visibleRows, waitFor, type Harness } from "./panelPage";

/** Same generator as window.__row in the harness, for expected values computed independently in Node. */
const row = (i: number) => [String(i + 1), i % 7 === 3 ? null : `name ${i % 1000}`, String((i * 7919) % 100003), i % 5 === 0 ? "" : `v${i}`];

describe("results grid (headless Chromium)", function () {
  this.timeout(120_000);
  let h: Harness;
  let page: Page;

  before(async () => {
    h = await startHarness();
    console.log(`      bundle dist/webview/results.js (minified): ${(h.bundleBytes / 1024).toFixed(1)} KiB`);
  });
  after(async () => { await h?.close(); });
  beforeEach(async () => { page = await openPanel(h); });
  afterEach(async () => {
    assert.deepEqual(await js(page, "window.__cspViolations"), [], "no CSP violations (no inline styles/scripts)");
    await page.close();
  });

  it("posts ready first, calls acquireVsCodeApi once, and shows an empty state", async () => {
    assert.deepEqual(await js(page, "window.__posted"), [{ type: "ready" }]);
    assert.equal(await js(page, "window.__acquired"), 1);
    assert.match(await js<string>(page, "document.querySelector('.message-host').textContent"), /Run a SQL statement/);
  });

  it("keeps the DOM row count constant from 1k to 1M rows and scrolls to the last row", async () => {
    const domStats = () => js<{ rows: number; nodes: number }>(page,
      "({ rows: document.querySelectorAll('.grid-body [role=row]').length, nodes: document.querySelectorAll('.grid *').length })");
    await startQuery(page, { queryId: "small", resultId: "small" });
    await js(page, "window.__feed('small', 1000, 1000)");
    const small = await domStats();
    await startQuery(page, { queryId: "big", resultId: "big" });
    const feed = await js<{ handlerMs: number; wallMs: number }>(page, "window.__feed('big', 1000000, 10000)");
    const big = await domStats();
    console.log(`      1M rows in 100 pages of 10k: ${feed.handlerMs.toFixed(0)} ms in the webview (${feed.wallMs.toFixed(0)} ms incl. generating rows); DOM: ${big.rows} rows, ${big.nodes} nodes in the grid (1k rows: ${small.rows} rows, ${small.nodes} nodes)`);
    assert.equal(big.rows, small.rows);
    assert.equal(big.nodes, small.nodes);
    assert.ok(big.rows < 40, `only visible rows exist (${big.rows})`);
    assert.equal(await js(page, "document.querySelector('.grid').getAttribute('aria-rowcount')"), "1000001");
    assert.equal((await lastPosted<{ totalLoaded: number }>(page, "rowsReceived"))?.totalLoaded, 1_000_000);

    await js(page, "(() => { const g = document.querySelector('.grid'); g.scrollTop = g.scrollHeight; })()");
    await nextFrame(page);
    const rows = await visibleRows(page);
    const last = row(999_999).map((v) => v ?? "NULL");
    assert.deepEqual(rows.at(-1), last);
    const lastVisible = await js<boolean>(page, `(() => {
      const g = document.querySelector('.grid').getBoundingClientRect();
      const r = [...document.querySelectorAll('.grid-body .grid-row:not([hidden])')].at(-1);
      return r.getAttribute('aria-rowindex') === '1000001' && r.getBoundingClientRect().bottom <= g.bottom + 0.5 && r.getBoundingClientRect().top >= g.top;
    })()`);
    assert.ok(lastVisible, "the last row is inside the viewport");
    // Keyboard: Ctrl+Home goes back to the first row.
    await page.locator(".grid-body .grid-row:not([hidden])").first().locator(".cell").first().click();
    await page.keyboard.press("Control+Home");
    await nextFrame(page);
    assert.deepEqual((await visibleRows(page))[0], row(0).map((v) => v ?? "NULL"));
  });

  it("sorts 100k rows numerically (asc, desc, none) in well under a second, and filters", async () => {
    await startQuery(page);
    await js(page, "window.__feed('r1', 100000, 10000)");
    const scores = Array.from({ length: 100_000 }, (_, i) => Number(row(i)[2]));
    const sortClick = () => js<number>(page, `(() => {
      const t0 = performance.now();
      // A header sorts on release (a press that travels moves the column instead).
      const hc = document.querySelector('.hcell[data-col="2"]');
      hc.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, button: 0 }));
      hc.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, button: 0 }));
      return performance.now() - t0;
    })()`);
    const asc = await sortClick();
    await nextFrame(page);
    let shown = (await visibleRows(page)).map((r) => r[2]);
    assert.deepEqual(shown, [...scores].sort((a, b) => a - b).slice(0, shown.length).map(String));
    assert.equal(await js(page, "document.querySelector('.hcell[data-col=\"2\"]').getAttribute('aria-sort')"), "ascending");
    const desc = await sortClick();
    await nextFrame(page);
    shown = (await visibleRows(page)).map((r) => r[2]);
    assert.deepEqual(shown, [...scores].sort((a, b) => b - a).slice(0, shown.length).map(String));
    await sortClick();
    await nextFrame(page);
    assert.deepEqual((await visibleRows(page)).slice(0, 3).map((r) => r[0]), ["1", "2", "3"]);
    console.log(`      sort 100k rows (int8 column, click → sorted view): asc ${asc.toFixed(1)} ms, desc ${desc.toFixed(1)} ms`);
    assert.ok(asc < 500 && desc < 500, `sort took ${asc} / ${desc} ms`);

    await send(page, { type: "queryDone", queryId: "q1", timing: { connectMs: 1, executeMs: 1, fetchMs: 1 } });
    await page.fill(".filter", "NAME 99");
    await waitFor(page, "document.querySelector('.status-text').textContent.includes(' of ')");
    const expected = Array.from({ length: 100_000 }, (_, i) => row(i)).filter((r) => r.some((v) => v !== null && v.toLowerCase().includes("name 99")));
    assert.equal(await js(page, "document.querySelector('.status-text').textContent"), `${expected.length.toLocaleString("en-US")} of 100,000 rows`);
    assert.deepEqual(await visibleRows(page), expected.slice(0, (await visibleRows(page)).length).map((r) => r.map((v) => v ?? "NULL")));
    assert.deepEqual((await js<{ filters: Record<string, string> }>(page, "window.__state")).filters, { 0: "NAME 99" });
  });

  it("selects with mouse and keyboard and copies exact TSV, CSV, JSON, Markdown and INSERT text", async () => {
    await startQuery(page);
    await js(page, "window.__feed('r1', 50, 50)");
    await send(page, { type: "resultDone", resultId: "r1", command: "SELECT 50", rowCount: 50, truncated: false, limit: 100000 });
    await page.locator(".grid-body .grid-row").nth(2).locator(".cell").nth(1).click();
    await page.keyboard.press("Shift+ArrowDown");
    await page.keyboard.press("Shift+ArrowDown");
    await page.keyboard.press("Shift+ArrowRight");
    await page.keyboard.press("Control+c");
    assert.equal((await lastPosted<{ text: string }>(page, "copy"))?.text, "name 2\t15838\n\t23757\nname 4\t31676");
    assert.equal(await js(page, "document.querySelectorAll('.grid-body .cell.sel').length"), 6);
    assert.equal(await js(page, "document.querySelector('.grid').getAttribute('aria-activedescendant')"), "grid-active-cell");

    const viaMenu = async (label: string) => {
      await page.locator(".grid-body .grid-row").nth(3).locator(".cell").nth(2).click({ button: "right" });
      await page.locator(".context-menu .menu-item", { hasText: new RegExp(`^${label}`) }).click();
      return (await lastPosted<{ text: string }>(page, "copy"))?.text;
    };
    assert.equal(await viaMenu("Copy as CSV"), "name,score\r\nname 2,15838\r\n,23757\r\nname 4,31676");
    assert.equal(await viaMenu("Copy as JSON"), JSON.stringify([
      { name: "name 2", score: "15838" }, { name: null, score: "23757" }, { name: "name 4", score: "31676" }], null, 2));
    assert.equal(await viaMenu("Copy as Markdown"), "| name | score |\n| --- | ---: |\n| name 2 | 15838 |\n| NULL | 23757 |\n| name 4 | 31676 |");
    assert.equal(await viaMenu("Copy as SQL INSERT"), [
      `INSERT INTO "public"."people" ("name", "score") VALUES ('name 2', 15838);`,
      `INSERT INTO "public"."people" ("name", "score") VALUES (NULL, 23757);`,
      `INSERT INTO "public"."people" ("name", "score") VALUES ('name 4', 31676);`,
    ].join("\n"));
    assert.equal(await viaMenu("Copy with Headers"), "name\tscore\nname 2\t15838\n\t23757\nname 4\t31676");

    // Whole row via the gutter, whole column via Shift+click on the header, everything via Ctrl+A.
    await page.locator(".grid-body .grid-row").nth(1).locator(".gutter").click();
    await page.keyboard.press("Control+c");
    assert.equal((await lastPosted<{ text: string }>(page, "copy"))?.text, "2\tname 1\t7919\tv1");
    await page.locator('.hcell[data-col="0"]').click({ modifiers: ["Shift"] });
    await page.keyboard.press("Control+c");
    assert.equal((await lastPosted<{ text: string }>(page, "copy"))?.text, Array.from({ length: 50 }, (_, i) => String(i + 1)).join("\n"));
    await page.keyboard.press("Control+a");
    await page.keyboard.press("Control+c");
    const all = (await lastPosted<{ text: string }>(page, "copy"))?.text.split("\n");
    assert.equal(all?.length, 50);
    assert.equal(all?.[49], row(49).map((v) => v ?? "").join("\t"));
  });

  it("shows NULL distinctly from an empty string", async () => {
    await startQuery(page);
    await js(page, "window.__feed('r1', 10, 10)");
    const cell = (r: number, c: number) => js<{ text: string; cls: string }>(page,
      `(() => { const el = document.querySelectorAll('.grid-body .grid-row')[${r}].querySelectorAll('.cell')[${c}]; return { text: el.textContent, cls: el.className }; })()`);
    assert.deepEqual(await cell(3, 1), { text: "NULL", cls: "cell null" });
    assert.deepEqual(await cell(0, 3), { text: "", cls: "cell" });
    assert.notEqual(await js(page, "getComputedStyle(document.querySelectorAll('.grid-body .grid-row')[3].querySelectorAll('.cell')[1]).fontStyle"), "normal");
  });

  it("toolbar: cancel while running, timing split after, exports, truncation banner", async () => {
    await startQuery(page, { queryId: "q7" });
    assert.match(await js<string>(page, "document.querySelector('.status-text').textContent"), /^Running…/);
    await page.click("[data-action=cancel]");
    assert.deepEqual(await lastPosted(page, "cancel"), { type: "cancel", queryId: "q7" });
    await js(page, "window.__feed('r1', 100, 100)");
    await send(page, { type: "resultDone", resultId: "r1", command: "SELECT 100", rowCount: 100, truncated: true, limit: 100 });
    await send(page, { type: "queryDone", queryId: "q7", timing: { connectMs: 2400, wakeMs: 2100, executeMs: 35, fetchMs: 12 } });
    assert.equal(await js(page, "document.querySelector('[data-action=cancel]').hidden"), true);
    assert.equal(await js(page, "document.querySelector('.status-text').textContent"), "first 100 of …"); // issue #15: a capped result says so in the status line
    assert.match(await js<string>(page, "document.querySelector('.status-detail').textContent"), /connect 2\.40 s, wake 2\.10 s · execute 35 ms · fetch 12 ms/);
    assert.match(await js<string>(page, "document.querySelector('.banner:not([hidden])').textContent"), /first 100 rows/);
    await page.click("[data-action=export-csv]");
    assert.deepEqual(await lastPosted(page, "export"), { type: "export", resultId: "r1", format: "csv" });
    await page.click("[data-action=export-json]");
    assert.deepEqual(await lastPosted(page, "export"), { type: "export", resultId: "r1", format: "json" });
    await page.click("[data-action=rerun]");
    assert.deepEqual(await lastPosted(page, "rerun"), { type: "rerun" });
  });

  it("says when a result was capped by size (lakebase.query.maxResultBytes) rather than by rows", async () => {
    await startQuery(page, { queryId: "wide" });
    await js(page, "window.__feed('r1', 250, 250)");
    await send(page, { type: "resultDone", resultId: "r1", command: "SELECT", rowCount: 250, truncated: true, limit: 100000, cappedBy: "bytes", limitBytes: 64 * 2 ** 20 });
    const banner = await js<string>(page, "document.querySelector('.banner:not([hidden])').textContent");
    assert.match(banner, /first 250 rows: the result reached 64 MB/);
    assert.match(banner, /lakebase\.query\.maxResultBytes/);
    assert.doesNotMatch(banner, /maxRows/);
  });

  it("shows DML results, several result sets as tabs, notices and errors with detail, hint and SQLSTATE", async () => {
    await send(page, { type: "queryStarted", queryId: "s", sql: "update t set a = 1;\nselect 1 as one;\nselect nope;", target: { label: "demo" }, startedAt: Date.now() });
    await send(page, { type: "resultStarted", resultId: "a", queryId: "s", index: 0, columns: [] });
    await send(page, { type: "resultDone", resultId: "a", command: "UPDATE 5", rowCount: 5, truncated: false, limit: 100000 });
    await send(page, { type: "resultStarted", resultId: "b", queryId: "s", index: 1, columns: [{ name: "one", typeName: "int4", typeOid: 23 }] });
    await send(page, { type: "rows", resultId: "b", rows: [["1"]], totalLoaded: 1 });
    await send(page, { type: "notice", queryId: "s", severity: "NOTICE", message: "relation skipped" });
    await send(page, { type: "queryError", queryId: "s", message: 'column "nope" does not exist', detail: "Some detail", hint: "Perhaps you meant \"note\".", sqlstate: "42703", position: 45 });
    await nextFrame(page);
    assert.deepEqual(await js(page, "[...document.querySelectorAll('.tab')].map((t) => t.textContent)"), ["UPDATE 5", "Result 2 (1)", "Messages ⚠"]);
    const msg = await js<string>(page, "document.querySelector('.message-host').innerText");
    for (const part of ["ERROR", "42703", 'column "nope" does not exist', "Some detail", 'Perhaps you meant "note".', "relation skipped", "Line 3"]) assert.ok(msg.includes(part), `${part} in ${msg}`);
    assert.match(await js<string>(page, "document.querySelector('.error-sql').textContent"), /^select nope;\n {7}\^$/);
    mkdirSync(".tmp", { recursive: true });
    await page.screenshot({ path: ".tmp/grid-error.png" });
    await page.click(".tab >> text=UPDATE 5");
    assert.match(await js<string>(page, "document.querySelector('.message-host').innerText"), /UPDATE 5\s+5 rows affected/);
    await page.click(".tab >> text=Result 2 (1)");
    assert.deepEqual(await visibleRows(page), [["1"]]);
  });

  it("restores sort and active tab from vscode state after the panel is re-created", async () => {
    await startQuery(page, { queryId: "keep" });
    await js(page, "window.__feed('r1', 30, 30)");
    await page.click('.hcell[data-col="2"]');
    await page.click('.hcell[data-col="2"]');
    const state = await js<unknown>(page, "window.__state");
    await page.close();
    page = await openPanel(h, state);
    await send(page, { type: "state", query: { queryId: "keep", sql: "select 1", target: { label: "demo" }, startedAt: Date.now() - 5000, running: false } });
    await page.evaluate("window.__send({ type: 'resultStarted', resultId: 'r1', queryId: 'keep', index: 0, columns: window.__columns })");
    await js(page, "window.__feed('r1', 30, 30)");
    assert.equal(await js(page, "document.querySelector('.hcell[data-col=\"2\"]').getAttribute('aria-sort')"), "descending");
    const scores = Array.from({ length: 30 }, (_, i) => Number(row(i)[2])).sort((a, b) => b - a);
    assert.equal((await visibleRows(page))[0]![2], String(scores[0]));
  });

  it("looks like a VS Code panel (screenshot .tmp/grid.png)", async () => {
    await startQuery(page);
    await js(page, "window.__feed('r1', 100000, 10000)");
    await send(page, { type: "resultDone", resultId: "r1", command: "SELECT 100000", rowCount: 100000, truncated: true, limit: 100000 });
    await send(page, { type: "queryDone", queryId: "q1", timing: { connectMs: 180, executeMs: 42, fetchMs: 310 } });
    await page.click('.hcell[data-col="2"]');
    await page.locator(".grid-body .grid-row").nth(2).locator(".cell").nth(1).click();
    await page.keyboard.press("Shift+ArrowDown");
    await page.keyboard.press("Shift+ArrowDown");
    await page.keyboard.press("Shift+ArrowRight");
    await nextFrame(page);
    mkdirSync(".tmp", { recursive: true });
    await page.screenshot({ path: ".tmp/grid.png" });
    await page.locator(".grid-body .grid-row").nth(3).locator(".cell").nth(2).click({ button: "right" });
    await page.screenshot({ path: ".tmp/grid-menu.png" });
    assert.equal(await js(page, "document.querySelectorAll('.context-menu [role=menuitem]').length"), 8); // issue #15 adds Open Value in Editor
  });
});
