// Headless Debian Chromium (through playwright-core) that opens the VS Code workbench and relays
// the smoke-test driver's hooks: codeAutomationLog (extension host console) and codeAutomationExit.
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";
import { chromiumPath } from "./paths.mjs";

const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
];

/**
 * @param {{ url: string, env: Record<string,string|undefined>, onLog?: (type: string, args: unknown[]) => void,
 *           viewport?: { width: number, height: number } }} opts
 * @returns {Promise<{ page: import("playwright-core").Page, exitCode: Promise<number>, close: () => Promise<void> }>}
 */
export async function openWorkbench(opts) {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: run scripts/ensure-debian-packages.sh or set LAKEBASE_CHROMIUM_PATH.`);
  }
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, env: opts.env });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await browser.close().catch(() => { /* already gone */ });
  };
  try {
    const page = await browser.newPage({ viewport: opts.viewport ?? { width: 1400, height: 900 } });
    let resolveExit;
    const exitCode = new Promise((r) => { resolveExit = r; });
    await page.exposeFunction("codeAutomationLog", (type, args) => opts.onLog?.(String(type), Array.isArray(args) ? args : [args]));
    await page.exposeFunction("codeAutomationExit", (code) => { resolveExit(Number(code)); });
    page.on("pageerror", (err) => opts.onLog?.("pageerror", [err.message]));
    if (process.env.LAKEBASE_DEBUG_CONSOLE) page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") console.error(`[workbench ${m.type()}] ${m.text()}`); });
    await page.goto(opts.url, { waitUntil: "domcontentloaded" });
    return { page, exitCode, close };
  } catch (err) {
    await close();
    throw err;
  }
}
