// Serves the grid harness (test/browser/grid-harness.html + a fresh webview bundle + media/results.css) on
// 127.0.0.1 and drives it with playwright-core over Debian's Chromium.
import assert from "node:assert/strict";
import * as esbuild from "esbuild";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

const ROOT = resolve(__dirname, "../..");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];

export interface Harness { server: Server; browser: Browser; url: string; bundleBytes: number; close(): Promise<void> }

/** Builds the production (minified) webview bundle the panel ships, into .tmp/browser. */
export async function buildBundle(): Promise<{ file: string; bytes: number }> {
  const file = join(ROOT, ".tmp/browser/results.js");
  await esbuild.build({
    entryPoints: [join(ROOT, "webview/results/main.ts")], outfile: file, bundle: true, minify: true,
    platform: "browser", format: "iife", target: "es2022", logLevel: "error",
  });
  return { file, bytes: statSync(file).size };
}

/** The chart bundle (Chart.js), which the webview loads beside results.js the first time a chart opens. */
export async function buildChartBundle(): Promise<string> {
  const file = join(ROOT, ".tmp/browser/chart.js");
  await esbuild.build({
    entryPoints: [join(ROOT, "webview/results/chartLib.ts")], outfile: file, bundle: true, minify: true,
    platform: "browser", format: "iife", globalName: "LakebaseChartLib", target: "es2022", logLevel: "error",
  });
  return file;
}

export async function startHarness(): Promise<Harness> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install it with "apt-get install -y chromium" or set CHROMIUM_PATH.`);
  const bundle = await buildBundle();
  const files: Record<string, [string, string]> = {
    "/harness": [join(ROOT, "test/browser/grid-harness.html"), "text/html"],
    "/results.js": [bundle.file, "text/javascript"],
    "/results.css": [join(ROOT, "media/results.css"), "text/css"],
    "/chart.js": [await buildChartBundle(), "text/javascript"],
  };
  const server = createServer((req, res) => {
    const entry = files[(req.url ?? "").split("?")[0]!];
    if (!entry) { res.writeHead(404).end(); return; }
    res.writeHead(200, { "content-type": entry[1], "cache-control": "no-store" }).end(readFileSync(entry[0]));
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/harness`;
  return {
    server, browser, url, bundleBytes: bundle.bytes,
    close: async () => { await browser.close(); await new Promise((ok) => server.close(() => ok(undefined))); },
  };
}

/** A fresh page with the webview loaded and its `ready` posted. `state` pre-seeds vscode.getState(). */
export async function openPanel(h: Harness, state?: unknown): Promise<Page> {
  const page = await h.browser.newPage({ viewport: { width: 1100, height: 640 } });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(state === undefined ? h.url : `${h.url}?state=${encodeURIComponent(JSON.stringify(state))}`);
  await waitFor(page, "window.__posted.length > 0");
  if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`);
  return page;
}

/** Runs a JavaScript expression in the page (string form: the test tsconfig has no DOM types). */
export const js = <T>(page: Page, expr: string): Promise<T> => page.evaluate(expr) as Promise<T>;

/** Polls an expression until truthy. (page.waitForFunction compiles strings with eval, which the CSP forbids.) */
export async function waitFor(page: Page, expr: string, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await page.evaluate(expr))) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${expr}`);
    await new Promise((ok) => setTimeout(ok, 20));
  }
}

export const send = (page: Page, msg: unknown) => page.evaluate(`window.__send(${JSON.stringify(msg)})`);

/** Starts a query with one result set of the harness's generated columns. */
export async function startQuery(page: Page, opts: { queryId?: string; resultId?: string; sql?: string } = {}): Promise<void> {
  const queryId = opts.queryId ?? "q1";
  await send(page, { type: "queryStarted", queryId, sql: opts.sql ?? "select id, name, score, note from public.people", target: { label: "demo / main / databricks_postgres" }, startedAt: Date.now() });
  await page.evaluate(`window.__send({ type: "resultStarted", resultId: ${JSON.stringify(opts.resultId ?? "r1")}, queryId: ${JSON.stringify(queryId)}, index: 0, columns: window.__columns })`);
}

export const nextFrame = (page: Page) => page.evaluate("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))");

/** Texts of the rendered (visible, not hidden) body rows. */
export const visibleRows = (page: Page) => js<string[][]>(page,
  `[...document.querySelectorAll(".grid-body .grid-row:not([hidden])")].map((r) => [...r.querySelectorAll(".cell")].map((c) => c.textContent))`);

export const lastPosted = <T>(page: Page, type: string) => js<T | undefined>(page, `window.__posted.filter((m) => m.type === ${JSON.stringify(type)}).at(-1)`);

export interface PanelPage {
  /** This test's page. */
  page(): Page;
  /** Closes it and opens a new one with the state the webview saved (what VS Code does on hide/show). */
  reopen(state: unknown): Promise<Page>;
}

/**
 * One harness per suite and a fresh panel page per test, with the CSP checked after each test:
 *   const panel = usePanelPage(); let page: Page; beforeEach(() => { page = panel.page(); });
 */
export function usePanelPage(): PanelPage {
  let h: Harness | undefined;
  let page: Page | undefined;
  before(async () => { h = await startHarness(); });
  after(async () => { await h?.close(); });
  beforeEach(async () => { page = await openPanel(h!); });
  afterEach(async () => {
    assert.deepEqual(await js(page!, "window.__cspViolations"), [], "no CSP violations");
    await page!.close();
  });
  return {
    page: () => page!,
    async reopen(state) {
      await page!.close();
      page = await openPanel(h!, state);
      return page;
    },
  };
}
