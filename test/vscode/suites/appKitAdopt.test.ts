// A folder made by `databricks apps init`: its .env (profile, endpoint, database) becomes the target
// after one confirmation, and only then.
import assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as vscode from "vscode";
import { activateExtension, ensureProject, stubWindow, workspaceFolder } from "../support/emulatorRest";

interface Target { profile: string; endpoint: string; database: string }

describe("AppKit projects", function () {
  this.timeout(90_000);
  let envFile: string;
  let savedEnv: string | undefined;
  let savedTarget: Target | undefined;
  let endpoint: string;

  before(async () => {
    await activateExtension();
    endpoint = await ensureProject("appkit-app", "AppKit app");
    envFile = path.join(workspaceFolder().uri.fsPath, ".env");
    savedEnv = existsSync(envFile) ? readFileSync(envFile, "utf8") : undefined;
    savedTarget = await vscode.commands.executeCommand<Target | undefined>("lakebase.target.show");
    writeFileSync(envFile, [
      "DATABRICKS_CONFIG_PROFILE=emulator",
      "PGHOST=ignored-by-adoption.example.com",
      "PGPORT=5432",
      "PGDATABASE=databricks_postgres",
      "PGSSLMODE=require",
      `LAKEBASE_ENDPOINT=${endpoint}`,
      "",
    ].join("\r\n"));
  });

  after(async () => {
    if (savedEnv === undefined) rmSync(envFile, { force: true }); else writeFileSync(envFile, savedEnv);
    await vscode.commands.executeCommand("lakebase.target.clear");
    if (savedTarget) await vscode.commands.executeCommand("lakebase.target.select", { profile: savedTarget.profile, endpoint: savedTarget.endpoint, database: savedTarget.database });
  });

  it("Not Now changes nothing", async () => {
    await vscode.commands.executeCommand("lakebase.target.clear");
    const stub = stubWindow("showInformationMessage", () => "Not Now");
    try {
      assert.equal(await vscode.commands.executeCommand("lakebase.target.adoptFromEnv"), undefined);
    } finally { stub.restore(); }
    assert.equal(stub.calls.length, 1);
    assert.equal(await vscode.commands.executeCommand("lakebase.target.show"), undefined);
  });

  it("after one confirmation naming profile, endpoint and database, the .env's endpoint is the folder's target", async () => {
    await vscode.commands.executeCommand("lakebase.target.clear");
    const stub = stubWindow("showInformationMessage", (...args: unknown[]) => (String(args[0]).includes("Use it as this folder's target") ? "Use It" : undefined));
    let target: Target | undefined;
    try {
      target = await vscode.commands.executeCommand<Target>("lakebase.target.adoptFromEnv");
    } finally { stub.restore(); }
    const question = String(stub.calls[0]?.[0]);
    assert.match(question, /uses profile emulator, endpoint projects\/appkit-app\/branches\/production\/endpoints\/primary, database databricks_postgres/);
    assert.deepEqual(stub.calls[0]!.slice(1), ["Use It", "Not Now"]);
    assert.equal(target?.profile, "emulator");
    assert.equal(target?.endpoint, endpoint);
    assert.equal(target?.database, "databricks_postgres");
    const shown = await vscode.commands.executeCommand<Target>("lakebase.target.show");
    assert.equal(shown?.endpoint, endpoint);
  });

  it("writing .env afterwards keeps the project's keys: DATABRICKS_CONFIG_PROFILE stays, no DATABRICKS_HOST appears", async () => {
    const report = await vscode.commands.executeCommand<{ file: string; changed: string[]; added: string[] }>("lakebase.env.write", { file: ".env", example: false });
    assert.equal(report.file, envFile);
    const text = readFileSync(envFile, "utf8");
    assert.match(text, /^DATABRICKS_CONFIG_PROFILE=emulator\r\n/);
    assert.doesNotMatch(text, /DATABRICKS_HOST/);
    assert.ok(report.changed.includes("PGHOST"), "the stale PGHOST is rewritten");
    assert.ok(!report.added.includes("DATABRICKS_HOST"));
  });
});
