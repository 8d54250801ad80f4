// `npm start`: the demo. Builds the extension, starts the emulator with the sample project (demo-app),
// then opens VS Code on a demo folder with DATABRICKS_CONFIG_FILE pointing at the emulator's profiles:
// desktop `code` with the extension under development when on PATH, else the VS Code server in this
// repo with the packaged .vsix installed, as users get it (open the printed URL in a browser). Ctrl+C stops everything (server, emulator and its Postgres).
//   node scripts/start.mjs [--port N] [--no-seed] [--server] [--screenshot]
//     --server      use the VS Code server even when `code` is on PATH
//     --screenshot  open the workbench headless, save .vscode-test/screenshots/start.png, then stop
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openWorkbench } from "./vscode-host/browser.mjs";
import { createCleanup } from "./vscode-host/cleanup.mjs";
import { startEmulatorForHost, trustEmulatorCa } from "./vscode-host/emulator.mjs";
import { ensureHost } from "./vscode-host/install.mjs";
import { REPO_ROOT, VSCODE_TEST_DIR } from "./vscode-host/paths.mjs";
import { build, ensureDebianPackages, seconds } from "./vscode-host/prerequisites.mjs";
import { startDemoServer } from "./vscode-host/demo.mjs";
import { makeSandbox } from "./vscode-host/server.mjs";

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };

const DEMO_FOLDER = join(VSCODE_TEST_DIR, "demo-workspace");
// Desktop VS Code gets its own profile for the demo: the emulator's CA goes into its user settings.
const DEMO_USER_DATA = join(VSCODE_TEST_DIR, "demo-user-data");
const DEMO_SOURCE = join(REPO_ROOT, "demo");
const SCREENSHOT = join(VSCODE_TEST_DIR, "screenshots", "start.png");
const cleanup = createCleanup();

async function main() {
  const t0 = Date.now();
  build({ tests: false });
  prepareDemoFolder();

  const seed = !flag("--no-seed");
  const emulator = await startEmulatorForHost({ seed, log: (line) => { if (process.env.LAKEBASE_DEBUG) console.error(`[emulator] ${line}`); } });
  if (!emulator) throw new Error("emulator/index.ts is missing: the demo needs the emulator.");
  cleanup.add(() => emulator.stop());
  // The emulator's config file has the profiles [emulator] (PAT) and [emulator-m2m] (service principal).
  const demoEnv = { ...emulator.env, DATABRICKS_CONFIG_PROFILE: "emulator" };
  console.error(`start: emulator at ${emulator.workspaceUrl}${seed ? " with demo-app" : ""}; profiles in ${emulator.configFile}`);
  // As a user behind a private CA does: the extension verifies every certificate and trusts
  // this run's CA only through the lakebase.extraCaFile setting.
  console.error(`start: TLS everywhere; lakebase.extraCaFile = ${emulator.caFile} (the emulator's CA for this run)`);

  const code = spawnSync("sh", ["-c", "command -v code"], { encoding: "utf8" }).stdout.trim();
  if (code && !flag("--server") && !flag("--screenshot")) {
    mkdirSync(join(DEMO_USER_DATA, "User"), { recursive: true });
    trustEmulatorCa(DEMO_USER_DATA, emulator.caFile);
    const child = spawn(code, ["--new-window", `--user-data-dir=${DEMO_USER_DATA}`, `--extensionDevelopmentPath=${REPO_ROOT}`, DEMO_FOLDER], {
      env: { ...process.env, ...demoEnv }, stdio: "inherit",
    });
    await new Promise((r) => child.once("exit", r));
    console.error(`start: VS Code opened ${DEMO_FOLDER} (${seconds(t0)}). Keep this running for the emulator; Ctrl+C stops it.`);
    return waitForever();
  }

  ensureDebianPackages();
  await ensureHost();
  const sandbox = makeSandbox("lakebase-vscode-demo-");
  cleanup.add(() => sandbox.remove());
  const port = option("--port") ? Number(option("--port")) : undefined;
  // The product as users get it: the packaged .vsix, no smoke-test driver (which refuses modal dialogs),
  // the emulator's CA trusted through lakebase.extraCaFile.
  const { server, url } = await startDemoServer({ sandbox, folder: DEMO_FOLDER, caFile: emulator.caFile, port, env: demoEnv, onOutput: (l) => { if (process.env.LAKEBASE_DEBUG) console.error(`[server] ${l}`); } });
  cleanup.add(() => server.stop());

  if (flag("--screenshot")) return screenshot(url, sandbox.env);

  console.log(`\nLakebase demo ready in ${seconds(t0)}. Open this URL in a browser on this machine:\n\n  ${url}\n`);
  console.log("Ctrl+C stops VS Code server, emulator and Postgres.");
  return waitForever();
}

function prepareDemoFolder() {
  // Fresh each time: the demo shows the files as shipped, not last session's edits.
  rmSync(DEMO_FOLDER, { recursive: true, force: true });
  mkdirSync(DEMO_FOLDER, { recursive: true });
  cpSync(DEMO_SOURCE, DEMO_FOLDER, { recursive: true });
  // A drizzle app to try migrations on, using the repo's drizzle-kit, drizzle-orm and pg.
  const app = join(DEMO_FOLDER, "drizzle-app");
  cpSync(join(REPO_ROOT, "test", "fixtures", "drizzle-app"), app, { recursive: true });
  symlinkSync(join(REPO_ROOT, "node_modules"), join(app, "node_modules"), "dir");
  // A git repository, so `git checkout -b feature/x` gives a feature-x Lakebase branch (issue #13),
  // and an .env for the extension to point at it (it rewrites an existing .env, never creates one).
  writeFileSync(join(DEMO_FOLDER, ".gitignore"), "node_modules\n.env\n");
  writeFileSync(join(DEMO_FOLDER, ".env"), "# Lakebase connection values land here (Write Connection Settings to .env, or a git checkout)\n");
  const git = (...args) => spawnSync("git", ["-c", "user.name=Demo", "-c", "user.email=demo@example.com", ...args], { cwd: DEMO_FOLDER, stdio: "ignore" }).status === 0;
  if (!(git("init", "-q", "-b", "main") && git("add", "-A") && git("commit", "-q", "-m", "Demo workspace"))) console.error("start: git is not installed; the demo folder is not a git repository (branch per feature needs one)");
}

async function screenshot(url, env) {
  const workbench = await openWorkbench({ url, env: { ...process.env, ...env } });
  cleanup.add(() => workbench.close());
  const lakebase = workbench.page.getByRole("tab", { name: /^Lakebase/ });
  await lakebase.waitFor({ timeout: 60000 });
  await lakebase.click();
  await workbench.page.getByText("Explorer", { exact: false }).first().waitFor({ timeout: 30000 });
  await workbench.page.mouse.move(700, 450); // no hover tooltip in the picture
  // Let the tree load its first level from the emulator.
  await new Promise((r) => setTimeout(r, 3000));
  mkdirSync(join(VSCODE_TEST_DIR, "screenshots"), { recursive: true });
  await workbench.page.screenshot({ path: SCREENSHOT });
  console.log(`start: screenshot saved to ${SCREENSHOT}`);
  return 0;
}

function waitForever() {
  return new Promise(() => { /* until a signal runs the cleanup */ });
}

cleanup.installSignalHandlers();
main()
  .catch((err) => {
    console.error(`start: ${err?.message ?? err}`);
    if (process.env.LAKEBASE_DEBUG) console.error(err?.stack);
    return 1;
  })
  .then(async (code) => {
    await cleanup.run();
    process.exit(code);
  });
