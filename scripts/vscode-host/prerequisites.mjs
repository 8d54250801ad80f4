// Steps both `npm run test:vscode` and `npm start` need before a VS Code host can run.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "./paths.mjs";

/** Installs missing Debian packages (chromium, libkrb5-dev, ripgrep, postgresql-client); quick when present. */
export function ensureDebianPackages() {
  const script = join(REPO_ROOT, "scripts", "ensure-debian-packages.sh");
  const res = spawnSync("bash", [script], { stdio: "inherit" });
  if (res.status !== 0) throw new Error(`${script} failed (exit ${res.status}); see its message above.`);
}

/** Builds the extension bundle and, with tests, out/test/vscode/index.js. */
export function build({ tests }) {
  const args = [join(REPO_ROOT, "scripts", "build.mjs"), ...(tests ? ["--tests"] : [])];
  const res = spawnSync(process.execPath, args, { cwd: REPO_ROOT, stdio: "inherit" });
  if (res.status !== 0) throw new Error(`build failed: node ${args.join(" ")} exited ${res.status}`);
}

export function seconds(sinceMs) {
  return `${((Date.now() - sinceMs) / 1000).toFixed(1)} s`;
}
