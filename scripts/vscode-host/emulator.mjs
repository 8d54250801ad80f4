// Adapter over the emulator's programmatic API (emulator/index.ts, loaded through tsx) for the
// VS Code test runner and `npm start`. Tolerates the emulator not being there yet (returns null).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { REPO_ROOT } from "./paths.mjs";

const EMULATOR_ENTRY = join(REPO_ROOT, "emulator", "index.ts");

export function emulatorAvailable() {
  return existsSync(EMULATOR_ENTRY);
}

/**
 * Starts the emulator and returns the env that points the extension (and test suites) at it:
 * LAKEBASE_TEST_WORKSPACE_URL, LAKEBASE_TEST_CONFIG_FILE, DATABRICKS_CONFIG_FILE and
 * LAKEBASE_TEST_CA_FILE (this run's CA; also write it into the user settings with trustEmulatorCa).
 * @param {Record<string, unknown>} options passed to startEmulator (e.g. { seed: true })
 * @returns {Promise<null | { env: Record<string,string>, workspaceUrl: string, configFile: string, caFile: string | undefined, stop: () => Promise<void> }>}
 */
export async function startEmulatorForHost(options = {}) {
  if (!emulatorAvailable()) return null;
  const { tsImport } = await import("tsx/esm/api");
  const mod = await tsImport(pathToFileURL(EMULATOR_ENTRY).href, import.meta.url);
  const startEmulator = mod.startEmulator ?? mod.default?.startEmulator;
  if (typeof startEmulator !== "function") {
    throw new Error(`${EMULATOR_ENTRY} does not export startEmulator(); cannot start the emulator for VS Code tests.`);
  }
  const emu = await startEmulator(options);
  const workspaceUrl = emu.workspaceUrl ?? emu.url ?? emu.host;
  const configFile = emu.configFile ?? emu.configPath;
  const stopFn = emu.stop ?? emu.close;
  const stop = async () => { if (typeof stopFn === "function") await stopFn.call(emu); };
  if (typeof workspaceUrl !== "string" || typeof configFile !== "string") {
    await stop();
    throw new Error("startEmulator() returned no workspaceUrl/configFile: update scripts/vscode-host/emulator.mjs to its result shape.");
  }
  const caFile = typeof emu.caFile === "string" ? emu.caFile : undefined;
  return {
    workspaceUrl,
    configFile,
    caFile,
    stop,
    env: {
      LAKEBASE_TEST_WORKSPACE_URL: workspaceUrl,
      LAKEBASE_TEST_CONFIG_FILE: configFile,
      DATABRICKS_CONFIG_FILE: configFile,
      ...(caFile ? { LAKEBASE_TEST_CA_FILE: caFile } : {}),
    },
  };
}

/**
 * Trusts the emulator's per-run CA the way a user trusts a private CA: `lakebase.extraCaFile` in
 * the VS Code user settings of `userDataDir` (merged into what is there). Nothing else trusts it
 * (no NODE_EXTRA_CA_CERTS), so the extension's own certificate verification is what runs.
 * @param {string} userDataDir
 * @param {string | undefined} caFile
 */
export function trustEmulatorCa(userDataDir, caFile) {
  if (!caFile) return;
  const file = join(userDataDir, "User", "settings.json");
  const settings = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  settings["lakebase.extraCaFile"] = caFile;
  writeFileSync(file, JSON.stringify(settings, null, 2));
}
