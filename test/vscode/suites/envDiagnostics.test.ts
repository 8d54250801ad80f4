// Diagnostics in the .env editor, on a real file and the emulator: a PGHOST that is not the
// endpoint's, required keys missing, expired tokens, an endpoint that does not exist — and the
// "Rewrite from target" quick fix, through the lossless env writer. No secret in any message.
import * as assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { parseEnv } from "../../../src/core/envfile/dotenvScan";
import { tokenExpiry } from "../../../src/core/envfile/tokenExpiry";
import { activateExtension, ensureProject, patFromConfig, rest, screenshot, waitFor, workspaceFolder } from "../support/emulatorRest";

interface Target { profile: string; endpoint: string; database: string; host: string }

function jwt(exp: number): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${enc({ alg: "RS256", typ: "JWT" })}.${enc({ sub: "dev@example.com", exp })}.${Buffer.from("a-signature-of-32-bytes-for-test").toString("base64url")}`;
}

function lakebaseDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === "Lakebase");
}

describe(".env diagnostics and quick fixes", function () {
  this.timeout(90_000);
  let file: string;
  let endpoint: string;
  let host: string;
  let savedTarget: Target | undefined;

  before(async () => {
    await activateExtension();
    endpoint = await ensureProject("env-diagnostics", "Env diagnostics");
    host = (await rest("GET", `/api/2.0/postgres/${endpoint}`)).json.status.hosts.host;
    savedTarget = await vscode.commands.executeCommand<Target | undefined>("lakebase.target.show");
    await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint });
    file = path.join(workspaceFolder().uri.fsPath, ".env.development");
  });

  after(async () => {
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    rmSync(file, { force: true });
    await vscode.commands.executeCommand("lakebase.target.clear");
    if (savedTarget) await vscode.commands.executeCommand("lakebase.target.select", { profile: savedTarget.profile, endpoint: savedTarget.endpoint, database: savedTarget.database });
  });

  it("flags a stale PGHOST, missing keys and expired tokens; Rewrite from target fixes them all and keeps the profile key", async () => {
    const oldToken = jwt(Math.floor(Date.now() / 1000) - 40 * 60);
    const oldPassword = jwt(Math.floor(Date.now() / 1000) - 2 * 3600);
    writeFileSync(file, [
      "# databricks apps init",
      "DATABRICKS_CONFIG_PROFILE=emulator",
      "PGHOST=stale-host.example.com",
      "PGDATABASE=databricks_postgres",
      `LAKEBASE_ENDPOINT=${endpoint}`,
      `DATABRICKS_TOKEN=${oldToken}`,
      `PGPASSWORD=${oldPassword}`,
      "DATABRICKS_APP_PORT=8000",
      "",
    ].join("\r\n"));
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const diags = await waitFor("the .env's diagnostics", () => { const d = lakebaseDiagnostics(doc.uri); return d.length >= 4 ? d : undefined; });
    const keyOf = (d: vscode.Diagnostic) => doc.lineAt(d.range.start.line).text.split("=")[0];
    const byCode = Object.fromEntries(diags.map((d) => [d.code === "expired-token" ? `expired-token:${keyOf(d)}` : String(d.code), d]));
    assert.deepEqual(Object.keys(byCode).sort(), ["expired-token:DATABRICKS_TOKEN", "expired-token:PGPASSWORD", "missing-keys", "pghost-not-endpoint"]);
    const pghost = byCode["pghost-not-endpoint"]!;
    assert.equal(doc.getText(pghost.range), "stale-host.example.com");
    assert.equal(pghost.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(pghost.message, new RegExp(`PGHOST stale-host\\.example\\.com is not a host of endpoint ${endpoint.replace(/\//g, "\\/")} \\(${host.replace(/\./g, "\\.")}`));
    assert.match(byCode["missing-keys"]!.message, /^Missing PGPORT, PGSSLMODE:/);
    assert.match(byCode["expired-token:DATABRICKS_TOKEN"]!.message, /^DATABRICKS_TOKEN expired 40 min ago/);
    assert.match(byCode["expired-token:PGPASSWORD"]!.message, /^PGPASSWORD expired 2 h ago/);
    for (const d of diags) {
      for (const secret of [oldToken, oldPassword, oldToken.split(".")[2]!]) assert.ok(!d.message.includes(secret), `a token in "${d.message}"`);
    }
    await vscode.commands.executeCommand("notifications.clearAll");
    await vscode.commands.executeCommand("workbench.actions.view.problems");
    await screenshot("env-diagnostics", "1000x640");
    await vscode.commands.executeCommand("workbench.action.closePanel");

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", doc.uri, pghost.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title.startsWith("Rewrite from target"));
    assert.ok(fix?.command, `a Rewrite from target quick fix among ${actions.map((a) => a.title).join(", ")}`);
    assert.equal(fix.title, "Rewrite from target (production · databricks_postgres)");
    assert.equal(fix.isPreferred, true);
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));

    await waitFor("the diagnostics to clear", () => (lakebaseDiagnostics(doc.uri).length === 0 ? true : undefined));
    const env = parseEnv(readFileSync(file, "utf8"));
    assert.equal(env.get("PGHOST"), host);
    assert.equal(env.get("PGPORT"), "5432");
    assert.equal(env.get("PGSSLMODE"), "require");
    assert.equal(env.get("DATABRICKS_CONFIG_PROFILE"), "emulator");
    assert.equal(env.has("DATABRICKS_HOST"), false, "the project names its profile, not a host");
    assert.ok(env.get("DATABRICKS_TOKEN") === patFromConfig(), "DATABRICKS_TOKEN is the profile's token again");
    assert.ok((tokenExpiry(env.get("PGPASSWORD") ?? "")?.getTime() ?? 0) > Date.now(), "PGPASSWORD is a credential valid now");
    assert.equal(env.get("DATABRICKS_APP_PORT"), "8000", "the app's own lines stay");
    assert.ok(readFileSync(file, "utf8").startsWith("# databricks apps init\r\nDATABRICKS_CONFIG_PROFILE=emulator\r\nPGHOST="), "in place, CRLF kept");
  });

  it("a LAKEBASE_ENDPOINT that does not exist is an error on its value, with the same fix", async () => {
    const gone = "projects/env-diagnostics/branches/deleted-feature/endpoints/primary";
    writeFileSync(file, `DATABRICKS_CONFIG_PROFILE=emulator\nLAKEBASE_ENDPOINT=${gone}\nPGHOST=${host}\nPGPORT=5432\nPGDATABASE=databricks_postgres\nPGSSLMODE=require\n`);
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const [d, ...rest] = await waitFor("the unknown endpoint's diagnostic", () => { const x = lakebaseDiagnostics(doc.uri); return x.some((y) => y.code === "unknown-endpoint") ? x : undefined; });
    assert.deepEqual(rest, []);
    assert.equal(d!.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(doc.getText(d!.range), gone);
    assert.match(d!.message, /does not exist in the workspace.*This folder's target is projects\/env-diagnostics\/branches\/production\/endpoints\/primary/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>("vscode.executeCodeActionProvider", doc.uri, d!.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title.startsWith("Rewrite from target"));
    assert.ok(fix?.command);
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    await waitFor("the diagnostics to clear", () => (lakebaseDiagnostics(doc.uri).length === 0 ? true : undefined));
    assert.equal(parseEnv(readFileSync(file, "utf8")).get("LAKEBASE_ENDPOINT"), endpoint);
  });

  it("an .env without Lakebase keys gets none", async () => {
    const other = path.join(workspaceFolder().uri.fsPath, ".env.test");
    writeFileSync(other, "API_KEY=abc\nPORT=3000\n");
    try {
      const doc = await vscode.workspace.openTextDocument(other);
      await vscode.window.showTextDocument(doc);
      // The Lakebase file beside it is checked in the same pass: once it has its verdict, so has this one.
      writeFileSync(file, `LAKEBASE_ENDPOINT=${endpoint}\nPGHOST=elsewhere.example.com\n`);
      const lb = await vscode.workspace.openTextDocument(file);
      await vscode.window.showTextDocument(lb, { preview: false });
      await waitFor("the Lakebase file's diagnostics", () => (lakebaseDiagnostics(lb.uri).length > 0 ? true : undefined));
      assert.deepEqual(lakebaseDiagnostics(doc.uri), []);
    } finally { rmSync(other, { force: true }); }
  });
});
