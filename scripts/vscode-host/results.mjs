// Turns what a VS Code test run left behind (exit code, results file) into `N passed, N failed`.
import { existsSync, readFileSync } from "node:fs";

/** The file test/vscode/index.ts writes: { passes, failures, pending, failedTitles, errors }. */
export function readResults(file) {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    console.error(`test:vscode: unreadable results file ${file}: ${err.message}`);
    return null;
  }
}

/**
 * Prints the failures and the closing line; returns the process exit code.
 * A run that broke without results, timed out, or exited non-zero with no failing test counts as one failure.
 * @param {number | "timeout"} exitCode  @param {ReturnType<typeof readResults>} results
 */
export function report(exitCode, results, { timeoutMs, hint } = {}) {
  const passes = results?.passes ?? 0;
  let failures = results?.failures ?? 0;
  if (exitCode === "timeout") {
    console.error(`test:vscode: timed out after ${timeoutMs} ms waiting for the tests to finish`);
    failures = Math.max(failures, 1);
  } else if (!results) {
    console.error(`test:vscode: the extension host exited with code ${exitCode} without writing results (did out/test/vscode/index.js load?)`);
    failures = Math.max(failures, 1);
  } else if (exitCode !== 0 && failures === 0) {
    console.error(`test:vscode: the extension host exited with code ${exitCode}`);
    failures = 1;
  }
  const slowest = Object.entries(results?.suiteSeconds ?? {}).sort((a, b) => b[1] - a[1]).slice(0, 10);
  if (slowest.length) console.log(`slowest suites: ${slowest.map(([title, s]) => `${title} ${s.toFixed(0)} s`).join(", ")}`);
  for (const line of results?.errors ?? []) console.error(`  failed: ${line.split("\n")[0]}`);
  if (failures > 0 && hint) console.error(hint);
  console.log(`${passes} passed, ${failures} failed`);
  return failures > 0 ? 1 : 0;
}
