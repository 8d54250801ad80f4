import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { quoteArg, shellKind, signInLaunch } from "../../../src/ui/profiles/signInCommand";

const HOST = "https://adb-1.azuredatabricks.net";

describe("sign-in terminal command", () => {
  it("knows the shell family from the shell path and platform", () => {
    assert.equal(shellKind("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", "win32"), "powershell");
    assert.equal(shellKind("C:\\Program Files\\PowerShell\\7\\pwsh.exe", "win32"), "powershell");
    assert.equal(shellKind("/usr/local/bin/pwsh", "darwin"), "powershell");
    assert.equal(shellKind("C:\\Windows\\System32\\cmd.exe", "win32"), "cmd");
    assert.equal(shellKind("C:\\Program Files\\Git\\bin\\bash.exe", "win32"), "posix");
    assert.equal(shellKind("/bin/zsh", "darwin"), "posix");
    assert.equal(shellKind("/usr/bin/fish", "linux"), undefined);
    assert.equal(shellKind("", "win32"), "powershell");
    assert.equal(shellKind(undefined, "linux"), "posix");
  });

  it("quotes for PowerShell: single quotes doubled, the call operator for a quoted program", () => {
    const launch = signInLaunch({ cli: "C:\\Program Files\\Databricks\\databricks.exe", host: HOST, profile: "it's $env:USERNAME; calc" }, "pwsh.exe", "win32");
    assert.deepEqual(launch, {
      kind: "shell", shell: "powershell",
      text: `& 'C:\\Program Files\\Databricks\\databricks.exe' 'auth' 'login' '--host=${HOST}' '--profile=it''s $env:USERNAME; calc'`,
    });
    assert.equal(quoteArg("a\u2019b", "powershell"), "'a\u2019\u2019b'");
  });

  it("quotes for cmd, and runs without a shell when cmd cannot carry a value", () => {
    const launch = signInLaunch({ cli: "C:\\Tools\\databricks.exe", host: HOST, profile: "dev & del *" }, "cmd.exe", "win32");
    assert.deepEqual(launch, { kind: "shell", shell: "cmd", text: `C:\\Tools\\databricks.exe auth login --host=${HOST} "--profile=dev & del *"` });
    assert.equal(quoteArg("C:\\dir with space\\", "cmd"), '"C:\\dir with space\\\\"');
    for (const profile of ["100%USERPROFILE%", 'say "hi"', "bang!"]) {
      assert.deepEqual(signInLaunch({ cli: "databricks", host: HOST, profile }, "cmd.exe", "win32"), {
        kind: "direct", shellPath: "databricks", shellArgs: ["auth", "login", `--host=${HOST}`, `--profile=${profile}`],
      });
    }
  });

  it("runs without a shell for a shell it does not know, or a control character", () => {
    assert.equal(signInLaunch({ cli: "databricks", host: HOST, profile: "dev" }, "/usr/bin/fish", "linux").kind, "direct");
    assert.equal(signInLaunch({ cli: "databricks", host: HOST, profile: "dev\nrm -rf ~" }, "/bin/bash", "linux").kind, "direct");
  });

  it("POSIX quoting survives a real sh: every argument arrives exactly", () => {
    const profile = `it's "$HOME" \`id\` $(id) ; | & * \\ é`;
    const launch = signInLaunch({ cli: "printf", host: HOST, profile }, "/bin/sh", "linux");
    assert.equal(launch.kind, "shell");
    if (launch.kind !== "shell") return;
    // printf '%s\n' prints each argument on its own line: the shell split and unquoted them.
    const out = execFileSync("/bin/sh", ["-c", launch.text.replace(/^printf /, "printf '%s\\n' ")], { encoding: "utf8" });
    assert.deepEqual(out.split("\n").slice(0, -1), ["auth", "login", `--host=${HOST}`, `--profile=${profile}`]);
  });
});
