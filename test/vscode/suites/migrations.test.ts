// Migrations in a real VS Code: the commands run the project's drizzle-kit against the workspace
// target with a temporary credential; rehearsal leaves the parent branch alone.
import * as assert from "node:assert/strict";
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import pg from "pg";
import * as vscode from "vscode";
import type { LakebaseApi } from "../../../src/api";
import { activateExtension, EXTENSION_ID, lakebaseLog, rest, stubWindow, workspaceFolder, emuSsl } from "../support/emulatorRest";

interface RunResult { exitCode: number; output: string }
interface Rehearsal { exitCode: number; branch: string; changes: string[]; parentUnchanged: boolean }

function filesUnder(dir: string): string[] {
  return readdirSync(dir).filter((f) => f !== "node_modules").flatMap((f) => {
    const full = path.join(dir, f);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe("migrations", function () {
  this.timeout(120000);
  let app: string;
  let endpoint: { name: string; status: { hosts: { host: string } } };

  async function sql(text: string): Promise<pg.QueryResult> {
    const cred = await rest("POST", "/api/2.0/postgres/credentials", { endpoint: endpoint.name });
    const client = new pg.Client({ host: endpoint.status.hosts.host, port: 5432, user: "dev@example.com", database: "databricks_postgres", password: cred.json.token, ssl: emuSsl(endpoint.status.hosts.host) });
    await client.connect();
    try {
      return await client.query(text);
    } finally {
      await client.end();
    }
  }
  async function tables(): Promise<string[]> {
    const res = await sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1");
    return res.rows.map((r) => r.table_name as string);
  }

  before(async () => {
    await activateExtension();
    const repo = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    app = path.join(workspaceFolder().uri.fsPath, "drizzle-app");
    rmSync(app, { recursive: true, force: true });
    cpSync(path.join(repo, "test", "fixtures", "drizzle-app"), app, { recursive: true });
    symlinkSync(path.join(repo, "node_modules"), path.join(app, "node_modules"), "dir");
    await vscode.commands.executeCommand("lakebase.project.create", { profile: "emulator", projectId: "vscode-migrations" });
    endpoint = (await rest("GET", "/api/2.0/postgres/projects/vscode-migrations/branches/production/endpoints")).json.endpoints[0];
    await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint: endpoint.name });
  });
  after(async () => {
    await vscode.commands.executeCommand("lakebase.target.clear");
    rmSync(app, { recursive: true, force: true });
  });

  it("generates and applies from the commands; the tables exist and no credential is printed", async () => {
    const config = path.join("drizzle-app", "drizzle.config.ts");
    const gen = await vscode.commands.executeCommand<RunResult>("lakebase.migrations.generate", { config, confirm: false });
    assert.equal(gen.exitCode, 0, gen.output);
    assert.equal(readdirSync(path.join(app, "drizzle")).filter((f) => f.endsWith(".sql")).length, 1);

    const rehearsal = await vscode.commands.executeCommand<Rehearsal>("lakebase.migrations.rehearse", { config, confirm: false, ttlSeconds: 600 });
    assert.equal(rehearsal.exitCode, 0);
    assert.deepEqual(rehearsal.changes, ["+ table public.authors", "+ table public.posts"]);
    assert.equal(rehearsal.parentUnchanged, true);
    assert.deepEqual(await tables(), [], "rehearsal must not touch the parent branch");
    const branch = await rest("GET", `/api/2.0/postgres/${rehearsal.branch}`);
    assert.equal(branch.status, 200);
    assert.ok(branch.json.status.expire_time, "the throwaway branch expires by itself");

    const apply = await vscode.commands.executeCommand<RunResult>("lakebase.migrations.apply", { config, confirm: false });
    assert.equal(apply.exitCode, 0, apply.output);
    assert.deepEqual(await tables(), ["authors", "posts"]);
    assert.ok(existsSync(path.join(app, "drizzle", "meta", "_journal.json")));

    // The credential drizzle-kit got is the extension's cached one: it is nowhere to be seen.
    const api = await activateExtension<LakebaseApi>();
    const { token } = await api.getCredential({ profile: "emulator", endpoint: endpoint.name });
    assert.ok(!apply.output.includes(token) && !apply.output.includes(encodeURIComponent(token)), "credential in drizzle-kit's output");
    const log = await lakebaseLog(/drizzle-kit migrate exited with 0/);
    assert.ok(!log.includes(token), "credential in the Lakebase log");
    for (const file of filesUnder(app)) assert.ok(!readFileSync(file, "utf8").includes(token), `credential written to ${file}`);
  });

  it("push asks before dropping a column that holds rows: no keeps it, yes drops it", async () => {
    // Needs the tables the previous test applied.
    const config = path.join("drizzle-app", "drizzle.config.ts");
    await sql("INSERT INTO authors (name, email) VALUES ('A', 'a@x'); INSERT INTO posts (author_id, title, published_at) VALUES (1, 't', now())");
    const schema = path.join(app, "src", "schema.ts");
    writeFileSync(schema, readFileSync(schema, "utf8").replace('  publishedAt: timestamp("published_at"),\n', ""));
    const columns = async () => (await sql("SELECT column_name FROM information_schema.columns WHERE table_name = 'posts' ORDER BY ordinal_position")).rows.map((r) => r.column_name as string);

    // confirm: false skips the default-branch question, never the data-loss one.
    const no = stubWindow("showWarningMessage", () => undefined);
    let refused: RunResult & { dataLoss?: string[]; approved?: boolean };
    try {
      refused = await vscode.commands.executeCommand("lakebase.migrations.push", { config, confirm: false });
    } finally {
      no.restore();
    }
    assert.equal(no.calls.length, 1, "one data-loss question");
    assert.match(String(no.calls[0]![0]), /would lose data/);
    assert.match((no.calls[0]![1] as { detail: string }).detail, /published_at column in posts table with 1 items/);
    assert.deepEqual(refused.dataLoss, ["You're about to delete published_at column in posts table with 1 items"]);
    assert.equal(refused.approved, false);
    assert.ok((await columns()).includes("published_at"), "nothing was dropped without a yes");

    const yes = stubWindow("showWarningMessage", () => "Push and Lose Data");
    let pushed: RunResult & { approved?: boolean };
    try {
      pushed = await vscode.commands.executeCommand("lakebase.migrations.push", { config, confirm: false });
    } finally {
      yes.restore();
    }
    assert.equal(pushed.exitCode, 0, pushed.output);
    assert.equal(pushed.approved, true);
    assert.deepEqual(await columns(), ["id", "author_id", "title"]);
  });
});
