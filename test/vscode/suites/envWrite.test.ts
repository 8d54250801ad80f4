// `lakebase.env.write` in a real VS Code against the emulator: the file it writes is enough for the
// OFFICIAL @databricks/lakebase driver to connect; a second write changes nothing; .env.example
// gets placeholders; no token reaches the log; keep-fresh rewrites PGPASSWORD before it expires.
import * as assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import * as path from "node:path";
import * as vscode from "vscode";
import { parseEnv } from "../../../src/core/envfile/dotenvScan";
import type { EnvWriteResult } from "../../../src/ui/env/envWriteCommand";
import { EXTENSION_ID, activateExtension, admin, ensureProject, extraCaFile, lakebaseLog, patFromConfig, waitFor, workspaceFolder, emuSsl } from "../support/emulatorRest";

const PROJECT = "vscode-envfile";
const write = (arg: unknown) => vscode.commands.executeCommand<EnvWriteResult | undefined>("lakebase.env.write", arg);

/**
 * Runs the official driver in its own Node process with nothing but the file's variables, as an
 * app started with the .env would; it trusts the emulator's CA the way any Node app trusts a
 * private CA (NODE_EXTRA_CA_CERTS), and the driver's `require` verifies the certificate.
 */
async function driverSelect(vars: Map<string, string>): Promise<unknown> {
  const repo = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
  const script = [
    'const { createLakebasePool } = require("@databricks/lakebase");',
    // `ssl.host` only because the emulator's hosts are IPs: the driver's own pg (8.18) checks an IP
    // host as "localhost" (newer pg passes the host); real Lakebase hosts are DNS names.
    "const pool = createLakebasePool({ logger: { error: false }, ssl: { rejectUnauthorized: true, host: process.env.PGHOST } });",
    'pool.query("SELECT 1 AS one, current_user AS who")',
    "  .then((r) => { process.stdout.write(JSON.stringify(r.rows)); return pool.end(); })",
    "  .catch((e) => { process.stderr.write(String(e && e.message)); process.exit(1); });",
  ].join("\n");
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, ELECTRON_RUN_AS_NODE: "1", NODE_EXTRA_CA_CERTS: extraCaFile(), ...Object.fromEntries(vars) };
  const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], { cwd: repo, env, timeout: 60_000 });
  return JSON.parse(stdout);
}

