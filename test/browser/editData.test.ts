// Edit Data in the results grid (headless Chromium): staged cell edits (a value, '' and NULL kept apart),
// Add Row, Delete Row, a generated column refused, the review pane with the host's SQL, Apply posting the same
// changes, a conflict reported with the edits kept, Discard restoring the rows; a table without a key read-only.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { js, lastPosted, nextFrame, send, usePanelPage, visibleRows } from "./panelPage";

const COLUMNS = [
  { name: "id", typeName: "int4", typeOid: 23 }, { name: "name", typeName: "text", typeOid: 25 },
  { name: "note", typeName: "text", typeOid: 25 }, { name: "shout", typeName: "text", typeOid: 25 },
];
const ROWS = [["1", "Ada", "first", "ADA"], ["2", "Grace", "second", "GRACE"], ["3", "Edsger", null, "EDSGER"]];
const EDIT = { table: "public.customers", key: [0], writable: [true, true, true, false] };

async function editable(page: Page, edit: unknown = EDIT): Promise<void> {
  await send(page, { type: "queryStarted", queryId: "e", sql: 'SELECT * FROM "public"."customers" ORDER BY "id"', target: { label: "demo / production / db", branch: "production" }, startedAt: Date.now() });
  await send(page, { type: "resultStarted", resultId: "e/0", queryId: "e", index: 0, columns: COLUMNS, edit });
  await send(page, { type: "rows", resultId: "e/0", rows: ROWS, totalLoaded: 3 });
  await send(page, { type: "resultDone", resultId: "e/0", command: "SELECT 3", rowCount: 3, truncated: false, limit: 100000 });
  await send(page, { type: "queryDone", queryId: "e", timing: { connectMs: 1, executeMs: 1, fetchMs: 1 } });
  await nextFrame(page);
}

const cell = (page: Page, row: number, col: number) => page.locator(".grid-body .grid-row").nth(row).locator(".cell").nth(col);
async function type(page: Page, row: number, col: number, text: string): Promise<void> {
  await cell(page, row, col).dblclick();
  await page.locator(".cell-editor").fill(text);
  await page.keyboard.press("Enter");
  await nextFrame(page);
}
async function menu(page: Page, row: number, col: number, label: string): Promise<void> {
  await cell(page, row, col).click({ button: "right" });
  await page.locator(".context-menu .menu-item", { hasText: new RegExp(`^${label.replace(/[()]/g, "\\$&")}`) }).click();
  await nextFrame(page);
}
const barText = (page: Page) => js<string>(page, "document.querySelector('.editbar .edit-text').textContent");

