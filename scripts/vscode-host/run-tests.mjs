// `npm run test:vscode`: runs test/vscode/suites/** inside a real VS Code (the VS Code server from the
// code-server package, driven by headless Chromium), prints `N passed, N failed`, exits non-zero on
// failure or timeout. Nothing it starts survives it. LAKEBASE_VSCODE_RUNNER=electron uses the desktop
// VS Code from @vscode/test-electron instead (needs the internet).
//   node scripts/vscode-host/run-tests.mjs [--host oldest|newest]   (default: LAKEBASE_VSCODE_HOST, else oldest;
//   see paths.mjs HOSTS for the VS Code versions)
//   env: LAKEBASE_TEST_GREP (mocha grep), LAKEBASE_VSCODE_TEST_TIMEOUT_MS (overall, default 600000),
//        LAKEBASE_VSCODE_PREBUILT=1 (dist/ and out/ are built already), LAKEBASE_VSCODE_NO_EMULATOR=1 (do not start the emulator), LAKEBASE_VSCODE_EMULATOR_SEED=1 (seed demo-app)
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { format } from "node:util";
import { openWorkbench } from "./browser.mjs";
import { DOM_PROBE, probeDom } from "./domProbe.mjs";
import { createCleanup } from "./cleanup.mjs";
import { ensureHost } from "./install.mjs";
import { REPO_ROOT, selectHost, VSCODE_TEST_DIR } from "./paths.mjs";
import { build, ensureDebianPackages, seconds } from "./prerequisites.mjs";
import { readResults, report } from "./results.mjs";
import { startServer, workbenchUrl } from "./server.mjs";
import { handleWorkbenchRequest } from "./workbenchRequests.mjs";
import { LOG_DIR, prepareTestSession, TEST_INDEX } from "./session.mjs";

const hostArg = process.argv.indexOf("--host");
const HOST = selectHost(hostArg >= 0 ? process.argv[hostArg + 1] : undefined);
// The oldest host's pictures are the README's; another host's go to their own folder.
// LAKEBASE_VSCODE_SCREENSHOT_DIR moves them (e.g. when several checkouts share one .vscode-test).
const SCREENSHOT_DIR = join(process.env.LAKEBASE_VSCODE_SCREENSHOT_DIR || join(VSCODE_TEST_DIR, "screenshots"), ...(HOST.id === "oldest" ? [] : [HOST.id]));
const SCREENSHOT = join(SCREENSHOT_DIR, "last.png");
const SERVER_LOG = join(LOG_DIR, HOST.id === "oldest" ? "server.log" : `server-${HOST.id}.log`);
// The budget of the whole tier (about 150 tests), not of a test:
// each test has its own mocha timeout. Past it, the runner stops the server and reports the tier failed.
const OVERALL_TIMEOUT_MS = Number(process.env.LAKEBASE_VSCODE_TEST_TIMEOUT_MS ?? 1_200_000);

const cleanup = createCleanup();

