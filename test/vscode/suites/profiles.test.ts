// Profiles in a real VS Code: a config file with every kind of profile a user has, including
// broken ones, shown with the right states; a line the CLI cannot read makes the whole file
// unusable (as for the CLI) and the tree names that line; a U2M profile that needs a login
// becomes valid once the (stand-in) CLI can give a token.
import * as assert from "node:assert/strict";
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import * as vscode from "vscode";
import type { LakebaseApi } from "../../../src/api";
import { activateExtension, EXTENSION_ID, emulatorUrl, patFromConfig, waitFor } from "../support/emulatorRest";

interface Node { id: string; label: string; contextValue: string }

const BAD_LINE = "this line is not INI";

/** One profile of each kind a user has, good and broken. */
function profilesText(): string[] {
  return [
    "; a realistic file: one of each kind",
    "[pat]",
    `host  = ${emulatorUrl()}/`,
    `token = ${patFromConfig()}`,
    "",
    "[browser-login]",
    `host      = ${emulatorUrl()}`,
    "auth_type = databricks-cli",
    "",
    "[azure]",
    "host = https://adb-123.4.azuredatabricks.net",
    "auth_type = azure-cli",
    "",
    "[azure-keys]",
    "host = https://adb-123.4.azuredatabricks.net",
    "azure_workspace_resource_id = /subscriptions/s/resourceGroups/g/providers/Microsoft.Databricks/workspaces/w",
    "",
    "[both]",
    `host      = ${emulatorUrl()}`,
    `token     = ${patFromConfig()}`,
    "client_id = some-app",
    "",
    "[no-host]",
    "token = dapi0000",
    "",
  ];
}

describe("profiles", function () {
  this.timeout(60000);
  let api: LakebaseApi;
  let dir: string;
  const config = vscode.workspace.getConfiguration("lakebase");

  before(async () => {
    api = await activateExtension<LakebaseApi>();
    dir = mkdtempSync(path.join(tmpdir(), "lakebase-profiles-"));
    const repo = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    const cli = path.join(dir, "databricks");
    copyFileSync(path.join(repo, "test", "fixtures", "fake-databricks-cli", "databricks"), cli);
    chmodSync(cli, 0o755);
    // The stand-in CLI reads its scenario from the environment the extension passes on.
    process.env.FAKE_DATABRICKS_SCENARIO = "refresh-token-invalid";
    process.env.FAKE_DATABRICKS_TOKEN = patFromConfig();
    writeFileSync(path.join(dir, "databrickscfg"), [...profilesText(), BAD_LINE, ""].join("\n"));
    await config.update("databricksCliPath", cli, vscode.ConfigurationTarget.Global);
    await config.update("configFile", path.join(dir, "databrickscfg"), vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await config.update("configFile", undefined, vscode.ConfigurationTarget.Global);
    await config.update("databricksCliPath", undefined, vscode.ConfigurationTarget.Global);
    delete process.env.FAKE_DATABRICKS_SCENARIO;
    delete process.env.FAKE_DATABRICKS_TOKEN;
    // Later suites expect the emulator's own config file again.
    await waitFor("the emulator profiles back", () => (api.profiles().some((p) => p.name === "emulator") ? true : undefined));
  });

  const stateOf = (name: string) => api.profiles().find((p) => p.name === name);

  it("a line the CLI cannot read: no profile is usable, none is the default, the tree names the line without quoting it", async () => {
    await waitFor("the new config file", () => (stateOf("browser-login") ? true : undefined));
    const badLine = profilesText().length + 1;
    const roots = await vscode.commands.executeCommand<Node[]>("lakebase.explorer.children");
    assert.deepEqual(roots.filter((n) => n.id.startsWith("profile::")).map((n) => n.label).sort(), ["azure", "azure-keys", "both", "browser-login", "no-host", "pat"]);
    const problem = roots.find((n) => n.contextValue === "lakebase.configProblem");
    assert.ok(problem, "the unreadable line is shown in the tree");
    assert.match(problem.label, new RegExp(`databrickscfg:${badLine}: not a \\[section\\]`));
    assert.ok(!problem.label.includes(BAD_LINE), "the line itself is never quoted");
    for (const p of api.profiles()) {
      assert.equal(p.state, "unusable", p.name);
      assert.equal(p.isDefault, false, p.name);
      assert.match(p.reason ?? "", new RegExp(`cannot load this file: line ${badLine} `), p.name);
    }
  });

  it("once the line is fixed: each profile with its auth type and state", async () => {
    writeFileSync(path.join(dir, "databrickscfg"), profilesText().join("\n"));
    await waitFor("the fixed file", () => (stateOf("pat")?.state !== "unusable" ? true : undefined));
    const roots = await vscode.commands.executeCommand<Node[]>("lakebase.explorer.children");
    assert.ok(!roots.some((n) => n.contextValue === "lakebase.configProblem"), "the fixed line no longer shows as a problem");

    await waitFor("validation", () => (stateOf("pat")?.state === "valid" && stateOf("browser-login")?.state === "needs-login" ? true : undefined));
    assert.equal(stateOf("pat")?.host, emulatorUrl(), "host normalized (trailing slash dropped)");
    assert.equal(stateOf("browser-login")?.authType, "databricks-cli");
    assert.match(stateOf("browser-login")?.reason ?? "", /databricks auth login --host .* --profile browser-login/);
    assert.equal(stateOf("azure")?.state, "unsupported");
    assert.match(stateOf("azure")?.reason ?? "", /azure-cli/);
    assert.equal(stateOf("azure-keys")?.state, "unsupported", "Azure keys are Azure auth, not a CLI login");
    assert.match(stateOf("azure-keys")?.reason ?? "", /azure_workspace_resource_id selects Azure authentication/);
    assert.equal(stateOf("both")?.state, "unusable");
    assert.equal(stateOf("both")?.authType, undefined);
    assert.match(stateOf("both")?.reason ?? "", /more than one authorization method configured: oauth and pat/);
    assert.equal(stateOf("no-host")?.state, "unusable");
    assert.match(stateOf("no-host")?.reason ?? "", /host/);
  });

  it("a U2M profile becomes valid once the CLI can give a token again (after a sign-in)", async () => {
    process.env.FAKE_DATABRICKS_SCENARIO = "ok";
    await vscode.commands.executeCommand("lakebase.explorer.refresh");
    await waitFor("browser-login valid", () => (stateOf("browser-login")?.state === "valid" ? true : undefined));
    assert.equal(stateOf("browser-login")?.reason, undefined);
  });

  it("follows edits to the file without a reload", async () => {
    const file = path.join(dir, "databrickscfg");
    writeFileSync(file, `${readFileSync(file, "utf8")}\n[added]\nhost = https://example.cloud.databricks.com\ntoken = dapi1234567890\n`);
    await waitFor("the added profile", () => (stateOf("added") ? true : undefined));
    assert.equal(stateOf("added")?.authType, "pat");
    assert.equal(stateOf("added")?.host, "https://example.cloud.databricks.com");
  });
});
