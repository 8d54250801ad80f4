// `npm test`: every tier that runs without internet, cheapest first.
// Each tier ends with an `N passed, N failed` line; this adds them up and prints the closing one.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { BACKGROUND_LOG, startHostInstall } from "./vscode-host/backgroundInstall.mjs";
import { build } from "./vscode-host/prerequisites.mjs";

const only = process.argv.slice(2);
const mocha = (config) => ["npx", "mocha", "--config", config];
const tiers = [
  // Debian packages first: the browser tier needs Chromium before the VS Code tier would install it.
  { name: "prerequisites", cmd: ["bash", "scripts/ensure-debian-packages.sh"], counted: false },
  { name: "typecheck", cmd: ["npm", "run", "-s", "typecheck"], counted: false },
  { name: "lint", cmd: ["npm", "run", "-s", "lint"], counted: false },
  { name: "unit", cmd: mocha("test/.mocharc.unit.json") },
  { name: "browser", cmd: mocha("test/.mocharc.browser.json"), when: "test/.mocharc.browser.json" },
  { name: "integration", cmd: mocha("test/.mocharc.integration.json") },
  // 60 s of the soak (scripts/soak): its goals are the counted checks. Fixed seed: the same fault order every run.
  { name: "soak", cmd: ["npm", "run", "-s", "soak", "--", "--seconds", "60", "--seed", "1"] },
  // The real VS Code tier on the oldest VS Code engines.vscode allows and on the newest (scripts/vscode-host/paths.mjs), side by side.
  { name: "vscode", cmd: ["node", "scripts/vscode-host/run-tests.mjs", "--host", "oldest"], when: "scripts/vscode-host/run-tests.mjs", needsHosts: true },
  { name: "vscode-newest", cmd: ["node", "scripts/vscode-host/run-tests.mjs", "--host", "newest"], when: "scripts/vscode-host/run-tests.mjs", needsHosts: true },
  // `npm start`'s VS Code server as users get it: the .vsix installed, modal dialogs shown.
  { name: "demo", cmd: mocha("test/.mocharc.demo.json"), when: "test/.mocharc.demo.json" },
].filter((t) => (only.length === 0 || only.includes(t.name)) && (!t.when || existsSync(t.when)));

const SUMMARY = /^(?:\w+:\s*)?(\d+) passed, (\d+) failed/;

/**
 * Runs one tier. Live: its stdout streams and its stderr is inherited. Otherwise both are held and
 * printed as one block when it ends (a tier running beside another must not interleave with it).
 */
function run(cmd, { live = true, env } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd[0], cmd.slice(1), { stdio: ["ignore", "pipe", live ? "inherit" : "pipe"], env: env ? { ...process.env, ...env } : process.env });
    let last;
    let buffered = "";
    const held = [];
    child.stdout.on("data", (chunk) => {
      if (live) process.stdout.write(chunk);
      else held.push(chunk);
      buffered += chunk.toString("utf8");
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        const m = SUMMARY.exec(line.trim());
        if (m) last = { passed: Number(m[1]), failed: Number(m[2]) };
      }
    });
    child.stderr?.on("data", (chunk) => held.push(chunk));
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), summary: last, held: Buffer.concat(held) }));
  });
}

// Started after the Debian packages (the host install needs them), awaited before the first VS Code tier.
let hostInstall = null;

let passed = 0;
let failed = 0;
const failedTiers = [];
const started = Date.now();
function record(tier, { code, summary }, t0) {
  if (summary) { passed += summary.passed; failed += summary.failed; }
  const ok = code === 0 && (tier.counted === false || summary !== undefined);
  if (!ok) failedTiers.push(tier.name);
  if (!ok && !summary && tier.counted !== false) failed += 1; // a tier that died before counting is a failure
  console.log(`=== ${tier.name}: ${ok ? "ok" : "FAILED"} in ${((Date.now() - t0) / 1000).toFixed(1)} s ===`);
  return ok;
}

for (let i = 0; i < tiers.length; i++) {
  const tier = tiers[i];
  if (tier.needsHosts && hostInstall) {
    const result = await hostInstall;
    hostInstall = null;
    // A failed background install is retried by the tier itself, which reports the error.
    console.log(`\n=== VS Code hosts: background install ${result.code === 0 ? "done" : `failed (${result.error ?? `exit ${result.code}`}; the tier retries it)`} in ${result.seconds.toFixed(0)} s; log: ${BACKGROUND_LOG} ===`);
  }
  const t0 = Date.now();
  if (tier.needsHosts) {
    // The VS Code tiers mostly wait (on the workbench, the emulator, timers: load ~1.5 on 2 cores while
    // one runs), so both hosts run side by side, built once: the first streams, the other prints after.
    const group = [tier];
    while (tiers[i + 1]?.needsHosts) group.push(tiers[++i]);
    console.log(`\n=== build for ${group.map((t) => t.name).join(" + ")} ===`);
    let built = true;
    try { build({ tests: true }); } catch (err) { console.log(err.message); built = false; }
    if (!built) {
      for (const t of group) { failedTiers.push(t.name); failed += 1; console.log(`=== ${t.name}: FAILED (build) ===`); }
      continue;
    }
    console.log(`\n=== ${group.map((t) => t.name).join(" + ")} (side by side; ${group.slice(1).map((t) => t.name).join(", ")} printed when done) ===`);
    const runs = group.map((t, n) => run(t.cmd, { live: n === 0, env: { LAKEBASE_VSCODE_PREBUILT: "1" } }));
    for (const [n, t] of group.entries()) {
      const result = await runs[n];
      if (n > 0) {
        console.log(`\n=== ${t.name} (its output) ===`);
        process.stdout.write(result.held);
      }
      record(t, result, t0);
    }
    continue;
  }
  console.log(`\n=== ${tier.name} ===`);
  const result = await run(tier.cmd);
  const ok = record(tier, result, t0);
  if (tier.name === "prerequisites" && ok && tiers.some((t) => t.needsHosts)) hostInstall = startHostInstall();
}
console.log(`\nAll tiers in ${((Date.now() - started) / 1000).toFixed(0)} s; failed tiers: ${failedTiers.join(", ") || "none"}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedTiers.length ? 1 : 0);
