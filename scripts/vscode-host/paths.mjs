// Where the VS Code host lives and which version it is. One place, shared by install, tests and start.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const VSCODE_TEST_DIR = join(REPO_ROOT, ".vscode-test");
export const HOST_DIR = join(VSCODE_TEST_DIR, "host");

/** code-server 4.100.3 is the newest whose engines accept Node 20; it bundles VS Code 1.100.3. */
export const CODE_SERVER_VERSION = "4.100.3";
export const CODE_SERVER_DIR = join(HOST_DIR, "node_modules", "code-server");
export const VSCODE_DIR = join(CODE_SERVER_DIR, "lib", "vscode");
export const SERVER_MAIN = join(VSCODE_DIR, "out", "server-main.js");

/** Marker written only after an install was verified by starting the server. */
export const INSTALLED_MARKER = join(HOST_DIR, ".installed.json");

export function chromiumPath() {
  return process.env.LAKEBASE_CHROMIUM_PATH || "/usr/bin/chromium";
}
