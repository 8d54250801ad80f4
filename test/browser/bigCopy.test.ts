// Big copies (issue #15 item 4): a selection over 50,000 cells is formatted 5,000 rows at a time and posted as
// copyChunk pieces (the webview never builds the whole text), with progress and Cancel; the pieces joined are
// exactly the text a one-piece copy would give, in view order (filter and sort applied); over 10,000,000 cells
// the panel offers Export instead.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import type { CellValue } from "../../src/shared/protocol";
import { formatCopy } from "../../webview/results/copyFormats";
import { js, send, startQuery, usePanelPage, waitFor } from "./panelPage";

const COLUMNS = [{ name: "id", typeName: "int4" }, { name: "name", typeName: "text" }, { name: "score", typeName: "int8" }, { name: "note", typeName: "text" }];
/** The harness's generated row i (grid-harness.html, window.__row). */
const row = (i: number): CellValue[] => [String(i + 1), i % 7 === 3 ? null : `name ${i % 1000}`, String((i * 7919) % 100003), i % 5 === 0 ? "" : `v${i}`];
const rowsOf = (n: number) => Array.from({ length: n }, (_, i) => row(i));

interface Chunk { type: "copyChunk"; copyId: string; text: string; done: boolean; cancel?: boolean; rows?: number }
const chunks = (page: Page) => js<Chunk[]>(page, "window.__posted.filter((m) => m.type === 'copyChunk')");

async function loaded(page: Page, n: number): Promise<void> {
  await startQuery(page);
  await js(page, `window.__feed('r1', ${n}, 50000)`);
  await send(page, { type: "resultDone", resultId: "r1", command: `SELECT ${n}`, rowCount: n, truncated: false, limit: 1_000_000 });
  await send(page, { type: "queryDone", queryId: "q1", timing: { connectMs: 1, executeMs: 1, fetchMs: 1 } });
  await page.locator(".grid-body .grid-row").nth(0).locator(".cell").nth(0).click();
}

describe("big copies in pieces (headless Chromium)", function () {
  this.timeout(180_000);
  const panel = usePanelPage();
  let page: Page;
  beforeEach(() => { page = panel.page(); });

  it("copies 300,000 rows as 5,000-row pieces whose join is exactly the TSV, then says so when the host answers", async () => {
    await loaded(page, 300_000);
    await page.keyboard.press("Control+a");
    await page.keyboard.press("Control+c");
    await waitFor(page, "window.__posted.some((m) => m.type === 'copyChunk' && m.done)", 30_000);
    assert.equal(await js(page, "window.__posted.filter((m) => m.type === 'copy').length"), 0, "no one-piece copy");
    assert.ok(await js<boolean>(page, "!!document.querySelector('.copy-progress')"), "progress shown until the host answers");
    const got = await chunks(page);
    assert.equal(got.length, 61, "60 pieces of 5,000 rows and the end");
    assert.ok(got.every((c) => c.copyId === got[0]!.copyId));
    assert.deepEqual(got.at(-1), { type: "copyChunk", copyId: got[0]!.copyId, text: "", done: true, rows: 300_000 });
    assert.ok(Math.max(...got.map((c) => c.text.length)) < 200_000, "each piece is small");
    assert.equal(got.map((c) => c.text).join(""), formatCopy("tsv", COLUMNS, rowsOf(300_000)));
    await send(page, { type: "copyDone", copyId: got[0]!.copyId, rows: 300_000 });
    assert.equal(await js(page, "document.querySelector('.toast').textContent"), "Copied 300,000 rows");
    assert.equal(await js(page, "document.querySelectorAll('.copy-progress').length"), 0);
  });

  it("copies what the grid shows: the filtered, sorted rows, as CSV from the menu, in pieces", async () => {
    await loaded(page, 200_000);
    await page.fill(".toolbar .filter", "name 1");
    await page.press(".toolbar .filter", "Enter");
    await page.locator(".grid-header .hcell").nth(2).click(); // sort by score ascending
    await page.locator(".grid-body .grid-row").nth(0).locator(".cell").nth(0).click();
    await page.keyboard.press("Control+a");
    await page.locator(".grid-body .grid-row").nth(0).locator(".cell").nth(0).click({ button: "right" });
    await page.locator(".context-menu .menu-item", { hasText: /^Copy as CSV/ }).click();
    await waitFor(page, "window.__posted.some((m) => m.type === 'copyChunk' && m.done)", 30_000);
    const expected = rowsOf(200_000).filter((r) => r.some((v) => v !== null && v.toLowerCase().includes("name 1")));
    expected.sort((a, b) => Number(a[2]) - Number(b[2]) || Number(a[0]) - Number(b[0]));
    assert.ok(expected.length * 4 > 50_000, `${expected.length} rows: enough for pieces`);
    const got = await chunks(page);
    assert.ok(got.length > 2);
    assert.equal(got.at(-1)?.rows, expected.length);
    assert.equal(got.map((c) => c.text).join(""), formatCopy("csv", COLUMNS, expected));
  });

  it("Cancel stops after the piece under way and tells the host to drop it", async () => {
    await loaded(page, 200_000);
    await page.keyboard.press("Control+a");
    // Ctrl+C and Cancel in one task: the first piece is out, the rest must not follow.
    await js(page, `(() => { document.querySelector('.grid').dispatchEvent(new KeyboardEvent('keydown', { key: 'c', ctrlKey: true, bubbles: true }));
      document.querySelector('[data-action=copy-cancel]').click(); })()`);
    await new Promise((ok) => setTimeout(ok, 300));
    const got = await chunks(page);
    assert.equal(got.length, 2, JSON.stringify(got.map((c) => [c.done, c.cancel, c.text.length])));
    assert.equal(got[0]!.done, false);
    assert.deepEqual(got[1], { type: "copyChunk", copyId: got[0]!.copyId, text: "", done: true, cancel: true });
    assert.equal(await js(page, "document.querySelector('.toast').textContent"), "Copy cancelled: the clipboard is unchanged.");
    assert.equal(await js(page, "document.querySelectorAll('.copy-progress').length"), 0);
  });

  it("copies a small selection in one message, as before", async () => {
    await loaded(page, 1000);
    await page.keyboard.press("Shift+ArrowDown");
    await page.keyboard.press("Control+c");
    assert.deepEqual(await js(page, "window.__posted.filter((m) => m.type === 'copy' || m.type === 'copyChunk')"), [{ type: "copy", text: "1\n2" }]);
  });
});
