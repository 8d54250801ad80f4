import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OptionsError, parseServerOptions } from "../../../src/mcp/serverOptions";

describe("MCP server options", () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), "mcp-opts-")); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("flags win over the environment, which wins over the folder's .env", () => {
    writeFileSync(join(dir, ".env"), "LAKEBASE_ENDPOINT=projects/a/branches/b/endpoints/from-dotenv\nPGDATABASE=appdb\nDATABRICKS_CONFIG_PROFILE=dotenv-profile\n");
    const fromDotenv = parseServerOptions([], {}, dir);
    assert.equal(fromDotenv.endpoint, "projects/a/branches/b/endpoints/from-dotenv");
    assert.equal(fromDotenv.database, "appdb");
    assert.equal(fromDotenv.profile, "dotenv-profile");
    assert.equal(fromDotenv.folder, dir);
    const fromEnv = parseServerOptions([], { LAKEBASE_ENDPOINT: "projects/a/branches/b/endpoints/from-env", DATABRICKS_CONFIG_FILE: "/cfg" }, dir);
    assert.equal(fromEnv.endpoint, "projects/a/branches/b/endpoints/from-env");
    assert.equal(fromEnv.configFile, "/cfg");
    const fromFlags = parseServerOptions(["--endpoint=projects/a/branches/b/endpoints/flag", "--databricks-cli", "/opt/databricks", "--profile", "p", "--max-rows", "10", "--timeout-seconds", "5", "--allow-protected-branches"], { LAKEBASE_ENDPOINT: "x" }, dir);
    assert.equal(fromFlags.endpoint, "projects/a/branches/b/endpoints/flag");
    assert.equal(fromFlags.profile, "p");
    assert.equal(fromFlags.cliPath, "/opt/databricks");
    assert.equal(fromFlags.policy.maxRows, 10);
    assert.equal(fromFlags.policy.statementTimeoutMs, 5000);
    assert.equal(fromFlags.policy.allowProtectedBranches, true);
  });

  it("defaults: databricks_postgres, protected branches off, the working folder", () => {
    const o = parseServerOptions([], {}, dir);
    assert.equal(o.database, "databricks_postgres");
    assert.equal(o.policy.allowProtectedBranches, false);
    assert.equal(o.endpoint, undefined);
  });

  it("refuses unknown options (a token flag included) and bad numbers, with the list of options", () => {
    assert.throws(() => parseServerOptions(["--token", "dapi0123"], {}, dir), (e: Error) => e instanceof OptionsError && /Unknown option "--token"\. Options: --config-file/.test(e.message));
    assert.throws(() => parseServerOptions(["--max-rows", "0"], {}, dir), /--max-rows needs a whole number ≥ 1, got "0"/);
    assert.throws(() => parseServerOptions(["--profile"], {}, dir), /--profile needs a value/);
  });
});
