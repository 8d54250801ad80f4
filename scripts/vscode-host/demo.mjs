// The demo's VS Code is the product as users get it: the extension packaged as a .vsix (production
// build), installed with the server's --install-extension, and a server without the smoke-test driver
// (which refuses every modal dialog). Shared by `npm start` and the demo tier's test.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { trustEmulatorCa } from "./emulator.mjs";
import { HOSTS, hostFiles, REPO_ROOT, VSCODE_TEST_DIR } from "./paths.mjs";
import { startServer, workbenchUrl } from "./server.mjs";

export const DEMO_VSIX = join(VSCODE_TEST_DIR, "demo", "lakebase-vscode.vsix");
const EXTENSION_ID = "lakebase-dev.lakebase-vscode";

function run(cmd, args, what, opts = {}) {
  const res = spawnSync(cmd, args, { cwd: REPO_ROOT, encoding: "utf8", ...opts });
  if (res.status !== 0) throw new Error(`${what} failed (exit ${res.status}):\n${(res.stderr || res.stdout || "").trim().split("\n").slice(-20).join("\n")}`);
  return res.stdout;
}

/** Production build + `vsce package`, as `npm run package` does, into .vscode-test/demo/. */
export function packageVsix() {
  mkdirSync(join(VSCODE_TEST_DIR, "demo"), { recursive: true });
  rmSync(DEMO_VSIX, { force: true });
  run(process.execPath, ["scripts/build.mjs", "--production"], "production build");
  run(process.execPath, [join(REPO_ROOT, "node_modules", "@vscode", "vsce", "vsce"), "package", "--no-dependencies", "-o", DEMO_VSIX], "vsce package");
  return DEMO_VSIX;
}

/** `server-main.js --install-extension <vsix>` into the sandbox's extensions folder (it installs and exits). */
export function installVsix(sandbox, vsix, host = HOSTS.oldest) {
  const files = hostFiles(host);
  run(files.nodeBin, [files.serverMain, "--install-extension", vsix, "--force", "--extensions-dir", sandbox.dirs.extensions,
    "--user-data-dir", sandbox.dirs.userData, "--server-data-dir", sandbox.dirs.serverData, "--accept-server-license-terms"],
  `installing ${vsix}`, { env: { ...process.env, ...sandbox.env } });
  const installed = readdirSync(sandbox.dirs.extensions).find((d) => d.startsWith(`${EXTENSION_ID}-`));
  if (!installed || !existsSync(join(sandbox.dirs.extensions, installed, "dist", "extension.js"))) {
    throw new Error(`--install-extension left no ${EXTENSION_ID} in ${sandbox.dirs.extensions}`);
  }
  return join(sandbox.dirs.extensions, installed);
}

/**
 * Packages and installs the extension, then starts the server the way a user's VS Code runs:
 * no smoke-test driver, no development path. `caFile` (the emulator's CA for this run) goes into the
 * sandbox's user settings as `lakebase.extraCaFile`, as a user behind a private CA sets it: without it
 * the extension rightly refuses the emulator's certificate. `npm start` and the demo tier both start
 * the demo through here, so what the test sees is what `npm start` gives.
 * Returns the server, the installed extension's folder and the workbench URL for `folder`.
 */
export async function startDemoServer({ sandbox, folder, caFile, host = HOSTS.oldest, port, env, onOutput }) {
  const vsix = packageVsix();
  const extensionDir = installVsix(sandbox, vsix, host);
  trustEmulatorCa(sandbox.dirs.userData, caFile);
  const server = await startServer({ sandbox, host, port, env, onOutput, smokeTestDriver: false });
  return { server, extensionDir, url: workbenchUrl({ port: server.port, folder }) };
}