/** Runs `fn` with the file's variables in process.env, as `dotenv` would load them; restores after. */
async function withEnv<T>(vars: Map<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = new Map<string, string | undefined>();
  for (const k of ["DATABRICKS_CONFIG_PROFILE", "DATABRICKS_CLIENT_ID", "DATABRICKS_CLIENT_SECRET", ...vars.keys()]) saved.set(k, process.env[k]);
  // Nothing but the file: no profile or stray auth from the test host's environment.
  for (const k of ["DATABRICKS_CONFIG_PROFILE", "DATABRICKS_CLIENT_ID", "DATABRICKS_CLIENT_SECRET"]) delete process.env[k];
  for (const [k, v] of vars) process.env[k] = v;
  try {
    return await fn();
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

const logText = () => lakebaseLog(/Env file .*\.env/);

describe("env: lakebase.env.write", function () {
  this.timeout(120_000);
  let folder: string;
  let endpoint: string;
  const files = () => [".env", ".env.example", ".env.local"].map((f) => path.join(folder, f));

  before(async () => {
    await activateExtension();
    folder = workspaceFolder().uri.fsPath;
    endpoint = await ensureProject(PROJECT);
    for (const f of files()) rmSync(f, { force: true });
    await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint, database: "databricks_postgres" });
  });

  after(async () => {
    await vscode.workspace.getConfiguration("lakebase.env").update("keepFresh", undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.getConfiguration("lakebase.env").update("keepFreshPgPassword", undefined, vscode.ConfigurationTarget.Workspace);
    await admin("credentials/lifetime", { seconds: null });
    await vscode.commands.executeCommand("lakebase.target.clear");
    for (const f of files()) rmSync(f, { force: true });
    rmSync(path.join(folder, "gitapp"), { recursive: true, force: true });
  });

  it("writes a .env the official driver connects with (SELECT 1)", async () => {
    const report = await write({ file: ".env", includeToken: true });
    assert.ok(report, "the command returns its report");
    assert.equal(report.upToDate, false);
    assert.equal(report.created, true);
    assert.deepEqual(report.added.sort(), ["DATABRICKS_HOST", "DATABRICKS_TOKEN", "LAKEBASE_ENDPOINT", "PGDATABASE", "PGHOST", "PGPORT", "PGSSLMODE", "PGUSER"]);
    assert.equal(report.token?.kind, "pat");
    assert.deepEqual(report.secretsInFile, ["DATABRICKS_TOKEN"]);

    const file = path.join(folder, ".env");
    const env = parseEnv(readFileSync(file, "utf8"));
    assert.equal(env.get("LAKEBASE_ENDPOINT"), endpoint);
    // Issue #10 changes this expectation: the emulator speaks TLS, and .env files say `require`
    // (the strictest mode the cookbook and @databricks/lakebase accept; their require verifies).
    assert.equal(env.get("PGSSLMODE"), "require");
    assert.equal(env.get("DATABRICKS_TOKEN"), patFromConfig());
    if (process.platform !== "win32") assert.equal(statSync(file).mode & 0o777, 0o600, "a file with a token is owner-only");

    const rows = await driverSelect(env);
    assert.deepEqual(rows, [{ one: 1, who: env.get("PGUSER") }]);

    // The committed twin: real connection values, placeholders for the token and the person.
    const example = parseEnv(readFileSync(path.join(folder, ".env.example"), "utf8"));
    assert.equal(example.get("DATABRICKS_TOKEN"), "<your-databricks-token>");
    assert.equal(example.get("PGUSER"), "<your-databricks-username>");
    assert.equal(example.get("LAKEBASE_ENDPOINT"), endpoint);
    assert.ok(!readFileSync(path.join(folder, ".env.example"), "utf8").includes(patFromConfig()));
  });

  it("a second write with nothing new reports up to date and leaves both files untouched", async () => {
    const [envFile, exampleFile] = files();
    const before = [statSync(envFile!).mtimeMs, statSync(exampleFile!).mtimeMs, readFileSync(envFile!, "utf8")];
    await new Promise((r) => setTimeout(r, 20));
    const report = await write({ file: ".env", includeToken: true });
    assert.equal(report?.upToDate, true);
    assert.deepEqual([...report!.changed, ...report!.added], []);
    assert.equal(report?.example?.upToDate, true);
    assert.deepEqual([statSync(envFile!).mtimeMs, statSync(exampleFile!).mtimeMs, readFileSync(envFile!, "utf8")], before);
  });

  it("merges instead of clobbering, and reports duplicates without resolving them", async () => {
    // Issue #10 changed this: with PGHOST assigned twice no key is written (all or none), and the
    // report names the lines to fix; once fixed, the merge keeps every other line.
    const file = path.join(folder, ".env.local");
    const original = "# my app\nAPP_PORT=3000 # keep me\nPGHOST=old-host\nPGHOST=other-host\n";
    writeFileSync(file, original);
    const report = await write({ file: ".env.local", example: false });
    assert.deepEqual(report?.duplicates, ["PGHOST"]);
    assert.deepEqual(report?.duplicateLines, { PGHOST: [3, 4] });
    assert.match(report?.refused ?? "", /PGHOST \(lines 3 and 4\).*nothing was written/);
    assert.deepEqual([report?.added, report?.changed, report?.upToDate], [[], [], false]);
    assert.equal(report?.token, undefined, "no token unless asked for");
    assert.equal(readFileSync(file, "utf8"), original, "not a byte changed");

    writeFileSync(file, "# my app\nAPP_PORT=3000 # keep me\nPGHOST=old-host\n");
    const fixed = await write({ file: ".env.local", example: false });
    assert.deepEqual(fixed?.duplicates, []);
    const text = readFileSync(file, "utf8");
    assert.match(text, /^# my app\nAPP_PORT=3000 # keep me\nPGHOST=[^\n]+\n/);
    assert.ok(!parseEnv(text).has("DATABRICKS_TOKEN"));
    assert.equal(parseEnv(text).get("LAKEBASE_ENDPOINT"), endpoint);
  });

  it("an env file open with unsaved changes gets the values in its editor, not behind it on disk", async () => {
    const file = path.join(folder, ".env.local");
    const onDisk = "# my app\nAPP_PORT=3000\n";
    writeFileSync(file, onDisk);
    const doc = await vscode.workspace.openTextDocument(file);
    const editor = await vscode.window.showTextDocument(doc);
    try {
      await editor.edit((b) => b.insert(new vscode.Position(2, 0), "UNSAVED_EDIT=yes\n"));
      assert.equal(doc.isDirty, true);
      const report = await write({ file: ".env.local", example: false });
      assert.equal(report?.inEditor, true);
      assert.equal(report?.upToDate, false);
      assert.equal(readFileSync(file, "utf8"), onDisk, "the file on disk was not written behind the editor");
      const buffer = parseEnv(doc.getText());
      assert.equal(buffer.get("UNSAVED_EDIT"), "yes", "the user's unsaved edit is kept");
      assert.equal(buffer.get("LAKEBASE_ENDPOINT"), endpoint, "the new values are in the buffer");
      assert.ok(doc.getText().startsWith("# my app\nAPP_PORT=3000\nUNSAVED_EDIT=yes\n"));
      assert.equal(doc.isDirty, true, "saving stays the user's decision");
      // Saved, the file holds both.
      assert.equal(await doc.save(), true);
      assert.equal(parseEnv(readFileSync(file, "utf8")).get("UNSAVED_EDIT"), "yes");
      assert.equal(parseEnv(readFileSync(file, "utf8")).get("LAKEBASE_ENDPOINT"), endpoint);
    } finally {
      await vscode.commands.executeCommand("workbench.action.revertAndCloseActiveEditor");
    }
  });

  (process.platform !== "win32" ? it : it.skip)("refuses a .env that is a symlink to a file outside the workspace folder", async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), "envlink-"));
    const target = path.join(outside, "shell-profile");
    writeFileSync(target, "export KEEP=1\n");
    const link = path.join(folder, ".env.linked");
    symlinkSync(target, link);
    try {
      const report = await write({ file: ".env.linked", includeToken: true, example: false });
      assert.ok(!(report as { added?: string[] } | undefined)?.added?.length, "no report of keys written");
      assert.equal(readFileSync(target, "utf8"), "export KEEP=1\n", "the file outside the folder is untouched");
      assert.match(await lakebaseLog(/outside/), /\.env\.linked.*outside/);
    } finally {
      rmSync(link, { force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it("no token appears in the extension's log", async () => {
    const log = await logText();
    assert.ok(log.length > 0);
    assert.ok(!log.includes(patFromConfig()), "the PAT reached the log");
    const token = parseEnv(readFileSync(files()[0]!, "utf8")).get("DATABRICKS_TOKEN")!;
    assert.ok(!log.includes(token), "DATABRICKS_TOKEN reached the log");
  });

  it("keep-fresh rewrites PGPASSWORD in the chosen file before each 6 s credential expires", async () => {
    await admin("credentials/lifetime", { seconds: 6 });
    // Swap the status bar's hour-long credential for a 6 s one.
    await vscode.commands.executeCommand("lakebase.credentials.refresh");
    // The last write chose .env.local; keep-fresh follows the remembered file.
    await write({ file: ".env", includeToken: true, example: false });
    const cfg = vscode.workspace.getConfiguration("lakebase.env");
    await cfg.update("keepFreshPgPassword", true, vscode.ConfigurationTarget.Workspace);
    await cfg.update("keepFresh", true, vscode.ConfigurationTarget.Workspace);
    const file = files()[0]!;
    await waitFor("PGPASSWORD in .env", () => parseEnv(readFileSync(file, "utf8")).get("PGPASSWORD"));
    const seen = new Set<string>();
    const until = Date.now() + 14_000;
    while (Date.now() < until) {
      const env = parseEnv(readFileSync(file, "utf8"));
      const password = env.get("PGPASSWORD")!;
      if (!seen.has(password)) {
        seen.add(password);
        // Exactly what an app reading the file now gets: it must log in.
        const rows = await withEnv(env, async () => {
          const pg = (await import("pg")).default;
          const client = new pg.Client({ host: env.get("PGHOST"), port: Number(env.get("PGPORT")), database: env.get("PGDATABASE"), user: env.get("PGUSER"), password, ssl: emuSsl(env.get("PGHOST")!) });
          await client.connect();
          try {
            return (await client.query("SELECT 1 AS one")).rows;
          } finally {
            await client.end();
          }
        });
        assert.deepEqual(rows, [{ one: 1 }]);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(seen.size >= 3, `PGPASSWORD was rewritten as credentials aged (${seen.size} distinct)`);
    assert.equal(parseEnv(readFileSync(file, "utf8")).get("DATABRICKS_TOKEN"), patFromConfig(), "keep-fresh kept DATABRICKS_TOKEN");

    await cfg.update("keepFresh", undefined, vscode.ConfigurationTarget.Workspace);
    await new Promise((r) => setTimeout(r, 500));
    const frozen = readFileSync(file, "utf8");
    await new Promise((r) => setTimeout(r, 7_000));
    assert.equal(readFileSync(file, "utf8"), frozen, "keep-fresh off: the file is left alone");
    assert.ok(existsSync(file));
  });

  it("a file holding a token that git would commit is reported, and added to .gitignore on request", async () => {
    const repo = path.join(folder, "gitapp");
    mkdirSync(repo, { recursive: true });
    execFileSync("git", ["init", "-q"], { cwd: repo });
    const file = path.join(repo, ".env");
    const report = await write({ file, includeToken: true, example: false, addToGitignore: true });
    assert.equal(report?.gitIgnored, false, "git did not ignore the new .env");
    assert.equal(report?.addedToGitignore, true);
    assert.match(readFileSync(path.join(repo, ".gitignore"), "utf8"), /^\.env$/m);
    // git now agrees: check-ignore exits 0.
    execFileSync("git", ["check-ignore", "-q", file], { cwd: repo });
    const again = await write({ file, includeToken: true, example: false });
    assert.equal(again?.gitIgnored, true);
    assert.equal(again?.upToDate, true);
  });
});
