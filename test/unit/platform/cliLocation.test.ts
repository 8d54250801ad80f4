import assert from "node:assert/strict";
import { cliCandidates, findCli, findCliLocation } from "../../../src/core/platform/cliLocation";

/** A file system that holds exactly these executables. */
const fs = (...files: string[]) => (p: string) => files.includes(p);

describe("platform: where the databricks CLI is found", () => {
  it("Windows: databricks.exe on PATH (semicolons, quoted entries, PATHEXT), not a bare `databricks`", () => {
    const env = { Path: 'C:\\Windows;"C:\\Program Files\\Databricks CLI";C:\\tools', PATHEXT: ".COM;.EXE;.BAT;.CMD" };
    const exe = "C:\\Program Files\\Databricks CLI\\databricks.exe";
    assert.equal(findCli({ platform: "win32", env }, fs(exe, "C:\\tools\\databricks")), exe);
  });

  it("Windows: the WinGet link, then the WinGet package folder, when PATH has no CLI", () => {
    const env = { PATH: "C:\\Windows", LOCALAPPDATA: "C:\\Users\\Ada Lovelace\\AppData\\Local", USERPROFILE: "C:\\Users\\Ada Lovelace" };
    const link = "C:\\Users\\Ada Lovelace\\AppData\\Local\\Microsoft\\WinGet\\Links\\databricks.exe";
    assert.equal(findCli({ platform: "win32", env }, fs(link)), link);
    const pkgDir = "C:\\Users\\Ada Lovelace\\AppData\\Local\\Microsoft\\WinGet\\Packages";
    const listDir = (dir: string) => (dir === pkgDir ? ["Other.Tool_x", "Databricks.DatabricksCLI_Microsoft.Winget.Source_8wekyb3d8bbwe"] : []);
    const inPackage = `${pkgDir}\\Databricks.DatabricksCLI_Microsoft.Winget.Source_8wekyb3d8bbwe\\databricks.exe`;
    assert.equal(findCli({ platform: "win32", env, listDir }, fs(inPackage)), inPackage);
  });

  it("macOS started from the Dock (PATH=/usr/bin:/bin:/usr/sbin:/sbin): Homebrew's /opt/homebrew/bin, then /usr/local/bin", () => {
    const env = { PATH: "/usr/bin:/bin:/usr/sbin:/sbin", HOME: "/Users/ada" };
    assert.equal(findCli({ platform: "darwin", env }, fs("/opt/homebrew/bin/databricks", "/usr/local/bin/databricks")), "/opt/homebrew/bin/databricks");
    assert.deepEqual(findCliLocation({ platform: "darwin", env }, fs("/usr/local/bin/databricks")), { path: "/usr/local/bin/databricks", from: "install-place" });
    const order = cliCandidates({ platform: "darwin", env });
    assert.ok(order.indexOf("/opt/homebrew/bin/databricks") < order.indexOf("/usr/local/bin/databricks"));
  });

  it("PATH wins over the usual places, in PATH order", () => {
    const env = { PATH: "/home/ada/bin:/usr/bin", HOME: "/home/ada" };
    assert.deepEqual(findCliLocation({ platform: "linux", env }, fs("/usr/bin/databricks", "/home/ada/bin/databricks", "/usr/local/bin/databricks")), { path: "/home/ada/bin/databricks", from: "PATH" });
  });

  it("a setting (with ~, spaces or backslashes) is used as given; Windows adds .exe when it has no extension", () => {
    assert.equal(findCli({ platform: "linux", env: { HOME: "/home/ada" }, setting: "~/my tools/databricks" }, fs()), "/home/ada/my tools/databricks");
    const env = { USERPROFILE: "C:\\Users\\ada" };
    assert.equal(findCli({ platform: "win32", env, setting: "~\\cli\\databricks" }, fs("C:\\Users\\ada\\cli\\databricks.exe")), "C:\\Users\\ada\\cli\\databricks.exe");
    assert.equal(findCli({ platform: "win32", env, setting: "D:\\Databricks CLI\\databricks.exe" }, fs()), "D:\\Databricks CLI\\databricks.exe");
  });

  it("nothing found: the bare name, so the spawn error says the CLI is missing (and no place is probed twice)", () => {
    assert.equal(findCli({ platform: "darwin", env: { PATH: "/usr/bin:/usr/bin" } }, fs()), "databricks");
    assert.deepEqual(findCliLocation({ platform: "win32", env: {} }, fs()), { path: "databricks.exe", from: "not-found" });
    const all = cliCandidates({ platform: "linux", env: { PATH: "/usr/local/bin:/usr/local/bin", HOME: "/h" } });
    assert.equal(new Set(all).size, all.length);
    // Empty PATH entries would mean the current folder: never probed.
    assert.ok(cliCandidates({ platform: "linux", env: { PATH: ":/usr/bin:" } }).every((c) => c.startsWith("/")));
  });
});
