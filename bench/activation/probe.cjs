// extensionTestsPath for the activation benchmark: in a fresh extension host where nothing has
// activated the extension yet (empty folder, no SQL file), time `activate()` — loading the bundle plus
// its activate() call, what VS Code's "Running Extensions" view reports — and write it to a file.
const { writeFileSync } = require("node:fs");
const vscode = require("vscode");

exports.run = async function run() {
  const ext = vscode.extensions.getExtension("lakebase-dev.lakebase-vscode");
  if (!ext) throw new Error("the extension under development is not loaded");
  const wasActive = ext.isActive;
  // CPU time of the extension host too: on a busy machine wall time mostly measures the other processes.
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await ext.activate();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  // Which of the extension's bundles activation loaded (the ones loaded on first use should not be among them).
  const dist = require("node:path").join(ext.extensionPath, "dist");
  const bundles = Object.keys(require.cache).filter((f) => f.startsWith(dist)).map((f) => f.slice(dist.length + 1));
  writeFileSync(process.env.LAKEBASE_BENCH_ACTIVATION_FILE, JSON.stringify({ wasActive, ms, cpuMs, bundles, vscode: vscode.version }));
};
