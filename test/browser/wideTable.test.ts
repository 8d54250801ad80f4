// Wide results (issue #15): columns are virtualized like rows — 1,000 columns keep a small, constant DOM —
// and the first column stays frozen beside the row numbers while scrolling sideways.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { js, nextFrame, send, usePanelPage } from "./panelPage";

async function wide(page: Page, cols: number, rows = 200): Promise<void> {
  await send(page, { type: "queryStarted", queryId: "w", sql: "select * from wide", target: { label: "demo", branch: "production" }, startedAt: Date.now() });
  await page.evaluate(`window.__send({ type: "resultStarted", resultId: "w1", queryId: "w", index: 0,
    columns: Array.from({ length: ${cols} }, (_, c) => ({ name: "col_" + c, typeName: "text", typeOid: 25 })) })`);
  await page.evaluate(`window.__send({ type: "rows", resultId: "w1", totalLoaded: ${rows},
    rows: Array.from({ length: ${rows} }, (_, r) => Array.from({ length: ${cols} }, (_, c) => "r" + r + "c" + c)) })`);
  await send(page, { type: "queryDone", queryId: "w", timing: { connectMs: 1, executeMs: 1, fetchMs: 1 } });
  await nextFrame(page);
}
const dom = (page: Page) => js<{ cellsPerRow: number; headers: number; nodes: number }>(page, `({
  cellsPerRow: document.querySelector('.grid-body .grid-row').querySelectorAll('.cell').length,
  headers: document.querySelectorAll('.hcell').length,
  nodes: document.querySelectorAll('.grid *').length })`);
const firstRow = (page: Page) => js<Array<[string, string]>>(page, "[...document.querySelector('.grid-body .grid-row').querySelectorAll('.cell')].map((c) => [c.dataset.col, c.textContent])");

describe("wide results (headless Chromium)", function () {
  this.timeout(120_000);
  const panel = usePanelPage();
  let page: Page;
  beforeEach(() => { page = panel.page(); });

  it("keeps the DOM constant from 50 to 1,000 columns and shows the right cells when scrolled sideways", async () => {
    await wide(page, 50);
    const fifty = await dom(page);
    await wide(page, 1000);
    const thousand = await dom(page);
    console.log(`      DOM with 1,000 columns: ${thousand.cellsPerRow} cells per row, ${thousand.headers} header cells, ${thousand.nodes} nodes (50 columns: ${fifty.nodes})`);
    assert.ok(thousand.cellsPerRow < 40, `${thousand.cellsPerRow} cells per row`);
    assert.equal(thousand.cellsPerRow, fifty.cellsPerRow);
    assert.equal(thousand.nodes, fifty.nodes);
    assert.equal(await js(page, "document.querySelector('.grid').getAttribute('aria-colcount')"), "1001");
    assert.deepEqual((await firstRow(page)).slice(0, 3), [["0", "r0c0"], ["1", "r0c1"], ["2", "r0c2"]]);

    const t0 = await js<number>(page, "(() => { const g = document.querySelector('.grid'); const t = performance.now(); g.scrollLeft = g.scrollWidth; g.dispatchEvent(new Event('scroll')); return performance.now() - t; })()");
    await nextFrame(page);
    const row = await firstRow(page);
    console.log(`      scroll to the last of 1,000 columns: ${t0.toFixed(1)} ms`);
    assert.deepEqual(row[0], ["0", "r0c0"], "the first column is frozen");
    assert.deepEqual(row.at(-1), ["999", "r0c999"]);
    assert.equal(await js(page, "[...document.querySelectorAll('.hcell')].at(-1).dataset.col"), "999");
    // Every rendered cell sits where its column is: header and body agree, and the frozen column stays at the left.
    const geometry = await js<{ frozenLeft: number; gutterRight: number; mismatched: number }>(page, `(() => {
      const row = document.querySelector('.grid-body .grid-row');
      const cells = [...row.querySelectorAll('.cell')];
      const heads = new Map([...document.querySelectorAll('.hcell')].map((h) => [h.dataset.col, h.getBoundingClientRect().left]));
      const mismatched = cells.filter((c) => Math.abs((heads.get(c.dataset.col) ?? -1e9) - c.getBoundingClientRect().left) > 1).length;
      return { frozenLeft: cells[0].getBoundingClientRect().left, gutterRight: row.querySelector('.gutter').getBoundingClientRect().right, mismatched };
    })()`);
    assert.equal(geometry.mismatched, 0, "header and body cells line up");
    mkdirSync(".tmp", { recursive: true });
    await page.screenshot({ path: ".tmp/wide.png" });
    assert.ok(Math.abs(geometry.frozenLeft - geometry.gutterRight) <= 1, `frozen column at ${geometry.frozenLeft}, gutter ends at ${geometry.gutterRight}`);
  });

  it("selects and copies across virtualized columns by their real index", async () => {
    await wide(page, 300, 5);
    await js(page, "(() => { const g = document.querySelector('.grid'); g.scrollLeft = g.scrollWidth / 2; g.dispatchEvent(new Event('scroll')); })()");
    await nextFrame(page);
    // The cell in the middle of the view, on the second row (overscan cells are off-screen: not those).
    const at = await js<{ x: number; y: number; col: string }>(page, `(() => {
      const g = document.querySelector('.grid').getBoundingClientRect();
      const r = document.querySelectorAll('.grid-body .grid-row')[1].getBoundingClientRect();
      const x = g.left + g.width / 2, y = r.top + r.height / 2;
      return { x, y, col: document.elementFromPoint(x, y).dataset.col };
    })()`);
    const target = at.col;
    assert.ok(Number(target) > 50, `scrolled to column ${target}`);
    await page.mouse.click(at.x, at.y);
    await page.keyboard.press("Control+c");
    assert.equal((await js<Array<{ type: string; text: string }>>(page, "window.__posted.filter((m) => m.type === 'copy')")).at(-1)?.text, `r1c${target}`);
  });
});
