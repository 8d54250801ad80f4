// Charts of a result (issue #15 item 6): Chart.js loaded on first use under the panel's CSP, the default axes
// (first text column × first numeric), bar/line/scatter drawn from the rows the grid shows, the theme's colours
// (and a redraw when they change), and Save as PNG posting a real PNG to the host.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { js, lastPosted, nextFrame, send, usePanelPage, waitFor } from "./panelPage";

const TARGET = { label: "demo-app / production / databricks_postgres", branch: "production" };
const COLUMNS = [
  { name: "id", typeName: "int4", typeOid: 23 }, { name: "customer", typeName: "text", typeOid: 25 },
  { name: "orders", typeName: "int8", typeOid: 20 }, { name: "revenue", typeName: "numeric", typeOid: 1700 },
];
const ROWS = [["1", "Ada", "12", "340.50"], ["2", "Grace", "7", "99.99"], ["3", "Edsger", "3", null], ["4", "Barbara", "21", "1200"], ["5", "Alan", "0", "0"]];

async function ordersResult(page: Page, columns = COLUMNS, rows: Array<Array<string | null>> = ROWS): Promise<void> {
  await send(page, { type: "queryStarted", queryId: "q1", sql: "select * from orders_per_customer", target: TARGET, startedAt: Date.now() });
  await send(page, { type: "resultStarted", resultId: "r1", queryId: "q1", index: 0, columns });
  await send(page, { type: "rows", resultId: "r1", rows, totalLoaded: rows.length });
  await send(page, { type: "resultDone", resultId: "r1", command: `SELECT ${rows.length}`, rowCount: rows.length, truncated: false, limit: 100000 });
  await send(page, { type: "queryDone", queryId: "q1", timing: { connectMs: 5, executeMs: 2, fetchMs: 1 } });
  await nextFrame(page);
}

/** The Chart.js instance on the pane's canvas (its data model is what the test reads). */
const CHART = "window.LakebaseChartLib.Chart.getChart(document.querySelector('.chart-pane canvas'))";
const model = (page: Page) => js<{ type: string; labels: string[] | undefined; data: unknown[]; drawn: number; xType: string; color: string; tickColor: string }>(page,
  `(() => { const c = ${CHART}; return { type: c.config.type, labels: c.data.labels, data: c.data.datasets[0].data, drawn: c.getDatasetMeta(0).data.length,
    xType: c.scales.x.type, color: c.data.datasets[0].backgroundColor, tickColor: c.options.scales.x.ticks.color }; })()`);
const chartOpen = (page: Page) => waitFor(page, `window.LakebaseChartLib && ${CHART} !== undefined && !document.querySelector('.chart-pane').hidden`);
const select = async (page: Page, which: string, value: string) => {
  await page.selectOption(`.chart-pane select[data-chart=${which}]`, value);
  await nextFrame(page);
};

