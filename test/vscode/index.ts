// Test entry loaded by the VS Code extension host (extensionTestsPath). Runs every bundled suite with
// mocha and writes {passes, failures, failedTitles} to $LAKEBASE_TEST_RESULTS_FILE for the runner.
import { writeFileSync } from "node:fs";
import Mocha from "mocha";
import { suites } from "lakebase:vscode-suites";

interface Results {
  passes: number;
  failures: number;
  pending: number;
  failedTitles: string[];
  errors: string[];
  /** Wall time of each top-level suite, so the tier's slowest parts are visible in CI's output. */
  suiteSeconds: Record<string, number>;
}

export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: "bdd",
    color: false,
    reporter: "spec",
    timeout: Number(process.env.LAKEBASE_TEST_TIMEOUT_MS ?? 20000),
    ...(process.env.LAKEBASE_TEST_GREP ? { grep: process.env.LAKEBASE_TEST_GREP } : {}),
  });
  // Bundled suites cannot go through mocha.addFile(): emit the same events mocha's loader does,
  // so `describe`/`it` exist as globals while each suite module runs.
  for (const suite of suites) {
    mocha.suite.emit("pre-require", globalThis, suite.file, mocha);
    suite.load();
    mocha.suite.emit("require", undefined, suite.file, mocha);
    mocha.suite.emit("post-require", globalThis, suite.file, mocha);
  }

  const results: Results = { passes: 0, failures: 0, pending: 0, failedTitles: [], errors: [], suiteSeconds: {} };
  const suiteStarted = new Map<Mocha.Suite, number>();
  await new Promise<void>((resolveRun) => {
    const runner = mocha.run(() => resolveRun());
    runner.on("suite", (suite: Mocha.Suite) => { if (suite.parent?.root) suiteStarted.set(suite, Date.now()); });
    runner.on("suite end", (suite: Mocha.Suite) => {
      const started = suiteStarted.get(suite);
      if (started !== undefined) results.suiteSeconds[suite.title] = (results.suiteSeconds[suite.title] ?? 0) + (Date.now() - started) / 1000;
    });
    runner.on("pass", () => { results.passes++; });
    runner.on("pending", () => { results.pending++; });
    runner.on("fail", (test, err: Error) => {
      results.failures++;
      results.failedTitles.push(test.fullTitle());
      results.errors.push(`${test.fullTitle()}: ${err?.message ?? String(err)}`);
    });
  });
  if (suites.length === 0) {
    results.failures++;
    results.failedTitles.push("no suites found in test/vscode/suites");
  }

  const resultsFile = process.env.LAKEBASE_TEST_RESULTS_FILE;
  if (resultsFile) writeFileSync(resultsFile, JSON.stringify(results, null, 2));
  if (results.failures > 0) throw new Error(`${results.failures} VS Code test(s) failed`);
}
