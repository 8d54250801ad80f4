// Installs the VS Code server (inside the pinned code-server npm package) into .vscode-test/host/,
// once. No internet beyond the npm registry: the fixes below come from shared/reference/vscode-host.md.
//   node scripts/vscode-host/install.mjs [--force]   (also installs the Debian packages it needs)
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { arch, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CODE_SERVER_DIR, CODE_SERVER_VERSION, HOST_DIR, INSTALLED_MARKER, SERVER_MAIN, VSCODE_DIR, VSCODE_TEST_DIR } from "./paths.mjs";
import { ensureDebianPackages } from "./prerequisites.mjs";
import { makeSandbox, startServer } from "./server.mjs";

// What the @vscode/ripgrep bundled by VS Code 1.100.3 downloads (lib/postinstall.js: VERSION, getTarget()).
const RIPGREP_PACKAGE_VERSION = "1.15.11";
const RIPGREP_RELEASE = "v13.0.0-10";
const RIPGREP_TARGETS = { x64: "x86_64-unknown-linux-musl", arm64: "aarch64-unknown-linux-musl" };

const LOG_FILE = join(VSCODE_TEST_DIR, "host-install.log");

/** True when the pinned version is installed and was verified by starting the server. */
export function hostIsInstalled() {
  if (!existsSync(INSTALLED_MARKER) || !existsSync(SERVER_MAIN)) return false;
  try {
    return JSON.parse(readFileSync(INSTALLED_MARKER, "utf8")).version === CODE_SERVER_VERSION;
  } catch {
    return false;
  }
}

/** Installs the host unless the right version is already there. Throws with an actionable message. */
export async function ensureHost({ force = false, log = (m) => console.error(m) } = {}) {
  if (!force && hostIsInstalled()) return;
  if (process.platform !== "linux") {
    throw new Error("The VS Code server host install is scripted for Linux only; on other systems set LAKEBASE_VSCODE_RUNNER=electron.");
  }
  const started = Date.now();
  log(`vscode-host: installing code-server@${CODE_SERVER_VERSION} (VS Code server) into ${HOST_DIR} — first run only, ~1 min`);
  rmSync(HOST_DIR, { recursive: true, force: true });
  mkdirSync(HOST_DIR, { recursive: true });
  writeFileSync(join(HOST_DIR, "package.json"), JSON.stringify({
    name: "lakebase-vscode-test-host",
    private: true,
    description: "VS Code server used by `npm run test:vscode` and `npm start` (git-ignored, installed on demand).",
    dependencies: { "code-server": CODE_SERVER_VERSION },
    // npm 11 gates install scripts; code-server's postinstall installs VS Code's own dependencies.
    allowScripts: { "code-server": true },
  }, null, 2) + "\n");

  const privateTmp = mkdtempSync(join(tmpdir(), "lakebase-host-install-"));
  try {
    seedRipgrepCache(privateTmp);
    await runNpmInstall(privateTmp);
    verifyInstalledFiles();
    await verifyServerStarts();
  } catch (err) {
    // A half-installed host must not be mistaken for a good one next time.
    rmSync(INSTALLED_MARKER, { force: true });
    throw err;
  } finally {
    rmSync(privateTmp, { recursive: true, force: true });
  }
  writeFileSync(INSTALLED_MARKER, JSON.stringify({ version: CODE_SERVER_VERSION, installedAt: new Date().toISOString() }) + "\n");
  log(`vscode-host: installed and verified in ${((Date.now() - started) / 1000).toFixed(1)} s`);
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

function runNpmInstall(privateTmp) {
  const env = {
    ...process.env,
    TMPDIR: privateTmp,
    // code-server's postinstall refuses to run as root without it.
    npm_config_unsafe_perm: "true",
    // node-pty's postinstall runs `npx node-gyp`, which npm refuses when yes=false.
    npm_config_yes: "true",
    npm_config_fund: "false",
    npm_config_audit: "false",
    npm_config_update_notifier: "false",
  };
  // Native modules compile against Node's headers; Debian's nodejs puts them under /usr/include/node.
  if (existsSync("/usr/include/node/node_version.h")) env.npm_config_nodedir = "/usr";
  const out = createWriteStream(LOG_FILE);
  return new Promise((resolveInstall, reject) => {
    const child = spawn("npm", ["install", "--no-package-lock", "--foreground-scripts", "--loglevel=warn"], {
      cwd: HOST_DIR, env, stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    child.on("error", (err) => reject(new Error(`Cannot run npm: ${err.message}`)));
    child.on("exit", (code) => {
      out.end();
      if (code === 0) return resolveInstall();
      const tail = readFileSync(LOG_FILE, "utf8").split("\n").slice(-40).join("\n");
      reject(new Error(`npm install of code-server@${CODE_SERVER_VERSION} failed (exit ${code}). Full log: ${LOG_FILE}\n${tail}\n` +
        "Common causes: missing Debian packages (run scripts/ensure-debian-packages.sh: libkrb5-dev for kerberos), " +
        "no compiler (build-essential, python3), or npm blocking install scripts (allowScripts)."));
    });
  });
}

/** The install scripts that must have run: they leave these files behind. */
function verifyInstalledFiles() {
  const version = JSON.parse(readFileSync(join(CODE_SERVER_DIR, "package.json"), "utf8")).version;
  if (version !== CODE_SERVER_VERSION) throw new Error(`Installed code-server is ${version}, expected ${CODE_SERVER_VERSION}.`);
  const ripgrepPkg = join(VSCODE_DIR, "node_modules", "@vscode", "ripgrep", "package.json");
  const checks = [
    [ripgrepPkg, "VS Code's dependencies (code-server's postinstall did not run: npm blocked install scripts?)"],
    [join(VSCODE_DIR, "node_modules", "@vscode", "ripgrep", "bin", "rg"), "rg (the @vscode/ripgrep postinstall did not run or found no cached tarball)"],
    [join(VSCODE_DIR, "node_modules", "node-pty", "build", "Release", "pty.node"), "node-pty's native module (node-gyp build did not run)"],
    [join(VSCODE_DIR, "node_modules.asar"), "the node_modules.asar link made by code-server's postinstall"],
  ];
  for (const [file, what] of checks) {
    if (!existsSync(file)) throw new Error(`VS Code host install incomplete: missing ${what}: ${file}. See ${LOG_FILE}.`);
  }
  const rgVersion = JSON.parse(readFileSync(ripgrepPkg, "utf8")).version;
  if (rgVersion !== RIPGREP_PACKAGE_VERSION) {
    throw new Error(`VS Code bundles @vscode/ripgrep ${rgVersion}, but the cache was seeded for ${RIPGREP_PACKAGE_VERSION}: update RIPGREP_* in install.mjs.`);
  }
}

async function verifyServerStarts() {
  const sandbox = makeSandbox("lakebase-host-verify-");
  let server;
  try {
    server = await startServer({ sandbox, readyTimeoutMs: 60000 });
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
    .then(() => ensureHost({ force: process.argv.includes("--force") }))
    .catch((err) => {
      console.error(err.message);
      process.exit(1);
    });
}
