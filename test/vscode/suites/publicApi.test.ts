// The public API as another extension sees it: profiles, target, getCredential (a token that
// really logs in), credential events without the token, and runQuery.
import * as assert from "node:assert/strict";
import pg from "pg";
import * as vscode from "vscode";
import type { LakebaseApi } from "../../../src/api";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { activateExtension, extraCaFile, rest, emuSsl } from "../support/emulatorRest";

describe("public API", function () {
  this.timeout(60000);
  let api: LakebaseApi;
  let endpoint: { name: string; status: { hosts: { host: string } } };

  before(async () => {
    api = await activateExtension<LakebaseApi>();
    await vscode.commands.executeCommand("lakebase.project.create", { profile: "emulator", projectId: "vscode-public-api" });
    endpoint = (await rest("GET", "/api/2.0/postgres/projects/vscode-public-api/branches/production/endpoints")).json.endpoints[0];
  });
  after(() => vscode.commands.executeCommand("lakebase.target.clear"));

  it("lists profiles with host and auth type", () => {
    const names = api.profiles().map((p) => `${p.name}:${p.authType}`).sort();
    assert.deepEqual(names, ["emulator-m2m:oauth-m2m", "emulator:pat"]);
    // Issue #10 changes this expectation: the emulator speaks https like a workspace.
    assert.ok(api.profiles().every((p) => p.host?.startsWith("https://127.0.0.1:")));
  });

  it("getCredential hands out a token that logs in, and events never carry it", async () => {
    const events: unknown[] = [];
    const sub = api.onDidChangeCredential((e) => events.push(e));
    const cred = await api.getCredential({ profile: "emulator", endpoint: endpoint.name });
    sub.dispose();
    assert.equal(cred.user, "dev@example.com");
    assert.ok(cred.expireTime.getTime() > Date.now());
    const client = new pg.Client({ host: endpoint.status.hosts.host, port: 5432, user: cred.user, database: "databricks_postgres", password: cred.token, ssl: emuSsl(endpoint.status.hosts.host) });
    await client.connect();
    const res = await client.query("SELECT current_user AS u");
    await client.end();
    assert.equal(res.rows[0].u, "dev@example.com");
    assert.ok(events.length > 0, "a credential event fired");
    assert.ok(!JSON.stringify(events).includes(cred.token), "events carry no token");
    await assert.rejects(api.getCredential({ profile: "emulator", endpoint: "not-a-name" }), /endpoint resource name/);
  });

  it("credential events carry the settled state, the expiry and the error", async () => {
    const events: Array<{ event: string; state: string; endpoint: string; expireTime?: Date; error?: string }> = [];
    const sub = api.onDidChangeCredential((e) => events.push(e));
    try {
      await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint: endpoint.name });
      const status = await vscode.commands.executeCommand<{ state: string; expireTime?: Date }>("lakebase.credentials.refresh");
      const mine = events.filter((e) => e.endpoint === endpoint.name);
      const refreshing = mine.findLast((e) => e.event === "refreshing");
      const fresh = mine.findLast((e) => e.event === "fresh");
      assert.equal(refreshing?.state, "refreshing");
      assert.equal(fresh?.state, "fresh", "the fresh event reports the settled state, not refreshing");
      assert.equal(fresh?.expireTime?.getTime(), status?.expireTime?.getTime());
      assert.equal(fresh?.error, undefined);
      const missing = "projects/vscode-public-api/branches/production/endpoints/does-not-exist";
      await assert.rejects(api.getCredential({ profile: "emulator", endpoint: missing }), /404|not found/i);
      const failed = events.find((e) => e.endpoint === missing && e.event === "failed");
      assert.equal(failed?.state, "failed");
      assert.match(failed?.error ?? "", /Endpoint not found \(404\)/);
      assert.equal(failed?.expireTime, undefined);
    } finally {
      sub.dispose();
    }
  });

  it("copies a psql command that verifies the server (sslmode=verify-full, the trusted CA) and that logs in", async () => {
    await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint: endpoint.name });
    const psql = await vscode.commands.executeCommand<string>("lakebase.copy.psql");
    const host = endpoint.status.hosts.host;
    assert.equal(psql, `psql "host=${host} port=5432 dbname=databricks_postgres user=dev@example.com sslmode=verify-full sslrootcert=${extraCaFile()}"`);
    assert.equal(await vscode.env.clipboard.readText(), psql);
    // The copied line, as the user would paste it, with a credential as PGPASSWORD.
    const cred = await api.getCredential({ profile: "emulator", endpoint: endpoint.name });
    const { stdout } = await promisify(execFile)("sh", ["-c", `${psql} -X -At -c "SELECT 'verified tls'"`], { env: { PATH: process.env.PATH, PGPASSWORD: cred.token }, timeout: 30_000 });
    assert.equal(stdout.trim(), "verified tls");
  });

  it("runQuery runs on the selected target and reports SQL errors in the summary", async () => {
    await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint: endpoint.name });
    assert.equal(api.target()?.endpoint, endpoint.name);
    const ok = await api.runQuery({ sql: "SELECT 41 + 1 AS answer", returnRows: 10 });
    assert.equal(ok.status, "ok");
    assert.deepEqual(ok.results[0]?.rows, [["42"]]);
    const bad = await api.runQuery({ sql: "SELECT nope FROM nowhere" });
    assert.equal(bad.status, "error");
    assert.equal(bad.error?.sqlstate, "42P01");
  });
});
