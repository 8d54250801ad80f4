import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CliTokenSource } from "../../../src/core/auth/cliTokenSource";
import { locateDatabricksCli } from "../../../src/core/platform/locateCli";
import { FAKE_CLI_DIR, fakeCliEnv } from "../auth/fakeCli";

describe("platform: the CLI found on this machine's disk", function () {
  this.timeout(20_000);
  let home: string;
  beforeEach(() => { home = fs.mkdtempSync(path.join(os.tmpdir(), "lakebase-home-")); });
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

  it("VS Code started with a minimal PATH still signs in with the CLI installed in ~/.local/bin", async () => {
    const bin = path.join(home, ".local", "bin");
    fs.mkdirSync(bin, { recursive: true });
    fs.symlinkSync(path.join(FAKE_CLI_DIR, "databricks"), path.join(bin, "databricks"));
    const fake = fakeCliEnv("ok");
    const env = { ...fake.env, PATH: "/usr/bin:/bin", HOME: home };
    const ts = new CliTokenSource({ profile: "dev", host: "https://dbc-1.cloud.databricks.com", env });
    const token = await ts.getToken();
    assert.match(token.token, /^eyJ/);
    assert.deepEqual(fake.calls()[0]!.args, ["auth", "token", "--profile", "dev", "-o", "json"]);
  });

  it("skips a candidate that is not an executable file (a folder, a file without x)", () => {
    const bin = path.join(home, ".local", "bin");
    fs.mkdirSync(path.join(bin, "databricks"), { recursive: true }); // a folder named databricks
    const other = path.join(home, "bin");
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, "databricks"), "not executable", { mode: 0o644 });
    assert.equal(locateDatabricksCli(undefined, { PATH: "/nonexistent", HOME: home }, "linux"), "databricks");
    fs.chmodSync(path.join(other, "databricks"), 0o755);
    assert.equal(locateDatabricksCli(undefined, { PATH: "/nonexistent", HOME: home }, "linux"), path.join(other, "databricks"));
    // On PATH: the bare name, resolved by the spawn as before.
    assert.equal(locateDatabricksCli(undefined, { PATH: other, HOME: home }, "linux"), "databricks");
  });
});
