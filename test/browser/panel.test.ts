// The results panel read at a glance (issue #15): a status line that is always visible, a toolbar that fits a
// 320 px panel, columns sized to their content, sort/filter back to the top with matches highlighted, a cancel
// shown as cancelled, error lines in the file's numbering, keyboard focus on the grid.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { js, lastPosted, nextFrame, send, startQuery, usePanelPage, visibleRows, waitFor } from "./panelPage";

const TARGET = { label: "demo-app / production / databricks_postgres", database: "databricks_postgres", branch: "production" };
const done = (page: Page, queryId = "q1", timing = { connectMs: 20, executeMs: 3, fetchMs: 1 }) => send(page, { type: "queryDone", queryId, timing });

async function threeRows(page: Page): Promise<void> {
  await send(page, { type: "queryStarted", queryId: "q1", sql: "select id, name from customers", target: TARGET, startedAt: Date.now() });
  await send(page, { type: "resultStarted", resultId: "r1", queryId: "q1", index: 0, columns: [{ name: "id", typeName: "int4", typeOid: 23 }, { name: "name", typeName: "text", typeOid: 25 }] });
  await send(page, { type: "rows", resultId: "r1", rows: [["1", "Ada"], ["2", "Grace"], ["3", "Edsger"]], totalLoaded: 3 });
  await send(page, { type: "resultDone", resultId: "r1", command: "SELECT 3", rowCount: 3, truncated: false, limit: 100000 });
  await done(page);
  await nextFrame(page);
}

/** Elements matching `sel` that are rendered but stick out of the viewport or their own box (clipped text). */
const clipped = (page: Page, sel: string) => js<string[]>(page, `[...document.querySelectorAll(${JSON.stringify(sel)})]
  .filter((e) => e.offsetParent !== null)
  .filter((e) => { const r = e.getBoundingClientRect(); return r.right > innerWidth + 0.5 || r.left < -0.5 || e.scrollWidth > e.clientWidth + 1; })
  .map((e) => e.className + ":" + (e.getAttribute('data-action') || e.textContent))`);

