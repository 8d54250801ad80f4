// Hide and reorder columns in the results grid (issue #15 item 3): the header's context menu hides, "Columns…"
// (below the header row, with a search box for wide tables) shows and hides with Show All, a header dragged onto another moves it, Alt+Shift+arrows move the focused
// column; copies, sort and Edit Data follow what the user sees; the layout survives hide/show of the panel and
// resets for other columns; 1,000 columns with some hidden keep the DOM constant.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { js, lastPosted, nextFrame, send, usePanelPage, visibleRows } from "./panelPage";

const COLUMNS = [
  { name: "id", typeName: "int4", typeOid: 23 }, { name: "name", typeName: "text", typeOid: 25 },
  { name: "note", typeName: "text", typeOid: 25 }, { name: "shout", typeName: "text", typeOid: 25 },
];
const ROWS = [["2", "Grace", "second", "GRACE"], ["1", "Ada", "first", "ADA"], ["3", "Edsger", null, "EDSGER"]];
const EDIT = { table: "public.customers", key: [0], writable: [true, true, true, false] };

async function result(page: Page, opts: { queryId?: string; edit?: unknown; columns?: unknown[] } = {}): Promise<void> {
  const queryId = opts.queryId ?? "q";
  await send(page, { type: "queryStarted", queryId, sql: 'SELECT * FROM "public"."customers"', target: { label: "demo / production / db", branch: "production" }, startedAt: Date.now() });
  await send(page, { type: "resultStarted", resultId: `${queryId}/0`, queryId, index: 0, columns: opts.columns ?? COLUMNS, edit: opts.edit });
  await send(page, { type: "rows", resultId: `${queryId}/0`, rows: ROWS, totalLoaded: 3 });
  await send(page, { type: "resultDone", resultId: `${queryId}/0`, command: "SELECT 3", rowCount: 3, truncated: false, limit: 100000 });
  await send(page, { type: "queryDone", queryId, timing: { connectMs: 1, executeMs: 1, fetchMs: 1 } });
  await nextFrame(page);
}

const headers = (page: Page) => js<string[]>(page, "[...document.querySelectorAll('.grid-header .hcell .hname')].map((e) => e.textContent)");
const statusMeta = (page: Page) => js<string>(page, "document.querySelector('.status-meta').textContent");
const header = (page: Page, name: string) => page.locator(".grid-header .hcell", { has: page.locator(".hname", { hasText: new RegExp(`^${name}$`) }) });
async function headerMenu(page: Page, name: string, label: string): Promise<void> {
  await header(page, name).click({ button: "right" });
  await page.locator(".context-menu .menu-item", { hasText: new RegExp(`^${label}`) }).click();
  await nextFrame(page);
}
async function copyAll(page: Page, withHeaders = true): Promise<string> {
  await page.locator(".grid-body .grid-row .cell").first().click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press(withHeaders ? "Control+Shift+C" : "Control+C");
  return (await lastPosted<{ text: string }>(page, "copy"))!.text;
}
async function drag(page: Page, from: string, onto: string): Promise<void> {
  const a = (await header(page, from).boundingBox())!;
  const b = (await header(page, onto).boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 8, a.y + a.height / 2, { steps: 2 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 4 });
  assert.equal(await js(page, "document.querySelectorAll('.hcell.drop-before, .hcell.drop-after').length"), 1, "the drop target is marked");
  await page.mouse.up();
  await nextFrame(page);
}

