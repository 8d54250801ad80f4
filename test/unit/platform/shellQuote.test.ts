import assert from "node:assert/strict";
import { commandLine, quoteArg, shellKindFor } from "../../../src/core/platform/shellQuote";

describe("platform: terminal commands quoted for the shell that runs them", () => {
  it("picks the shell from the terminal's executable and the platform", () => {
    assert.equal(shellKindFor("win32", "C:\\Program Files\\PowerShell\\7\\pwsh.exe"), "powershell");
    assert.equal(shellKindFor("win32", "C:\\WINDOWS\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"), "powershell");
    assert.equal(shellKindFor("win32", "C:\\Windows\\System32\\cmd.exe"), "cmd");
    assert.equal(shellKindFor("win32", "C:\\Program Files\\Git\\bin\\bash.exe"), "posix");
    assert.equal(shellKindFor("win32", undefined), "powershell"); // VS Code's default terminal on Windows
    assert.equal(shellKindFor("darwin", "/bin/zsh"), "posix");
    assert.equal(shellKindFor("linux", "/usr/bin/pwsh"), "powershell");
  });

  it("POSIX: plain words stay bare, anything else in single quotes", () => {
    assert.equal(quoteArg("dev-1", "posix"), "dev-1");
    assert.equal(quoteArg("https://x.cloud.databricks.com", "posix"), "https://x.cloud.databricks.com");
    assert.equal(quoteArg("it's $HOME `x`", "posix"), "'it'\\''s $HOME `x`'");
    assert.equal(quoteArg("", "posix"), "''");
    assert.equal(quoteArg("=ls", "posix"), "'=ls'"); // zsh would expand =ls to a path
  });

  it("PowerShell: single quotes with ' (and the typographic quotes PowerShell also reads as ') doubled; a quoted program gets &", () => {
    assert.equal(quoteArg("C:\\Program Files\\Databricks\\databricks.exe", "powershell"), "'C:\\Program Files\\Databricks\\databricks.exe'");
    assert.equal(quoteArg("O'Brien $env:X", "powershell"), "'O''Brien $env:X'");
    assert.equal(quoteArg("a\u2019b", "powershell"), "'a\u2019\u2019b'");
    assert.equal(commandLine(["C:\\Program Files\\Databricks\\databricks.exe", "auth", "login", "--profile", "my dev"], "powershell"),
      "& 'C:\\Program Files\\Databricks\\databricks.exe' auth login --profile 'my dev'");
    assert.equal(commandLine(["databricks", "auth", "login"], "powershell"), "databricks auth login");
    // , makes an array, @ splats, --% stops parsing: all quoted.
    assert.deepEqual(["a,b", "@x", "--%", "--profile"].map((a) => quoteArg(a, "powershell")), ["'a,b'", "'@x'", "'--%'", "--profile"]);
  });

  it("cmd: double quotes; a trailing backslash is doubled so it does not escape the closing quote", () => {
    assert.equal(quoteArg("C:\\Program Files\\Databricks\\databricks.exe", "cmd"), "\"C:\\Program Files\\Databricks\\databricks.exe\"");
    assert.equal(quoteArg("C:\\my dir\\", "cmd"), "\"C:\\my dir\\\\\"");
    assert.equal(quoteArg("a&b|c", "cmd"), "\"a&b|c\"");
    assert.equal(commandLine(["C:\\Program Files\\db\\databricks.exe", "auth", "login", "--profile", "dev"], "cmd"), "\"C:\\Program Files\\db\\databricks.exe\" auth login --profile dev");
  });

  it("cmd: refuses what it cannot quote (%, \", newlines) with an actionable error instead of running something else", () => {
    assert.throws(() => quoteArg("100%done", "cmd"), /cmd\.exe.*%.*PowerShell/);
    assert.throws(() => quoteArg("say \"hi\"", "cmd"), /cmd\.exe/);
    assert.throws(() => quoteArg("a\nb", "posix"), /line break/);
  });
});
