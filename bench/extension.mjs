// `npm run bench` (first part): what the user pays for the extension itself.
//   - the .vsix size (production build, `vsce package`), target ≤ 2 MB;
//   - activation time in the real VS Code host (the VS Code server + headless Chromium, as the
//     VS Code test tier runs it), on every installed host, median of BENCH_ACTIVATION_REPS (default 3)
//     fresh extension hosts, target ≤ 50 ms; beside it, in the same run and on the same host, the
//     baseline: the previous design, one bundle holding everything (zod's classic API, pg) — the
//     sources at BENCH_BASELINE_REF (default: the last commit before the split) built as they shipped
//     then (with the zod trim) — runs interleaved so both see the same machine load.
// Writes bench/results/extension.json; ends with `N passed, N failed`.
//   node bench/extension.mjs
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as esbuild from "esbuild";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { openWorkbench } from "../scripts/vscode-host/browser.mjs";
import { ensureHost, hostIsInstalled } from "../scripts/vscode-host/install.mjs";
import { LAZY_BUNDLES } from "../scripts/lazyBundles.mjs";
import { zodEnglishOnly } from "../scripts/zodEnglishOnly.mjs";
import { HOSTS, REPO_ROOT } from "../scripts/vscode-host/paths.mjs";
import { makeSandbox, startServer, workbenchUrl } from "../scripts/vscode-host/server.mjs";

const REPS = Math.max(1, Number(process.env.BENCH_ACTIVATION_REPS ?? 3));
const MB = 1024 * 1024;
const PROBE = join(REPO_ROOT, "bench", "activation", "probe.cjs");
// The single activation bundle, before zod/mini and the bundles loaded on first use.
const BASELINE_REF = process.env.BENCH_BASELINE_REF ?? "ae30286";
const log = (s) => process.stderr.write(`${s}\n`);