describe("result charts (headless Chromium)", function () {
  this.timeout(120_000);
  const panel = usePanelPage();
  let page: Page;
  beforeEach(() => { page = panel.page(); });

  it("loads Chart.js only when a chart opens, and draws one bar per row: first text column × first numeric", async () => {
    await ordersResult(page);
    assert.equal(await js(page, "typeof window.LakebaseChartLib"), "undefined", "not in the results bundle");
    await page.click(".toolbar [data-action=chart]");
    await chartOpen(page);
    const m = await model(page);
    assert.equal(m.type, "bar");
    assert.deepEqual(m.labels, ["Ada", "Grace", "Edsger", "Barbara", "Alan"]);
    assert.deepEqual(m.data, [12, 7, 3, 21, 0]);
    assert.equal(m.drawn, 5, "five bars drawn");
    assert.equal(m.xType, "category");
    assert.deepEqual(await js(page, "[document.querySelector('[data-chart=x]').selectedOptions[0].textContent, document.querySelector('[data-chart=y]').selectedOptions[0].textContent]"), ["customer", "orders"]);
    assert.deepEqual(await js(page, "[...document.querySelectorAll('[data-chart=y] option')].map((o) => o.textContent)"), ["id", "orders", "revenue"], "y offers the numeric columns");
    assert.deepEqual((await lastPosted<{ chart: unknown }>(page, "chartShown"))?.chart, { resultId: "r1", kind: "bar", x: "customer", y: "orders", points: 5, truncated: false });
    assert.match(await js<string>(page, "document.querySelector('.chart-pane .chart-note').textContent"), /^5 rows$/);
    mkdirSync(".tmp", { recursive: true });
    await page.screenshot({ path: ".tmp/chart-bar.png" });
  });

  it("switches to line and scatter, takes the y column picked, a NULL is a gap, and follows the grid's filter and sort", async () => {
    await ordersResult(page);
    await page.click(".toolbar [data-action=chart]");
    await chartOpen(page);
    await select(page, "kind", "line");
    await select(page, "y", "3");
    let m = await model(page);
    assert.equal(m.type, "line");
    assert.deepEqual(m.data, [340.5, 99.99, null, 1200, 0], "revenue, the NULL as a gap");
    assert.equal(m.drawn, 5);

    await select(page, "kind", "scatter");
    await select(page, "x", "0");
    m = await model(page);
    assert.equal(m.type, "scatter");
    assert.equal(m.xType, "linear", "a numeric x goes on a linear axis");
    assert.deepEqual(m.data, [{ x: 1, y: 340.5 }, { x: 2, y: 99.99 }, { x: 4, y: 1200 }, { x: 5, y: 0 }], "the NULL point is left out");
    assert.equal(m.drawn, 4);
    assert.deepEqual((await lastPosted<{ chart: unknown }>(page, "chartShown"))?.chart, { resultId: "r1", kind: "scatter", x: "id", y: "revenue", points: 4, truncated: false });

    // The chart shows the rows the grid shows: filter "a" keeps Ada, Grace, Barbara, Alan (Edsger has no "a").
    await page.fill(".toolbar .filter", "a");
    await page.press(".toolbar .filter", "Enter");
    await nextFrame(page);
    await select(page, "kind", "bar");
    m = await model(page);
    assert.equal(m.drawn, 4);
    assert.deepEqual(m.data, [340.5, 99.99, 1200, 0]);
  });

  it("uses the theme's chart colours and redraws in the new ones when the theme changes", async () => {
    await ordersResult(page);
    await page.click(".toolbar [data-action=chart]");
    await chartOpen(page);
    let m = await model(page);
    assert.equal(m.color, "#3794ff", "--vscode-charts-blue");
    assert.equal(m.tickColor, "#cccccc", "--vscode-charts-foreground");
    // What VS Code does on a theme change: new variables on <html>, a new class on <body> (and our theme message).
    await js(page, `(() => { const s = document.documentElement.style; s.setProperty('--vscode-charts-blue', '#1a85ff'); s.setProperty('--vscode-charts-foreground', '#616161');
      document.body.className = 'vscode-light'; })()`);
    await send(page, { type: "theme", kind: "light" });
    await waitFor(page, `${CHART}.data.datasets[0].backgroundColor === '#1a85ff'`);
    m = await model(page);
    assert.equal(m.tickColor, "#616161");
    assert.equal(m.drawn, 5, "same bars after the redraw");
  });

  it("Save as PNG posts a PNG of the chart (its pixels, not an empty canvas) with a name from the axes", async () => {
    await ordersResult(page);
    await page.click(".toolbar [data-action=chart]");
    await chartOpen(page);
    await page.click(".chart-pane [data-action=chart-save]");
    const saved = await lastPosted<{ dataUrl: string; name: string }>(page, "saveChart");
    assert.ok(saved, "a saveChart message");
    assert.equal(saved.name, "chart-orders-by-customer.png");
    assert.ok(saved.dataUrl.startsWith("data:image/png;base64,"), saved.dataUrl.slice(0, 40));
    const png = Buffer.from(saved.dataUrl.slice("data:image/png;base64,".length), "base64");
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "PNG signature");
    const [w, hgt] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    assert.deepEqual([w, hgt], await js<number[]>(page, "[document.querySelector('.chart-pane canvas').width, document.querySelector('.chart-pane canvas').height]"));
    assert.ok(w > 300 && hgt > 100, `${w}×${hgt}`);
    // The bars are in the pixels: the series colour appears in the image the canvas holds.
    assert.ok(await js<boolean>(page, `(() => { const c = document.querySelector('.chart-pane canvas'); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      for (let i = 0; i < d.length; i += 4) if (d[i] === 0x37 && d[i + 1] === 0x94 && d[i + 2] === 0xff) return true; return false; })()`));
  });

  it("opens from the host's Chart command with a kind and columns; Escape goes back to the grid; a result without numbers says so", async () => {
    await ordersResult(page);
    await send(page, { type: "chart", action: "open", kind: "scatter", x: "id", y: "orders" });
    await chartOpen(page);
    assert.deepEqual((await model(page)).data, [{ x: 1, y: 12 }, { x: 2, y: 7 }, { x: 3, y: 3 }, { x: 4, y: 21 }, { x: 5, y: 0 }]);
    await send(page, { type: "chart", action: "savePng" });
    assert.equal((await lastPosted<{ name: string }>(page, "saveChart"))?.name, "chart-orders-by-id.png");
    await page.keyboard.press("Escape");
    assert.equal(await js(page, "document.querySelector('.chart-pane').hidden"), true);
    assert.deepEqual(await lastPosted(page, "chartShown"), { type: "chartShown" }, "the host hears it closed");
    assert.equal(await js(page, "document.activeElement === document.querySelector('.grid')"), true, "focus back on the grid");

    await ordersResult(page, [{ name: "name", typeName: "text", typeOid: 25 }], [["x"], ["y"]]);
    await page.click(".toolbar [data-action=chart]");
    await waitFor(page, "!document.querySelector('.chart-pane').hidden");
    assert.match(await js<string>(page, "document.querySelector('.chart-message').textContent"), /No numeric column to chart/);
    assert.match((await lastPosted<{ error: string }>(page, "chartShown"))?.error ?? "", /No numeric column to chart/, "the host's Chart command hears why");
  });

  it("answers the host's Chart command with the reason when a column name is wrong, and changes nothing", async () => {
    await ordersResult(page);
    await send(page, { type: "chart", action: "open", y: "customer" });
    await waitFor(page, "window.__posted.some((m) => m.type === 'chartShown')");
    assert.match((await lastPosted<{ error: string }>(page, "chartShown"))?.error ?? "", /"customer" is not a numeric column of the result; y takes one of: id, orders, revenue/);
    assert.equal(await js(page, "document.querySelector('.chart-pane').hidden"), true);
    await send(page, { type: "chart", action: "close" });
    assert.deepEqual(await lastPosted(page, "chartShown"), { type: "chartShown" }, "closing with nothing open still answers");
  });
});
