// Starts the VS Code server (from the code-server package) with throwaway state folders,
// and builds the workbench URL that loads the extension under development (and, optionally, tests).
// Shared by `npm run test:vscode` and `npm start`.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HOSTS, hostFiles } from "./paths.mjs";

const READY_LINE = "Extension host agent listening on";

const WORKBENCH_SETTINGS = {
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "update.mode": "none",
  // Demo and test folders live inside this repo: no "open the parent repository?" prompt.
  "git.openRepositoryInParentFolders": "never",
  // Newer hosts (1.139) start chat and an agent host that look for a GitHub session offline.
  "chat.disableAIFeatures": true,
};

/** A free loopback TCP port (the OS picks it; tiny race window is acceptable for tests). */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

/**
 * Private HOME, XDG_* and TMPDIR so neither the server nor Chromium writes into the real home.
 * Returns the folder paths and an env overlay; `remove()` deletes everything.
 */
export function makeSandbox(prefix = "lakebase-vscode-") {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const dir = (name) => {
    const p = join(root, name);
    mkdirSync(p, { recursive: true });
    return p;
  };
  const dirs = {
    root,
    home: dir("home"),
    tmp: dir("tmp"),
    userData: dir("user-data"),
    serverData: dir("server-data"),
    extensions: dir("extensions"),
  };
  const env = {
    HOME: dirs.home,
    TMPDIR: dirs.tmp,
    XDG_CONFIG_HOME: dir("xdg/config"),
    XDG_DATA_HOME: dir("xdg/data"),
    XDG_CACHE_HOME: dir("xdg/cache"),
    XDG_STATE_HOME: dir("xdg/state"),
    XDG_RUNTIME_DIR: dir("xdg/runtime"),
  };
  // Quiet, deterministic workbench: no welcome page, tips or telemetry notice over the views.
  mkdirSync(join(dirs.userData, "User"), { recursive: true });
  writeFileSync(join(dirs.userData, "User", "settings.json"), JSON.stringify(WORKBENCH_SETTINGS, null, 2));
  return { dirs, env, remove: () => { if (!process.env.LAKEBASE_KEEP_SANDBOX) rmSync(root, { recursive: true, force: true }); else console.error(`sandbox kept: ${root}`); } };
}

/**
 * Starts server-main.js and resolves once it is listening.
 * `host` (default the oldest, see paths.mjs HOSTS) picks the VS Code version and the Node that runs it.
 * `smokeTestDriver: false` is VS Code as users get it: modal dialogs show, and the workbench ignores
 * the URL payload (so the extension must be installed in the sandbox's extensions folder).
 * @param {{ sandbox: ReturnType<typeof makeSandbox>, env?: Record<string,string|undefined>, host?: typeof HOSTS.oldest,
 *           smokeTestDriver?: boolean,
 *           port?: number, onOutput?: (line: string) => void, readyTimeoutMs?: number }} opts
 */
export async function startServer(opts) {
  const port = opts.port ?? (await freePort());
  const { dirs } = opts.sandbox;
  const files = hostFiles(opts.host ?? HOSTS.oldest);
  const args = [
    files.serverMain,
    "--host", "127.0.0.1",
    "--port", String(port),
    "--without-connection-token",
    "--accept-server-license-terms",
    ...(opts.smokeTestDriver === false ? [] : ["--enable-smoke-test-driver"]),
    "--disable-telemetry",
    "--disable-workspace-trust",
    "--user-data-dir", dirs.userData,
    "--server-data-dir", dirs.serverData,
    "--extensions-dir", dirs.extensions,
  ];
  // detached: own process group, so stop() also ends the extension host and pty host it forks.
  const child = spawn(files.nodeBin, args, {
    env: { ...process.env, ...opts.env, ...opts.sandbox.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const output = [];
  let stopped = false;

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await killGroup(child);
  };
  // Last resort if the caller's finally never runs (e.g. process.exit from elsewhere).
  const onExit = () => { try { process.kill(-child.pid, "SIGKILL"); } catch { /* already gone */ } };
  process.once("exit", onExit);

  await new Promise((resolveReady, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`VS Code server did not print "${READY_LINE}" within ${opts.readyTimeoutMs ?? 60000} ms.\n` +
        `Last output:\n${output.slice(-30).join("\n")}`));
    }, opts.readyTimeoutMs ?? 60000);
    const onLine = (line) => {
      output.push(line);
      opts.onOutput?.(line);
      if (line.includes(READY_LINE)) { clearTimeout(timer); resolveReady(); }
    };
    lines(child.stdout, onLine);
    lines(child.stderr, onLine);
    child.once("error", (err) => { clearTimeout(timer); reject(new Error(`Cannot start the VS Code server: ${err.message}`)); });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`VS Code server exited early (code ${code}, signal ${signal}).\n` +
        `Last output:\n${output.slice(-30).join("\n")}`));
    });
  }).catch(async (err) => { await stop(); throw err; });

  return {
    port,
    baseUrl: `http://127.0.0.1:${port}/`,
    process: child,
    output,
    stop: async () => { process.removeListener("exit", onExit); await stop(); },
  };
}

/**
 * The workbench URL. The server ignores --extensionDevelopmentPath/--extensionTestsPath on its command
 * line; with --enable-smoke-test-driver the workbench honours them from the `payload` query instead.
 */
export function workbenchUrl({ port, folder, extensionDevelopmentPath, extensionTestsPath }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(["extensionDevelopmentPath", remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(["extensionTestsPath", remote(extensionTestsPath)]);
  const query = new URLSearchParams();
  if (folder) query.set("folder", folder);
  if (payload.length) query.set("payload", JSON.stringify(payload));
  return `http://127.0.0.1:${port}/?${query.toString()}`;
}

function lines(stream, onLine) {
  let buf = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk) => {
    buf += chunk;
    let i;
    while ((i = buf.indexOf("\n")) >= 0) {
      onLine(buf.slice(0, i).replace(/\r$/, ""));
      buf = buf.slice(i + 1);
    }
  });
  stream.on("end", () => { if (buf) onLine(buf); });
}

/** SIGTERM the whole process group, SIGKILL whatever is left after 3 s. */
export async function killGroup(child) {
  if (child.pid === undefined) return;
  const alive = () => { try { process.kill(-child.pid, 0); return true; } catch { return false; } };
  if (!alive()) return;
  try { process.kill(-child.pid, "SIGTERM"); } catch { /* gone */ }
  const deadline = Date.now() + 3000;
  while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (alive()) { try { process.kill(-child.pid, "SIGKILL"); } catch { /* gone */ } }
}
