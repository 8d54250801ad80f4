// The sign-in command in a real VS Code: it types `databricks auth login` into the user's shell,
// quoted for that shell (here the test host's default shell), or runs the CLI without a shell.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as vscode from "vscode";
import { activateExtension } from "../support/emulatorRest";

describe("sign-in terminal", function () {
  this.timeout(30000);
  before(async () => { await activateExtension(); });

  it("quotes a hostile profile name for the user's shell: the CLI receives it as one argument", async () => {
    const win = vscode.window as unknown as { createTerminal: (...a: unknown[]) => unknown };
    const original = win.createTerminal;
    const created: Array<{ options: vscode.TerminalOptions; sent: string[] }> = [];
    win.createTerminal = (options: unknown) => {
      const record = { options: options as vscode.TerminalOptions, sent: [] as string[] };
      created.push(record);
      return { show: () => undefined, sendText: (t: string) => { record.sent.push(t); }, dispose: () => undefined };
    };
    const profile = `it's $(id) "x" ; y`;
    try {
      await vscode.commands.executeCommand("lakebase.profiles.login", { profile, host: "https://example.cloud.databricks.com" });
    } finally {
      win.createTerminal = original;
    }
    assert.equal(created.length, 1);
    const [{ options, sent }] = created;
    assert.equal(options.env?.DATABRICKS_TOKEN, null, "the CLI does not see an inherited DATABRICKS_TOKEN");
    if (options.shellPath) {
      // A shell we cannot quote for: the CLI runs directly, each argument intact.
      assert.deepEqual(options.shellArgs, ["auth", "login", "--host=https://example.cloud.databricks.com", `--profile=${profile}`]);
      assert.deepEqual(sent, []);
      return;
    }
    assert.equal(sent.length, 1);
    // The test host's shell is POSIX: run the typed line with printf in place of the CLI.
    const cli = sent[0]!.split(" ")[0]!;
    const out = execFileSync("/bin/sh", ["-c", `printf '%s\\n' ${sent[0]!.slice(cli.length + 1)}`], { encoding: "utf8" });
    assert.deepEqual(out.split("\n").slice(0, -1), ["auth", "login", "--host=https://example.cloud.databricks.com", `--profile=${profile}`]);
  });
});
