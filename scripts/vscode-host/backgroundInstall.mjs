// On a fresh machine the VS Code hosts take minutes to install (the newest builds sqlite3 and other
// native modules from source). `npm test` starts that install at the lowest CPU priority while the
// earlier tiers run, so it uses only the cycles they leave idle; the VS Code tiers wait for it.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, openSync } from "node:fs";
import { join } from "node:path";
import { hostIsInstalled } from "./install.mjs";
import { HOSTS, VSCODE_TEST_DIR } from "./paths.mjs";

export const BACKGROUND_LOG = join(VSCODE_TEST_DIR, "host-install-background.log");

/** Starts installing every host not yet installed; resolves with its exit code and duration. Null when nothing is missing. */
export function startHostInstall() {
  if (Object.values(HOSTS).every((host) => hostIsInstalled(host))) return null;
  mkdirSync(VSCODE_TEST_DIR, { recursive: true });
  const log = openSync(BACKGROUND_LOG, "w");
  const install = [process.execPath, "scripts/vscode-host/install.mjs", "--host", "all"];
  const hasNice = spawnSync("sh", ["-c", "command -v nice"]).status === 0;
  const cmd = hasNice ? ["nice", "-n", "19", ...install] : install;
  const started = Date.now();
  const child = spawn(cmd[0], cmd.slice(1), { stdio: ["ignore", log, log] });
  return new Promise((resolve) => {
    child.on("error", (err) => resolve({ code: 1, seconds: 0, error: err.message }));
    child.on("close", (code) => resolve({ code: code ?? 1, seconds: (Date.now() - started) / 1000 }));
  });
}