function run(cmd, args) {
  const res = spawnSync(cmd, args, { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${res.status}`);
  return res.stdout;
}

/** Production bundle (what ships), then the .vsix in a temp folder. */
function packageSize() {
  run(process.execPath, ["scripts/build.mjs", "--production"]);
  const sandbox = makeSandbox("lakebase-bench-vsix-");
  try {
    const vsix = join(sandbox.dirs.root, "lakebase.vsix");
    run(process.execPath, [join(REPO_ROOT, "node_modules", "@vscode", "vsce", "vsce"), "package", "--no-dependencies", "-o", vsix]);
    const lazyBytes = Object.fromEntries(LAZY_BUNDLES.map((b) => [b.bundle, statSync(join(REPO_ROOT, "dist", b.bundle)).size]));
    return { vsixBytes: statSync(vsix).size, bundleBytes: statSync(join(REPO_ROOT, "dist", "extension.js")).size, lazyBytes };
  } finally {
    sandbox.remove();
  }
}

/** The extension folder as it ships, with extension.js built from the sources at BASELINE_REF: the "before". */
async function baselineExtension() {
  const dir = mkdtempSync(join(tmpdir(), "lakebase-bench-baseline-"));
  for (const f of ["package.json", "media", "dist"]) cpSync(join(REPO_ROOT, f), join(dir, f), { recursive: true });
  const src = join(dir, "baseline-src");
  mkdirSync(src);
  execFileSync("sh", ["-c", `git -C "$0" archive "$1" src | tar -x -C "$2"`, REPO_ROOT, BASELINE_REF, src]);
  await esbuild.build({
    entryPoints: [join(src, "src", "extension.ts")], outfile: join(dir, "dist", "extension.js"), nodePaths: [join(REPO_ROOT, "node_modules")],
    bundle: true, minify: true, sourcemap: false, platform: "node", format: "cjs", target: "node20", external: ["vscode", "pg-native"], plugins: [zodEnglishOnly()], logLevel: "warning",
  });
  rmSync(src, { recursive: true, force: true });
  return { dir, bundleBytes: statSync(join(dir, "dist", "extension.js")).size, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

async function activationOnce(host, extensionDir = REPO_ROOT) {
  const sandbox = makeSandbox("lakebase-bench-activation-");
  const folder = join(sandbox.dirs.root, "empty-folder");
  mkdirSync(folder);
  const resultFile = join(sandbox.dirs.root, "activation.json");
  let server;
  let workbench;
  try {
    server = await startServer({ sandbox, host, env: { LAKEBASE_BENCH_ACTIVATION_FILE: resultFile } });
    const url = workbenchUrl({ port: server.port, folder, extensionDevelopmentPath: extensionDir, extensionTestsPath: PROBE });
    workbench = await openWorkbench({ url, env: { ...process.env, ...sandbox.env } });
    const code = await Promise.race([workbench.exitCode, new Promise((r) => setTimeout(() => r("timeout"), 120_000).unref())]);
    if (code !== 0) throw new Error(`the activation probe ended with ${code}`);
    const result = JSON.parse(readFileSync(resultFile, "utf8"));
    if (result.wasActive) throw new Error("the extension was already active before the probe: the measurement would be 0");
    return result;
  } finally {
    await workbench?.close();
    await server?.stop();
    sandbox.remove();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const { vsixBytes, bundleBytes, lazyBytes } = packageSize();
  log(`bench: .vsix ${(vsixBytes / MB).toFixed(2)} MB (extension.js ${(bundleBytes / MB).toFixed(2)} MB minified; loaded on first use: ${Object.entries(lazyBytes).map(([b, n]) => `${b} ${(n / 1024).toFixed(0)} kB`).join(", ")})`);
  const baseline = await baselineExtension();
  log(`bench: baseline extension.js (one bundle, sources at ${BASELINE_REF}) ${(baseline.bundleBytes / MB).toFixed(2)} MB minified`);
  const activation = [];
  const round = (x) => Math.round(x * 10) / 10;
  const summary = (runs) => ({
    medianMs: median(runs.map((r) => r.ms)), runsMs: runs.map((r) => round(r.ms)),
    medianCpuMs: median(runs.map((r) => r.cpuMs)), runsCpuMs: runs.map((r) => round(r.cpuMs)),
  });
  try {
    for (const host of Object.values(HOSTS)) {
      if (host.id !== "oldest" && !hostIsInstalled(host)) { log(`bench: ${host.id} host not installed, skipped (node scripts/vscode-host/install.mjs --host ${host.id})`); continue; }
      await ensureHost({ host });
      const runs = [];
      const baseRuns = [];
      for (let i = 0; i < REPS; i++) {
        runs.push(await activationOnce(host));
        baseRuns.push(await activationOnce(host, baseline.dir));
      }
      const a = { host: host.id, vscode: runs[0].vscode, bundles: runs[0].bundles, ...summary(runs), baseline: summary(baseRuns), loadAverage: loadavg()[0] };
      activation.push(a);
      log(`bench: activation on VS Code ${a.vscode}: ${a.runsMs.join(", ")} ms wall, ${a.runsCpuMs.join(", ")} ms CPU; ` +
        `baseline ${a.baseline.runsMs.join(", ")} ms wall, ${a.baseline.runsCpuMs.join(", ")} ms CPU (load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores)`);
      log(`bench:   CPU ratio to the baseline ${(a.medianCpuMs / a.baseline.medianCpuMs).toFixed(2)}×; bundles activation loaded: ${a.bundles?.join(", ")}`);
    }
  } finally {
    baseline.remove();
  }
  const checks = [
    { what: ".vsix size", value: vsixBytes / MB, limit: 2, unit: " MB", pass: vsixBytes <= 2 * MB },
    ...activation.map((a) => ({ what: `activation on VS Code ${a.vscode}, wall time (median of ${REPS})`, value: a.medianMs, limit: 50, unit: " ms", pass: a.medianMs <= 50 })),
    ...activation.map((a) => ({ what: `activation on VS Code ${a.vscode} loads no bundle meant for first use (${a.bundles?.join(", ")})`, value: a.bundles?.filter((f) => LAZY_BUNDLES.some((l) => l.bundle === f)).length ?? NaN, limit: 0, unit: " bundles", pass: a.bundles?.every((f) => !LAZY_BUNDLES.some((l) => l.bundle === f)) === true })),
    ...activation.map((a) => ({ what: `activation on VS Code ${a.vscode}, extension host CPU time (median of ${REPS})`, value: a.medianCpuMs, limit: 50, unit: " ms", pass: a.medianCpuMs <= 50 })),
  ];
  for (const c of checks) process.stdout.write(`${c.pass ? "✔" : "✘"} ${c.what}: ${c.value.toFixed(c.unit === " MB" ? 2 : c.unit === " bundles" ? 0 : 1)}${c.unit} (target ≤ ${c.limit}${c.unit})\n`);
  mkdirSync(join(REPO_ROOT, "bench", "results"), { recursive: true });
  writeFileSync(join(REPO_ROOT, "bench", "results", "extension.json"), `${JSON.stringify({ date: new Date().toISOString(), vsixBytes, bundleBytes, lazyBytes, baselineRef: BASELINE_REF, baselineBundleBytes: baseline.bundleBytes, activation, checks }, null, 2)}\n`);
  // Leave the development build (with source maps) that the test tiers expect.
  run(process.execPath, ["scripts/build.mjs"]);
  process.stdout.write(`${checks.filter((c) => c.pass).length} passed, ${checks.filter((c) => !c.pass).length} failed\n`);
  return checks.every((c) => c.pass) ? 0 : 1;
}

main().then((code) => { process.exitCode = code; }, (err) => {
  process.stderr.write(`bench failed: ${err?.stack ?? err}\n`);
  process.exitCode = 1;
});
