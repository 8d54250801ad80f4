// Desktop VS Code (Electron) runner for machines with the internet: @vscode/test-electron downloads
// VS Code 1.100.3 into .vscode-test/. Selected by LAKEBASE_VSCODE_RUNNER=electron; CI uses the server.
import { join } from "node:path";
import { REPO_ROOT } from "./paths.mjs";
import { build } from "./prerequisites.mjs";
import { readResults, report } from "./results.mjs";
import { prepareTestSession, TEST_INDEX } from "./session.mjs";

/** Same engine version as the server host (code-server 4.100.3), so both runners see one VS Code API. */
const VSCODE_VERSION = "1.100.3";

export async function runElectronTests(cleanup) {
  build({ tests: true });
  const { runTests } = await import("@vscode/test-electron");
  const { sandbox, workspace, resultsFile, env } = await prepareTestSession(cleanup);
  let exitCode = 0;
  try {
    await runTests({
      version: VSCODE_VERSION,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: TEST_INDEX,
      extensionTestsEnv: env,
      launchArgs: [
        workspace,
        "--disable-extensions",
        "--disable-workspace-trust",
        "--skip-welcome",
        "--skip-release-notes",
        `--user-data-dir=${sandbox.dirs.userData}`,
        `--extensions-dir=${sandbox.dirs.extensions}`,
      ],
    });
  } catch (err) {
    // runTests rejects on a non-zero exit (failing tests) and on download/launch errors.
    console.error(`test:vscode (electron): ${err?.message ?? err}`);
    exitCode = 1;
  }
  return report(exitCode, readResults(resultsFile), { hint: `test:vscode: logs in ${join(REPO_ROOT, ".vscode-test")}` });
}
