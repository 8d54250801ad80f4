import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const FAKE_CLI_DIR = path.resolve(__dirname, "../../fixtures/fake-databricks-cli");

/**
 * An environment with the fake `databricks` first on PATH, a scenario, and a call log.
 * It deliberately carries stray DATABRICKS_* variables: the token source must strip them
 * (the fake exits 97 when it sees one).
 */
export function fakeCliEnv(scenario: string, extra: Record<string, string> = {}): { env: NodeJS.ProcessEnv; calls(): Array<{ args: string[]; configFile: string | null }> } {
  const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fake-dbcli-")), "calls.jsonl");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${FAKE_CLI_DIR}${path.delimiter}${process.env.PATH ?? ""}`,
    FAKE_DATABRICKS_SCENARIO: scenario,
    FAKE_DATABRICKS_LOG: log,
    DATABRICKS_HOST: "https://stray.cloud.databricks.com",
    DATABRICKS_TOKEN: "dapistray0000000000000000000000000",
    DATABRICKS_AUTH_TYPE: "pat",
    ...extra,
  };
  return {
    env,
    calls: () => (fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l)) : []),
  };
}
