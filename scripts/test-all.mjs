// `npm test`: every tier that runs without internet, cheapest first.
// Each tier ends with an `N passed, N failed` line; this adds them up and prints the closing one.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { BACKGROUND_LOG, startHostInstall } from "./vscode-host/backgroundInstall.mjs";

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
  // The real VS Code tier on the oldest VS Code engines.vscode allows, then on the newest (scripts/vscode-host/paths.mjs).
  { name: "vscode", cmd: ["node", "scripts/vscode-host/run-tests.mjs", "--host", "oldest"], when: "scripts/vscode-host/run-tests.mjs", needsHosts: true },
  { name: "vscode-newest", cmd: ["node", "scripts/vscode-host/run-tests.mjs", "--host", "newest"], when: "scripts/vscode-host/run-tests.mjs", needsHosts: true },
  // `npm start`'s VS Code server as users get it: the .vsix installed, modal dialogs shown.
  { name: "demo", cmd: mocha("test/.mocharc.demo.json"), when: "test/.mocharc.demo.json" },
].filter((t) => (only.length === 0 || only.includes(t.name)) && (!t.when || existsSync(t.when)));

const SUMMARY = /^(?:\w+:\s*)?(\d+) passed, (\d+) failed/;

function run(cmd) {
  return new Promise((resolve) => {
    const child = spawn(cmd[0], cmd.slice(1), { stdio: ["ignore", "pipe", "inherit"] });
    let last;
    let buffered = "";
    child.stdout.on("data", (chunk) => {
      process.stdout.write(chunk);
      buffered += chunk.toString("utf8");
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        const m = SUMMARY.exec(line.trim());
        if (m) last = { passed: Number(m[1]), failed: Number(m[2]) };
      }
    });
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), summary: last }));
  });
}

// Started after the Debian packages (the host install needs them), awaited before the first VS Code tier.
let hostInstall = null;

let passed = 0;
let failed = 0;
const failedTiers = [];
const started = Date.now();
for (const tier of tiers) {
  if (tier.needsHosts && hostInstall) {
    const result = await hostInstall;
    hostInstall = null;
    // A failed background install is retried by the tier itself, which reports the error.
    console.log(`\n=== VS Code hosts: background install ${result.code === 0 ? "done" : `failed (${result.error ?? `exit ${result.code}`}; the tier retries it)`} in ${result.seconds.toFixed(0)} s; log: ${BACKGROUND_LOG} ===`);
  }
  const t0 = Date.now();
  console.log(`\n=== ${tier.name} ===`);
  const { code, summary } = await run(tier.cmd);
  if (summary) { passed += summary.passed; failed += summary.failed; }
  const ok = code === 0 && (tier.counted === false || summary !== undefined);
  if (!ok) failedTiers.push(tier.name);
  if (!ok && !summary && tier.counted !== false) failed += 1; // a tier that died before counting is a failure
  console.log(`=== ${tier.name}: ${ok ? "ok" : "FAILED"} in ${((Date.now() - t0) / 1000).toFixed(1)} s ===`);
  if (tier.name === "prerequisites" && ok && tiers.some((t) => t.needsHosts)) hostInstall = startHostInstall();
}
console.log(`\nAll tiers in ${((Date.now() - started) / 1000).toFixed(0)} s; failed tiers: ${failedTiers.join(", ") || "none"}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedTiers.length ? 1 : 0);
