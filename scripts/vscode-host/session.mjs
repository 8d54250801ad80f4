// What every VS Code test run needs, whatever VS Code runs it (server or desktop Electron):
// a sandbox, a workspace folder, a results file and, when available, the emulator — plus the env
// that reaches the extension host so suites can find all of them.
import { cpSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startEmulatorForHost, trustEmulatorCa } from "./emulator.mjs";
import { REPO_ROOT, VSCODE_TEST_DIR } from "./paths.mjs";
import { seconds } from "./prerequisites.mjs";
import { makeSandbox } from "./server.mjs";

export const TEST_INDEX = join(REPO_ROOT, "out", "test", "vscode", "index.js");
export const LOG_DIR = join(VSCODE_TEST_DIR, "logs");
const FIXTURE_WORKSPACE = join(REPO_ROOT, "test", "vscode", "fixtures", "workspace");
// One log per host: npm test runs the two hosts' tiers at the same time.
const emulatorLog = (hostId) => join(LOG_DIR, hostId && hostId !== "oldest" ? `emulator-${hostId}.log` : "emulator.log");

/**
 * Env for the extension host: LAKEBASE_TEST_RESULTS_FILE, LAKEBASE_TEST_WORKSPACE_FOLDER and, with the
 * emulator, LAKEBASE_TEST_WORKSPACE_URL, LAKEBASE_TEST_CONFIG_FILE, DATABRICKS_CONFIG_FILE.
 * LAKEBASE_VSCODE_NO_EMULATOR=1 skips the emulator; LAKEBASE_VSCODE_EMULATOR_SEED=1 seeds demo-app.
 * @param {{ add: (step: () => unknown) => void }} cleanup
 */
export async function prepareTestSession(cleanup, { hostId } = {}) {
  mkdirSync(LOG_DIR, { recursive: true });
  const sandbox = makeSandbox("lakebase-vscode-test-");
  cleanup.add(() => sandbox.remove());
  const workspace = join(sandbox.dirs.root, "workspace");
  if (existsSync(FIXTURE_WORKSPACE)) cpSync(FIXTURE_WORKSPACE, workspace, { recursive: true });
  else mkdirSync(workspace);
  const resultsFile = join(sandbox.dirs.root, "results.json");
  const env = { LAKEBASE_TEST_RESULTS_FILE: resultsFile, LAKEBASE_TEST_WORKSPACE_FOLDER: workspace };

  if (process.env.LAKEBASE_VSCODE_NO_EMULATOR !== "1") {
    const t0 = Date.now();
    const logLines = [];
    const seed = process.env.LAKEBASE_VSCODE_EMULATOR_SEED === "1";
    cleanup.add(() => writeFileSync(emulatorLog(hostId), logLines.join("\n") + "\n"));
    const emulator = await startEmulatorForHost({ seed, log: (line) => logLines.push(line) });
    if (emulator) {
      cleanup.add(() => emulator.stop());
      Object.assign(env, emulator.env);
      trustEmulatorCa(sandbox.dirs.userData, emulator.caFile);
      console.error(`test:vscode: emulator at ${emulator.workspaceUrl}${seed ? " (seeded demo-app)" : ""} (${seconds(t0)})`);
    } else {
      // HOOK: without emulator/index.ts (startEmulator) suites that need it must skip.
      console.error("test:vscode: emulator/index.ts not found, running without the emulator");
    }
  }
  return { sandbox, workspace, resultsFile, env };
}