describe("hide and reorder columns (headless Chromium)", function () {
  this.timeout(120_000);
  const panel = usePanelPage();
  let page: Page;
  beforeEach(() => { page = panel.page(); });

  it("hides a column from its header, says so in the status line, copies without it, and Columns… shows it again", async () => {
    await result(page);
    await headerMenu(page, "name", "Hide Column");
    assert.deepEqual(await headers(page), ["id", "note", "shout"]);
    assert.deepEqual(await visibleRows(page), [["2", "second", "GRACE"], ["1", "first", "ADA"], ["3", "NULL", "EDSGER"]]);
    assert.match(await statusMeta(page), / · 1 column hidden$/);
    assert.equal(await copyAll(page), "id\tnote\tshout\n2\tsecond\tGRACE\n1\tfirst\tADA\n3\t\tEDSGER");
    assert.equal(await js(page, "document.querySelector('.grid').getAttribute('aria-colcount')"), "4");

    await headerMenu(page, "shout", "Hide Column");
    assert.match(await statusMeta(page), / · 2 columns hidden$/);
    await page.click(".toolbar [data-action=more]");
    await page.locator(".context-menu .menu-item", { hasText: /^Columns…/ }).click();
    const boxes = () => js<Array<[string, boolean]>>(page, "[...document.querySelectorAll('.columns-panel .columns-item')].map((l) => [l.querySelector('.columns-name').textContent, l.querySelector('input').checked])");
    assert.deepEqual(await boxes(), [["id", true], ["name", false], ["note", true], ["shout", false]]);
    assert.equal(await js(page, "document.querySelector('.columns-summary').textContent"), "2 hidden");
    await page.locator(".columns-panel input[data-col='3']").check();
    await nextFrame(page);
    assert.deepEqual(await headers(page), ["id", "note", "shout"]);
    await page.locator(".columns-panel input[data-col='0']").uncheck();
    await nextFrame(page);
    assert.deepEqual(await headers(page), ["note", "shout"]);
    assert.equal(await js(page, "document.querySelector('.grid-header .hcell').classList.contains('frozen') && document.querySelector('.grid-header .hcell .hname').textContent"), "note", "the frozen column is the first shown");
    mkdirSync(".tmp", { recursive: true });
    await page.screenshot({ path: ".tmp/columns-panel.png" });
    await page.click("[data-action=columns-show-all]");
    await nextFrame(page);
    assert.deepEqual(await headers(page), ["id", "name", "note", "shout"]);
    assert.deepEqual(await boxes(), [["id", true], ["name", true], ["note", true], ["shout", true]]);
    assert.equal(await statusMeta(page), " · 2 ms · production");
    await page.keyboard.press("Escape");
    assert.equal(await js(page, "document.querySelectorAll('.columns-panel').length"), 0);
  });

  it("filters the shown columns only: a hidden column's text does not keep a row", async () => {
    await result(page);
    await page.fill(".toolbar .filter", "first");
    await page.press(".toolbar .filter", "Enter"); // Enter applies at once (typing waits a little)
    await nextFrame(page);
    assert.deepEqual(await visibleRows(page), [["1", "Ada", "first", "ADA"]]);
    await headerMenu(page, "note", "Hide Column");
    assert.deepEqual(await visibleRows(page), []);
    await page.click(".toolbar [data-action=more]");
    await page.locator(".context-menu .menu-item", { hasText: /^Columns…/ }).click();
    await page.click("[data-action=columns-show-all]");
    await nextFrame(page);
    assert.deepEqual(await visibleRows(page), [["1", "Ada", "first", "ADA"]]);
  });

  it("moves a column by dragging its header: copy, sort and the frozen first column follow the new order", async () => {
    await result(page);
    await drag(page, "shout", "id");
    assert.deepEqual(await headers(page), ["shout", "id", "name", "note"]);
    assert.equal(await js(page, "document.querySelector('.grid-header .hcell.frozen .hname').textContent"), "shout");
    assert.deepEqual((await visibleRows(page))[0], ["GRACE", "2", "Grace", "second"]);
    assert.equal(await lastPosted(page, "copy"), undefined, "a drag is not a click: nothing copied");
    assert.equal(await js(page, "[...document.querySelectorAll('.hcell')].filter((h) => h.getAttribute('aria-sort') !== 'none').length"), 0, "a drag does not sort");
    assert.equal(await copyAll(page), "shout\tid\tname\tnote\nGRACE\t2\tGrace\tsecond\nADA\t1\tAda\tfirst\nEDSGER\t3\tEdsger\t");
    // Dragging right: "id" onto "note" lands after it.
    await drag(page, "id", "note");
    assert.deepEqual(await headers(page), ["shout", "name", "note", "id"]);
    // Sort by a moved column: a click on its header sorts that data column.
    await header(page, "id").click();
    await nextFrame(page);
    assert.equal(await header(page, "id").getAttribute("aria-sort"), "ascending");
    assert.deepEqual(await visibleRows(page), [["ADA", "Ada", "first", "1"], ["GRACE", "Grace", "second", "2"], ["EDSGER", "Edsger", "NULL", "3"]]);
    assert.deepEqual((await js<{ sorts: Record<string, unknown> }>(page, "window.__state")).sorts, { 0: { col: 0, dir: "asc" } });
    await headerMenu(page, "name", "Reset Column Order");
    assert.deepEqual(await headers(page), ["id", "name", "note", "shout"]);
    assert.deepEqual((await visibleRows(page))[0], ["1", "Ada", "first", "ADA"]);
  });

  it("moves the focused column with Alt+Shift+Left/Right, the focus staying on it", async () => {
    await result(page);
    await page.locator(".grid-body .grid-row").nth(1).locator(".cell").nth(1).click(); // Ada
    await page.keyboard.press("Alt+Shift+ArrowRight");
    await nextFrame(page);
    assert.deepEqual(await headers(page), ["id", "note", "name", "shout"]);
    assert.deepEqual(await js(page, "[document.querySelector('.cell.focus').textContent, document.querySelector('.cell.focus').dataset.pos]"), ["Ada", "2"]);
    await page.keyboard.press("Alt+Shift+ArrowLeft");
    await page.keyboard.press("Alt+Shift+ArrowLeft");
    await nextFrame(page);
    assert.deepEqual(await headers(page), ["name", "id", "note", "shout"]);
    await page.keyboard.press("Alt+Shift+ArrowLeft"); // already first: nothing moves
    await nextFrame(page);
    assert.deepEqual(await headers(page), ["name", "id", "note", "shout"]);
    // Plain arrows still move the focus, Ctrl+C copies the focused cell of the moved column.
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Control+C");
    assert.equal((await lastPosted<{ text: string }>(page, "copy"))!.text, "1");
  });

  it("Edit Data after a reorder stages the change on the real column", async () => {
    await result(page, { edit: EDIT });
    await drag(page, "note", "id");
    assert.deepEqual(await headers(page), ["note", "id", "name", "shout"]);
    await page.locator(".grid-body .grid-row").nth(0).locator(".cell").nth(0).dblclick();
    await page.locator(".cell-editor").fill("changed");
    await page.keyboard.press("Enter");
    await nextFrame(page);
    assert.deepEqual((await visibleRows(page))[0], ["changed", "2", "Grace", "GRACE"]);
    // The generated column, moved, is still refused.
    await page.locator(".grid-body .grid-row").nth(0).locator(".cell").nth(3).dblclick();
    assert.equal(await js(page, "document.querySelectorAll('.cell-editor').length"), 0);
    await page.click("[data-action=review-edits]");
    assert.deepEqual(await lastPosted(page, "previewEdits"), { type: "previewEdits", resultId: "q/0", changes: [{ kind: "update", row: 0, values: { 2: "changed" } }] });
  });

  it("keeps hidden and moved columns across hide/show of the panel, and starts fresh for other columns", async () => {
    await result(page);
    await headerMenu(page, "note", "Hide Column");
    await drag(page, "shout", "id");
    assert.deepEqual(await headers(page), ["shout", "id", "name"]);
    const state = await js<{ layouts: Record<string, { order: number[]; hidden: number[] }> }>(page, "window.__state");
    assert.deepEqual({ order: state.layouts[0]!.order, hidden: state.layouts[0]!.hidden }, { order: [3, 0, 1, 2], hidden: [2] });
    page = await panel.reopen(state);
    await result(page); // the host replays the same query
    assert.deepEqual(await headers(page), ["shout", "id", "name"]);
    assert.match(await statusMeta(page), /1 column hidden$/);
    // Run Again (a new query, the same columns) keeps the layout; other columns start from the result's own order.
    await result(page, { queryId: "q2" });
    assert.deepEqual(await headers(page), ["shout", "id", "name"]);
    await result(page, { queryId: "q3", columns: [COLUMNS[0], COLUMNS[2], COLUMNS[1], COLUMNS[3]] });
    assert.deepEqual(await headers(page), ["id", "note", "name", "shout"]);
    assert.doesNotMatch(await statusMeta(page), /hidden/);
  });

  it("Columns… opens below the header row and its search box narrows a wide table's list", async () => {
    const columns = Array.from({ length: 60 }, (_, c) => ({ name: c === 7 ? "customer_email" : `col_${c}`, typeName: c % 2 ? "int4" : "text", typeOid: c % 2 ? 23 : 25 }));
    await send(page, { type: "queryStarted", queryId: "s", sql: "select * from wide", target: { label: "demo", branch: "production" }, startedAt: Date.now() });
    await send(page, { type: "resultStarted", resultId: "s/0", queryId: "s", index: 0, columns });
    await send(page, { type: "rows", resultId: "s/0", totalLoaded: 1, rows: [columns.map((c) => `v_${c.name}`)] });
    await send(page, { type: "resultDone", resultId: "s/0", command: "SELECT 1", rowCount: 1, truncated: false, limit: 100000 });
    await nextFrame(page);
    const headerBottom = await js<number>(page, "document.querySelector('.grid-header').getBoundingClientRect().bottom");
    const panelTop = () => js<number>(page, "document.querySelector('.columns-panel').getBoundingClientRect().top");
    const listed = () => js<string[]>(page, "[...document.querySelectorAll('.columns-panel .columns-item:not([hidden]) .columns-name')].map((e) => e.textContent)");
    // From a header's context menu (opened on the header row itself) and from the toolbar's More menu.
    await headerMenu(page, "col_2", "Columns…");
    assert.ok(await panelTop() >= headerBottom, `the popup (top ${await panelTop()}) leaves the header row (bottom ${headerBottom}) uncovered`);
    assert.equal(await js(page, "document.activeElement.classList.contains('columns-search')"), true, "typing goes to the search box");
    await page.keyboard.press("Escape");
    await page.click(".toolbar [data-action=more]");
    await page.locator(".context-menu .menu-item", { hasText: /^Columns…/ }).click();
    assert.ok(await panelTop() >= headerBottom, "from the More menu too");
    assert.equal((await listed()).length, 60);

    await page.keyboard.type("col_5");
    assert.deepEqual(await listed(), ["col_5", ...Array.from({ length: 10 }, (_, i) => `col_${50 + i}`)]);
    await page.keyboard.press("ArrowDown");
    assert.equal(await js(page, "document.activeElement.dataset.col"), "5", "ArrowDown goes to the first match");
    await page.keyboard.press("Space");
    await nextFrame(page);
    assert.equal((await headers(page)).includes("col_5"), false, "a match unchecked is hidden in the grid");
    await page.fill(".columns-search", "EMAIL");
    assert.deepEqual(await listed(), ["customer_email"]);
    await page.fill(".columns-search", "no such column");
    assert.deepEqual(await listed(), []);
    assert.equal(await js(page, "!document.querySelector('.columns-none').hidden"), true, "says nothing matches");
    await page.fill(".columns-search", "");
    assert.equal((await listed()).length, 60, "an empty search lists every column again");
    assert.equal(await js(page, "document.querySelector('.columns-summary').textContent"), "1 hidden");
    await page.keyboard.press("Escape");
  });

  it("1,000 columns with some hidden keep the DOM constant and the cells where their headers are", async () => {
    const wide = async (cols: number) => {
      await send(page, { type: "queryStarted", queryId: `w${cols}`, sql: "select * from wide", target: { label: "demo", branch: "production" }, startedAt: Date.now() });
      await page.evaluate(`window.__send({ type: "resultStarted", resultId: "w${cols}/0", queryId: "w${cols}", index: 0,
        columns: Array.from({ length: ${cols} }, (_, c) => ({ name: "col_" + c, typeName: "text", typeOid: 25 })) })`);
      await page.evaluate(`window.__send({ type: "rows", resultId: "w${cols}/0", totalLoaded: 200,
        rows: Array.from({ length: 200 }, (_, r) => Array.from({ length: ${cols} }, (_, c) => "r" + r + "c" + c)) })`);
      await send(page, { type: "queryDone", queryId: `w${cols}`, timing: { connectMs: 1, executeMs: 1, fetchMs: 1 } });
      await nextFrame(page);
    };
    const dom = () => js<{ cellsPerRow: number; nodes: number }>(page, "({ cellsPerRow: document.querySelector('.grid-body .grid-row').querySelectorAll('.cell').length, nodes: document.querySelectorAll('.grid *').length })");
    await wide(1000);
    const before = await dom();
    await page.click(".toolbar [data-action=more]");
    await page.locator(".context-menu .menu-item", { hasText: /^Columns…/ }).click();
    for (const c of [0, 1, 2, 500, 999]) await page.locator(`.columns-panel input[data-col='${c}']`).uncheck();
    await page.keyboard.press("Escape");
    await nextFrame(page);
    assert.equal(await js(page, "document.querySelector('.grid').getAttribute('aria-colcount')"), "996");
    assert.match(await statusMeta(page), /5 columns hidden$/);
    const after = await dom();
    assert.deepEqual(after, before, "same DOM size with columns hidden");
    const first = await js<string[]>(page, "[...document.querySelector('.grid-body .grid-row').querySelectorAll('.cell')].slice(0, 2).map((c) => c.textContent)");
    assert.deepEqual(first, ["r0c3", "r0c4"]);
    await js(page, "(() => { const g = document.querySelector('.grid'); g.scrollLeft = g.scrollWidth; g.dispatchEvent(new Event('scroll')); })()");
    await nextFrame(page);
    const row = await js<string[]>(page, "[...document.querySelector('.grid-body .grid-row').querySelectorAll('.cell')].map((c) => c.textContent)");
    assert.equal(row[0], "r0c3", "the first shown column stays frozen");
    assert.equal(row.at(-1), "r0c998");
    assert.ok(!row.includes("r0c500"), "a hidden column is not rendered");
    assert.equal(await js(page, `(() => { const cells = [...document.querySelector('.grid-body .grid-row').querySelectorAll('.cell')];
      const heads = new Map([...document.querySelectorAll('.hcell')].map((h) => [h.dataset.col, h.getBoundingClientRect().left]));
      return cells.filter((c) => Math.abs((heads.get(c.dataset.col) ?? -1e9) - c.getBoundingClientRect().left) > 1).length; })()`), 0, "header and body cells line up");
  });
});