describe("Edit Data in the grid (headless Chromium)", function () {
  this.timeout(120_000);
  const panel = usePanelPage();
  let page: Page;
  beforeEach(() => { page = panel.page(); });

  it("stages edits, inserts and deletes, shows the host's SQL before it runs, and applies exactly those changes", async () => {
    await editable(page);
    assert.equal(await barText(page), "Editing public.customers · double-click a cell to edit");
    await type(page, 1, 1, "Grace H.");
    assert.deepEqual((await visibleRows(page))[1], ["2", "Grace H.", "second", "GRACE"]);
    assert.match(await js<string>(page, "document.querySelectorAll('.grid-body .grid-row')[1].querySelectorAll('.cell')[1].className"), /\bedited\b/);
    await type(page, 0, 2, "");
    await menu(page, 1, 2, "Set to NULL");
    assert.deepEqual((await visibleRows(page)).slice(0, 2), [["1", "Ada", "", "ADA"], ["2", "Grace H.", "NULL", "GRACE"]]);
    assert.equal(await js(page, "document.querySelectorAll('.grid-body .grid-row')[0].querySelectorAll('.cell')[2].classList.contains('null')"), false, "'' is not NULL");
    await menu(page, 2, 0, "Delete Row(s)");
    assert.match(await js<string>(page, "document.querySelectorAll('.grid-body .grid-row')[2].className"), /\bdeleted\b/);
    // Generated columns cannot be edited.
    await cell(page, 0, 3).dblclick();
    assert.equal(await js(page, "document.querySelectorAll('.cell-editor').length"), 0);
    assert.match(await js<string>(page, "document.querySelector('.toast').textContent"), /shout is generated/);
    // Add Row opens the editor on the new row's first column.
    await page.click("[data-action=add-row]");
    await page.locator(".cell-editor").fill("4");
    await page.keyboard.press("Tab");
    await type(page, 3, 1, "New");
    assert.deepEqual((await visibleRows(page))[3], ["4", "New", "NULL", "NULL"]);
    assert.equal(await barText(page), "Editing public.customers · 4 staged changes");

    const expected = [
      { kind: "delete", row: 2 },
      { kind: "update", row: 0, values: { 2: "" } },
      { kind: "update", row: 1, values: { 1: "Grace H.", 2: null } },
      { kind: "insert", values: { 0: "4", 1: "New" } },
    ];
    await page.click("[data-action=review-edits]");
    assert.deepEqual(await lastPosted(page, "previewEdits"), { type: "previewEdits", resultId: "e/0", changes: expected });
    const sql = 'BEGIN;\nDELETE FROM "public"."customers" WHERE "id" = $1::integer;\n  -- $1 = \'3\'\nCOMMIT;';
    await send(page, { type: "editPreview", resultId: "e/0", sql });
    assert.equal(await js(page, "document.querySelector('.edit-review .review-sql').textContent"), sql);
    mkdirSync(".tmp", { recursive: true });
    await page.screenshot({ path: ".tmp/edit-review.png" });
    await page.click("[data-action=apply-edits]");
    assert.deepEqual(await lastPosted(page, "applyEdits"), { type: "applyEdits", resultId: "e/0", changes: expected });

    // A conflict: nothing applied, the message is shown, the staged edits stay.
    await send(page, { type: "editResult", resultId: "e/0", status: "conflict", message: "Change 3 (update): the row was changed or deleted by someone else since it was read. Nothing was applied." });
    await nextFrame(page);
    assert.equal(await js(page, "document.querySelectorAll('.edit-review').length"), 0);
    assert.match(await js<string>(page, "document.querySelector('.edit-message').textContent"), /changed or deleted by someone else/);
    assert.equal(await barText(page), "Editing public.customers · 4 staged changes");
    await page.screenshot({ path: ".tmp/edit-conflict.png" });

    await page.click("[data-action=discard-edits]");
    await nextFrame(page);
    assert.deepEqual(await visibleRows(page), ROWS.map((r) => r.map((v) => v ?? "NULL")));
    assert.equal(await js(page, "document.querySelectorAll('.grid-row:not([hidden]) .cell.edited, .grid-row.deleted:not([hidden])').length"), 0);
  });

  it("keeps staged edits when the webview is rebuilt after hide/show (vscode state)", async () => {
    await editable(page);
    await type(page, 0, 1, "Ada L.");
    await menu(page, 2, 0, "Delete Row(s)");
    await page.click("[data-action=add-row]");
    await page.locator(".cell-editor").fill("9");
    await page.keyboard.press("Enter");
    const state = await js<unknown>(page, "window.__state");
    page = await panel.reopen(state);
    // The host replays the same query (same ids) into the new webview.
    await editable(page);
    assert.equal(await barText(page), "Editing public.customers · 3 staged changes");
    assert.deepEqual((await visibleRows(page)).map((r) => r[1]), ["Ada L.", "Grace", "Edsger", "NULL"]);
    assert.match(await js<string>(page, "document.querySelectorAll('.grid-body .grid-row')[2].className"), /\bdeleted\b/);
    await page.click("[data-action=review-edits]");
    assert.deepEqual((await lastPosted<{ changes: unknown }>(page, "previewEdits"))?.changes, [
      { kind: "delete", row: 2 }, { kind: "update", row: 0, values: { 1: "Ada L." } }, { kind: "insert", values: { 0: "9" } }]);
  });

  it("Escape cancels a cell edit; an untouched NULL stays NULL", async () => {
    await editable(page);
    await cell(page, 0, 1).dblclick();
    await page.locator(".cell-editor").fill("typed");
    await page.keyboard.press("Escape");
    await cell(page, 2, 2).dblclick();
    assert.equal(await js(page, "document.querySelector('.cell-editor').placeholder"), "NULL");
    await page.keyboard.press("Enter");
    await nextFrame(page);
    assert.deepEqual(await visibleRows(page), ROWS.map((r) => r.map((v) => v ?? "NULL")));
    assert.equal(await barText(page), "Editing public.customers · double-click a cell to edit");
  });

  it("offers Edit Rows on a query result read straight from a table; the host's answer turns editing on or says why not", async () => {
    const fromTable = COLUMNS.map((c, i) => ({ ...c, tableOid: 16384, tableColumn: i + 1 }));
    await send(page, { type: "queryStarted", queryId: "q", sql: "select * from customers", target: { label: "demo / production / db", branch: "production" }, startedAt: Date.now() });
    await send(page, { type: "resultStarted", resultId: "q/0", queryId: "q", index: 0, columns: fromTable });
    await send(page, { type: "rows", resultId: "q/0", rows: ROWS, totalLoaded: 3 });
    await send(page, { type: "resultDone", resultId: "q/0", command: "SELECT 3", rowCount: 3, truncated: false, limit: 100000 });
    await send(page, { type: "queryDone", queryId: "q", timing: { connectMs: 1, executeMs: 1, fetchMs: 1 } });
    await nextFrame(page);
    assert.equal(await js(page, "document.querySelector('.editbar').hidden"), true);
    await menu(page, 0, 1, "Edit Rows…");
    assert.deepEqual(await lastPosted(page, "enableEdit"), { type: "enableEdit", resultId: "q/0" });
    await send(page, { type: "editEnabled", resultId: "q/0", reason: "Include the primary key (id) of \"public\".\"customers\" in the result to edit it." });
    assert.match(await js<string>(page, "document.querySelector('.toast').textContent"), /Include the primary key/);
    await send(page, { type: "editEnabled", resultId: "q/0", edit: EDIT });
    await nextFrame(page);
    assert.equal(await barText(page), "Editing public.customers · double-click a cell to edit");
    await type(page, 0, 1, "Ada L.");
    assert.equal(await barText(page), "Editing public.customers · 1 staged change");
  });

  it("opens a table without a primary key read-only, saying why", async () => {
    await editable(page, { ...EDIT, key: [], readOnlyReason: '"public"."customers" has no primary key: rows cannot be told apart safely, so it opens read-only. Add a primary key to edit it.' });
    assert.match(await barText(page), /^Read-only: .*has no primary key/);
    assert.equal(await js(page, "document.querySelector('[data-action=add-row]').hidden"), true);
    await cell(page, 0, 1).dblclick();
    assert.equal(await js(page, "document.querySelectorAll('.cell-editor').length"), 0);
  });
});
