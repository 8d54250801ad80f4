// The demo (`npm start`'s VS Code server) is the product as users get it: the packaged .vsix installed
// into a VS Code server without the smoke-test driver, so a modal confirmation is really shown.
import assert from "node:assert/strict";
import { cpSync, mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";

const ROOT = path.resolve(__dirname, "../..");
const script = (name: string) => path.join(ROOT, "scripts", "vscode-host", name);

interface Stoppable { stop(): Promise<void> }

/** Waits for the quick pick titled `title` to list items, filters by `text`, accepts the first match. */
async function choose(page: Page, title: string, text: string): Promise<void> {
  const widget = page.locator(".quick-input-widget");
  await widget.locator(".quick-input-title", { hasText: title }).waitFor({ timeout: 30_000 });
  await widget.locator(".monaco-list-row").first().waitFor({ timeout: 30_000 });
  await page.keyboard.type(text);
  await widget.locator(".monaco-list-row", { hasText: text }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press("Enter");
}

/** F1, the command's title, Enter. */
async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press("F1");
  await page.locator(".quick-input-widget input").waitFor({ timeout: 30_000 });
  await page.keyboard.type(title);
  await page.locator(".quick-input-widget .monaco-list-row", { hasText: title }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press("Enter");
}

describe("demo: VS Code as users get it", function () {
  this.timeout(240_000);
  const stops: Array<() => Promise<void> | void> = [];
  let page: Page;
  let extensionDir: string;

  before(async () => {
    const { ensureHost } = await import(script("install.mjs"));
    const { makeSandbox } = await import(script("server.mjs"));
    const { startEmulatorForHost } = await import(script("emulator.mjs"));
    const { openWorkbench } = await import(script("browser.mjs"));
    const { startDemoServer } = await import(script("demo.mjs"));
    await ensureHost();
    const emulator: Stoppable & { env: Record<string, string>; caFile: string } = await startEmulatorForHost({ seed: true });
    stops.push(() => emulator.stop());
    const sandbox = makeSandbox("lakebase-demo-test-");
    stops.push(() => sandbox.remove());
    const folder = path.join(sandbox.dirs.root, "demo-workspace");
    mkdirSync(folder);
    cpSync(path.join(ROOT, "demo"), folder, { recursive: true });

    // Exactly how `npm start` starts it (scripts/start.mjs), the emulator's CA trusted as a user would.
    const demo: { server: Stoppable; extensionDir: string; url: string } = await startDemoServer({
      sandbox, folder, caFile: emulator.caFile, env: { ...emulator.env, DATABRICKS_CONFIG_PROFILE: "emulator" },
    });
    stops.push(() => demo.server.stop());
    extensionDir = demo.extensionDir;
    const workbench: { page: Page; close(): Promise<void> } = await openWorkbench({ url: demo.url, env: { ...process.env, ...sandbox.env } });
    stops.push(() => workbench.close());
    page = workbench.page;
    await page.locator(".monaco-workbench").waitFor({ timeout: 90_000 });
    // The extension's contributions have reached the workbench once its view container is in the activity bar.
    await page.getByRole("tab", { name: /^Lakebase/ }).waitFor({ timeout: 90_000 });
  });

  afterEach(async function () {
    // A failure's picture, for the person reading the log.
    if (this.currentTest?.state === "failed" && page) await page.screenshot({ path: path.join(ROOT, ".vscode-test", "screenshots", "demo-failure.png") }).catch(() => undefined);
  });

  after(async () => {
    for (const stop of stops.reverse()) await stop();
  });

  it("runs the installed .vsix, not the development folder", () => {
    assert.match(path.basename(extensionDir), /^lakebase-dev\.lakebase-vscode-\d+\.\d+\.\d+$/);
  });

  it("Delete Branch shows its modal confirmation; Cancel keeps the branch", async () => {
    await runCommand(page, "Lakebase: Delete Branch");
    await choose(page, "choose a Databricks profile", "emulator");
    await choose(page, "choose a project", "Demo app");
    await choose(page, "delete which branch", "dev");

    const dialog = page.locator(".monaco-dialog-box");
    await dialog.waitFor({ state: "visible", timeout: 30_000 });
    assert.match(await dialog.innerText(), /Delete branch dev\? Its endpoints and data go with it\./);
    const buttons = await dialog.locator(".monaco-button").allInnerTexts();
    assert.ok(buttons.some((b) => b.trim() === "Delete Branch"), `buttons: ${buttons.join(", ")}`);
    assert.ok(buttons.some((b) => b.trim() === "Cancel"), `buttons: ${buttons.join(", ")}`);

    await dialog.locator(".monaco-button", { hasText: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden", timeout: 10_000 });
    // Cancelled: the branch is still listed.
    await runCommand(page, "Lakebase: Delete Branch");
    await choose(page, "choose a Databricks profile", "emulator");
    await choose(page, "choose a project", "Demo app");
    const rows = page.locator(".quick-input-widget .monaco-list-row");
    await page.locator(".quick-input-widget .quick-input-title", { hasText: "delete which branch" }).waitFor({ timeout: 30_000 });
    await rows.filter({ hasText: "production", visible: true }).first().waitFor({ timeout: 30_000 });
    // Rows render one after the other: wait for dev's (fails if Cancel deleted it).
    await rows.filter({ hasText: "dev", hasNotText: "production", visible: true }).first().waitFor({ timeout: 10_000 });
    assert.deepEqual((await rows.allInnerTexts()).map((t) => /(production|dev)/.exec(t)?.[1]).sort(), ["dev", "production"]);
    await page.keyboard.press("Escape");
  });
});