describe("results panel at a glance (headless Chromium)", function () {
  this.timeout(120_000);
  const panel = usePanelPage();
  let page: Page;
  beforeEach(() => { page = panel.page(); });

  it("shows '3 rows · 4 ms · production' in a status line, with execute vs fetch time and when it ran", async () => {
    await threeRows(page);
    const line = await js<string>(page, "document.querySelector('.statusline').textContent");
    assert.ok(line.includes("3 rows · 4 ms · production"), line);
    assert.match(line, /execute 3 ms · fetch 1 ms/);
    assert.match(line, /ran \d{2}:\d{2}:\d{2}/);
    assert.deepEqual(await clipped(page, ".statusline .status-text, .statusline .status-meta"), []);
  });

  it("says 'first 100,000 of …' when the result was capped", async () => {
    await startQuery(page);
    await js(page, "window.__feed('r1', 100000, 10000)");
    await send(page, { type: "resultDone", resultId: "r1", command: "SELECT 100000", rowCount: 100000, truncated: true, limit: 100000 });
    await done(page);
    await nextFrame(page);
    assert.match(await js<string>(page, "document.querySelector('.statusline').textContent"), /^first 100,000 of … · 4 ms/);
  });

  for (const width of [320, 520]) {
    it(`fits a ${width} px panel: status line, filter and every action reachable (overflow menu)`, async () => {
      await page.setViewportSize({ width, height: 500 });
      await threeRows(page);
      assert.deepEqual(await clipped(page, ".toolbar .tb-button, .toolbar .filter, .statusline .status-text, .statusline .status-meta"), []);
      assert.ok((await js<string>(page, "document.querySelector('.statusline').textContent")).includes("3 rows · 4 ms · production"));
      // Buttons are icons (SVG, currentColor) with an accessible name.
      assert.ok(await js<boolean>(page, "[...document.querySelectorAll('.toolbar .tb-button:not([hidden])')].every((b) => b.querySelector('svg') && b.getAttribute('aria-label'))"));
      await page.click("[data-action=more]");
      const items = await js<string[]>(page, "[...document.querySelectorAll('.context-menu .menu-label')].map((e) => e.textContent)");
      for (const label of ["Run Again", "Export CSV…", "Export JSON…", "Query History", "Copy as SQL INSERT"]) assert.ok(items.includes(label), `${label} in ${items.join(", ")}`);
      await page.locator(".context-menu .menu-item", { hasText: /^Query History/ }).click();
      assert.deepEqual(await lastPosted(page, "openHistory"), { type: "openHistory" });
      // While running, Cancel is on the toolbar itself.
      await send(page, { type: "queryStarted", queryId: "q2", sql: "select pg_sleep(9)", target: TARGET, startedAt: Date.now() });
      assert.deepEqual(await clipped(page, ".toolbar .tb-button"), []);
      await page.click("[data-action=cancel]");
      assert.deepEqual(await lastPosted(page, "cancel"), { type: "cancel", queryId: "q2" });
      mkdirSync(".tmp", { recursive: true });
      await page.screenshot({ path: `.tmp/panel-${width}.png` });
    });
  }

  it("sizes columns to their content within a cap; a sort arrow never shrinks a header", async () => {
    const hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    await send(page, { type: "queryStarted", queryId: "w", sql: "select * from events", target: TARGET, startedAt: Date.now() });
    await send(page, { type: "resultStarted", resultId: "w1", queryId: "w", index: 0, columns: [
      { name: "customer_email", typeName: "text", typeOid: 25 }, { name: "created_at", typeName: "timestamptz", typeOid: 1184 },
      { name: "sha", typeName: "text", typeOid: 25 }, { name: "n", typeName: "int4", typeOid: 23 }] });
    await nextFrame(page);
    await send(page, { type: "rows", resultId: "w1", rows: Array.from({ length: 50 }, (_, i) => [`someone.${i}@example-company.com`, "2026-11-22 10:15:30.123456+00", hash, String(i)]), totalLoaded: 50 });
    await nextFrame(page);
    // Timestamps and emails are shown whole; the 64-char hash stops at the cap.
    assert.deepEqual(await clipped(page, ".grid-body .grid-row:not([hidden]) .cell[data-col='0'], .grid-body .grid-row:not([hidden]) .cell[data-col='1']"), []);
    const shaW = await js<number>(page, "document.querySelector('.hcell[data-col=\"2\"]').getBoundingClientRect().width");
    assert.ok(shaW >= 300 && shaW <= 420, `hash column ${shaW} px`);
    for (const col of [0, 3]) {
      await page.click(`.hcell[data-col="${col}"]`);
      await nextFrame(page);
      assert.deepEqual(await clipped(page, `.hcell[data-col="${col}"] .hname`), [], `header ${col} after sorting`);
      assert.equal(await js(page, `document.querySelector('.hcell[data-col="${col}"]').getAttribute('aria-sort')`), "ascending");
    }
  });

  it("returns to the top on sort and filter, and highlights the matches", async () => {
    await startQuery(page);
    await js(page, "window.__feed('r1', 5000, 5000)");
    await done(page);
    await js(page, "(() => { const g = document.querySelector('.grid'); g.scrollTop = g.scrollHeight; })()");
    await nextFrame(page);
    await page.fill(".filter", "name 99");
    await waitFor(page, "document.querySelector('.status-text').textContent.includes(' of ')");
    await nextFrame(page);
    assert.equal(await js(page, "document.querySelector('.grid').scrollTop"), 0);
    const first = (await visibleRows(page))[0]!;
    assert.equal(first[1], "name 99", "the first match is the first row shown");
    const marks = await js<string[]>(page, "[...document.querySelectorAll('.grid-body .grid-row:not([hidden]) .cell mark')].map((m) => m.textContent)");
    assert.ok(marks.length > 0 && marks.every((m) => m.toLowerCase() === "name 99"), marks.join(","));
    await js(page, "(() => { const g = document.querySelector('.grid'); g.scrollTop = g.scrollHeight; })()");
    await nextFrame(page);
    await page.click('.hcell[data-col="0"]');
    await nextFrame(page);
    assert.equal(await js(page, "document.querySelector('.grid').scrollTop"), 0);
    await page.fill(".filter", "");
    await waitFor(page, "document.querySelectorAll('.cell mark').length === 0");
  });

  it("shows a user's cancel as cancelled, not as a red ERROR 57014; a timeout says so", async () => {
    await send(page, { type: "queryStarted", queryId: "c", sql: "select pg_sleep(30)", target: TARGET, startedAt: Date.now() - 1500 });
    await send(page, { type: "queryError", queryId: "c", message: "canceling statement due to user request", sqlstate: "57014", outcome: "cancelled" });
    await nextFrame(page);
    const text = await js<string>(page, "document.querySelector('.message-host').innerText");
    assert.match(text, /Cancelled/);
    assert.doesNotMatch(text, /ERROR|57014/);
    assert.equal(await js(page, "document.querySelectorAll('.message-view.error').length"), 0);
    assert.equal(await js(page, "document.querySelector('.status').dataset.kind"), "cancelled");
    assert.match(await js<string>(page, "document.querySelector('.status-text').textContent"), /^Cancelled/);
    await send(page, { type: "queryStarted", queryId: "t", sql: "select pg_sleep(30)", target: TARGET, startedAt: Date.now() - 1000 });
    await send(page, { type: "queryError", queryId: "t", message: "canceling statement due to user request", sqlstate: "57014", outcome: "timeout" });
    await nextFrame(page);
    assert.match(await js<string>(page, "document.querySelector('.message-host').innerText"), /Timed out.*lakebase\.query\.timeout/s);
  });

  it("numbers an error's line as the file does", async () => {
    const sql = "-- the customers\nselect nme\nfrom customers";
    await send(page, { type: "queryStarted", queryId: "e", sql, target: TARGET, startedAt: Date.now() });
    await send(page, { type: "queryError", queryId: "e", message: 'column "nme" does not exist', sqlstate: "42703", position: 25, line: 14, column: 8 });
    await nextFrame(page);
    const text = await js<string>(page, "document.querySelector('.message-host').innerText");
    assert.match(text, /Line 14\b/);
    assert.doesNotMatch(text, /Line 2\b/);
    assert.match(await js<string>(page, "document.querySelector('.error-sql').textContent"), /^select nme\n {7}\^$/);
  });

  it("opens a cell's whole value in an editor tab (Open Value in Editor)", async () => {
    const doc = JSON.stringify({ customer: "Ada", tags: ["vip"], long: "x".repeat(1000) });
    await send(page, { type: "queryStarted", queryId: "v", sql: "select doc from t", target: TARGET, startedAt: Date.now() });
    await send(page, { type: "resultStarted", resultId: "v1", queryId: "v", index: 0, columns: [{ name: "doc", typeName: "jsonb", typeOid: 3802 }] });
    await send(page, { type: "rows", resultId: "v1", rows: [[doc], [null]], totalLoaded: 2 });
    await done(page, "v");
    await nextFrame(page);
    await page.locator(".grid-body .grid-row").nth(0).locator(".cell").nth(0).click({ button: "right" });
    await page.locator(".context-menu .menu-item", { hasText: /^Open Value in Editor/ }).click();
    assert.deepEqual(await lastPosted(page, "openValue"), { type: "openValue", value: doc, typeName: "jsonb", column: "doc" });
    await page.locator(".grid-body .grid-row").nth(1).locator(".cell").nth(0).click({ button: "right" });
    assert.equal(await js(page, "[...document.querySelectorAll('.context-menu .menu-item')].find((e) => e.textContent.startsWith('Open Value')).getAttribute('aria-disabled')"), "true", "NULL has no value to open");
  });

  // The limit moved from 1,000,000 to 10,000,000 cells with copies in pieces (issue #15 item 4: copying up to
  // 1,000,000 rows); the shape is now 10,001 rows × 1,000 columns (one shared row array: cheap to hold).
  it("offers Export instead of copying more than ten million cells (no giant string in the webview)", async () => {
    await send(page, { type: "queryStarted", queryId: "q1", sql: "select * from wide", target: { label: "demo / main / databricks_postgres" }, startedAt: Date.now() });
    await js(page, `(() => { const columns = Array.from({ length: 1000 }, (_, i) => ({ name: "c" + i, typeName: "text", typeOid: 25 }));
      window.__send({ type: "resultStarted", resultId: "r1", queryId: "q1", index: 0, columns });
      const row = columns.map((_, i) => String(i + 1));
      window.__send({ type: "rows", resultId: "r1", rows: new Array(10001).fill(row), totalLoaded: 10001 }); })()`);
    await done(page);
    await page.locator(".grid-body .grid-row").nth(0).locator(".cell").nth(0).click();
    await page.keyboard.press("Control+a");
    await page.keyboard.press("Control+c");
    assert.equal(await lastPosted(page, "copy"), undefined, "nothing copied");
    assert.match(await js<string>(page, "document.querySelector('.copy-notice').textContent"), /10,001 rows × 1000 columns is too much to copy.*over 10,000,000 cells.*Export/);
    await page.click("[data-action=copy-export]");
    assert.deepEqual(await lastPosted(page, "export"), { type: "export", resultId: "r1", format: "csv" });
    assert.equal(await js(page, "document.querySelectorAll('.copy-notice').length"), 0);
    // A selection within the limit still copies (every row here is "1", "2", … by column).
    await page.locator(".grid-body .grid-row").nth(1).locator(".cell").nth(1).click();
    await page.keyboard.press("Control+c");
    assert.equal((await lastPosted<{ text: string }>(page, "copy"))?.text, "2");
  });

  it("puts keyboard focus on the grid when the panel gets focus: arrows and Ctrl+C work at once", async () => {
    await threeRows(page);
    await js(page, "document.activeElement && document.activeElement.blur()");
    await js(page, "window.dispatchEvent(new FocusEvent('focus'))");
    assert.equal(await js(page, "document.activeElement.classList.contains('grid')"), true);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Control+c");
    assert.equal((await lastPosted<{ text: string }>(page, "copy"))?.text, "Grace");
  });
});