async function main() {
  const t0 = Date.now();
  ensureDebianPackages();
  await ensureHost({ host: HOST });
  // npm test builds once before running both hosts' tiers side by side (two builds would write the same files).
  if (process.env.LAKEBASE_VSCODE_PREBUILT !== "1") build({ tests: true });
  console.error(`test:vscode: VS Code ${HOST.vscode} (code-server ${HOST.codeServer}, ${HOST.id} host)${HOST.node ? ` on Node ${HOST.node}` : ""}`);
  console.error(`test:vscode: prerequisites ready in ${seconds(t0)}`);

  const { sandbox, workspace, resultsFile, env } = await prepareTestSession(cleanup, { hostId: HOST.id });
  // Suites ask for a picture of the live workbench (after the tests the extension host is gone):
  // they log "[lakebase:screenshot] NAME" and wait for SCREENSHOT_DIR/NAME.png.
  env.LAKEBASE_TEST_SCREENSHOT_DIR = SCREENSHOT_DIR;
  // [lakebase:workbench] requests (workbenchRequests.mjs), in this run's own sandbox: never another run's replies.
  const WORKBENCH_DIR = join(sandbox.dirs.root, "workbench");
  env.LAKEBASE_TEST_WORKBENCH_DIR = WORKBENCH_DIR;

  const serverLog = [];
  const tServer = Date.now();
  const server = await startServer({
    sandbox,
    host: HOST,
    env,
    onOutput: (line) => serverLog.push(line),
  });
  cleanup.add(() => server.stop());
  cleanup.add(() => writeFileSync(SERVER_LOG, serverLog.join("\n") + "\n"));
  console.error(`test:vscode: VS Code server on port ${server.port} (${seconds(tServer)})`);

  const tWorkbench = Date.now();
  const url = workbenchUrl({ port: server.port, folder: workspace, extensionDevelopmentPath: REPO_ROOT, extensionTestsPath: TEST_INDEX });
  let page;
  const onLog = (type, args) => {
    const shot = /\[lakebase:screenshot\] ([\w-]+)(?: (\d+)x(\d+))?(?: clip=(\d+),(\d+),(\d+),(\d+))?/.exec(format(...args));
    const size = shot?.[2] ? { width: Number(shot[2]), height: Number(shot[3]) } : undefined;
    const clip = shot?.[4] ? { x: Number(shot[4]), y: Number(shot[5]), width: Number(shot[6]), height: Number(shot[7]) } : undefined;
    if (shot && page) void takeScreenshot(page, join(SCREENSHOT_DIR, `${shot[1]}.png`), size, clip);
    const probe = DOM_PROBE.exec(format(...args));
    if (probe && page) void probeDom(page, SCREENSHOT_DIR, probe[1], probe[2]);
    if (handleWorkbenchRequest(page, WORKBENCH_DIR, format(...args))) return;
    printHostLog(type, args);
  };
  const workbench = await openWorkbench({ url, env: { ...process.env, ...sandbox.env }, onLog });
  page = workbench.page;
  cleanup.add(() => workbench.close());

  const exitCode = await Promise.race([
    workbench.exitCode,
    new Promise((resolveTimeout) => setTimeout(() => resolveTimeout("timeout"), OVERALL_TIMEOUT_MS).unref()),
  ]);
  console.error(`test:vscode: workbench load + tests took ${seconds(tWorkbench)}`);
  await screenshot(workbench.page);

  console.error(`test:vscode: run took ${seconds(t0)}`);
  return report(exitCode, readResults(resultsFile), {
    timeoutMs: OVERALL_TIMEOUT_MS,
    hint: `test:vscode: server log in ${SERVER_LOG}, screenshot in ${SCREENSHOT}`,
  });
}

// Workbench chatter that is expected offline and hides the test output.
const NOISE = [/ENOTFOUND open-vsx\.org/, /Failed to register a ServiceWorker/, /^\[AgentHost\] No signed-in session/];
let skippingStack = false;

function printHostLog(type, args) {
  // The extension host forwards console calls unformatted (mocha's reporter uses "%d passing").
  const text = format(...args);
  if (NOISE.some((re) => re.test(text))) { skippingStack = true; return; }
  if (skippingStack && /^\s+at /.test(text)) return;
  skippingStack = false;
  for (const line of text.replace(/\n$/, "").split("\n")) {
    if (type === "error" || type === "pageerror") console.error(line);
    else console.log(line);
  }
}

async function takeScreenshot(page, path, size, clip) {
  const previous = page.viewportSize();
  try {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const tmp = `${path}.tmp.png`;
    if (size) {
      await page.setViewportSize(size);
      await new Promise((r) => setTimeout(r, 800)); // let the workbench and the webview lay out again
    } else await new Promise((r) => setTimeout(r, 300)); // a theme change repaints the webview
    await page.screenshot({ path: tmp, ...(clip ? { clip } : {}) });
    if (size && previous) await page.setViewportSize(previous);
    renameSync(tmp, path); // the suite waits for the final name: never show it a half-written file
  } catch (err) {
    console.error(`test:vscode: screenshot ${path} failed (${err.message})`);
  }
}

async function screenshot(page) {
  try {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    if (process.env.LAKEBASE_DEBUG_CONSOLE) console.error(await page.evaluate(() => [...document.querySelectorAll(".pane")].map((p) => p.innerText.slice(0, 300)).join("\n---\n")));
  } catch (err) {
    console.error(`test:vscode: no screenshot (${err.message})`);
  }
}

async function runElectron() {
  const { runElectronTests } = await import("./run-electron.mjs");
  return runElectronTests(cleanup);
}

const runner = process.env.LAKEBASE_VSCODE_RUNNER === "electron" ? runElectron : main;
cleanup.installSignalHandlers();
runner()
  .catch((err) => {
    // tsx-loaded stacks carry whole modules as data: URLs; the message is what helps.
    console.error(`test:vscode: ${err?.message ?? err}`);
    if (process.env.LAKEBASE_DEBUG) console.error(err?.stack);
    console.log("0 passed, 1 failed");
    return 1;
  })
  .then(async (code) => {
    await cleanup.run();
    process.exit(code);
  });
