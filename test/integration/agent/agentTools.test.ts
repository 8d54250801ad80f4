import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { AGENT_TOOLS, invokeTool } from "../../../src/core/agent/agentTools";
import { findDrizzleKit } from "../../../src/core/migrations/drizzleProject";
import { runDrizzleKit } from "../../../src/core/migrations/runDrizzleKit";
import { api, useEmulator } from "../../support/emulator";
import { agentHarness, ownerQuery, type AgentHarness } from "./agentHarness";

const FIXTURE = path.resolve(__dirname, "../../fixtures/drizzle-app");
const REPO_NODE_MODULES = path.resolve(__dirname, "../../../node_modules");

describe("agent tools: lists, schema, throwaway branches, env values (emulator)", function () {
  this.timeout(120_000);
  const emu = useEmulator({ seed: true, operationPolls: 0 });
  let h: AgentHarness;
  const results: string[] = [];
  const called = new Set<string>();
  const call = async (name: string, args?: unknown) => {
    called.add(name);
    const r = await h.call(name, args);
    results.push(r.text);
    return r;
  };

  before(async () => {
    h = await agentHarness(emu());
  });
  after(async () => h?.dispose());

  it("lists profiles with the folder's target", async () => {
    const r = await call("lakebase_list_profiles", {});
    assert.equal(r.isError, undefined, r.text);
    assert.match(r.text, /^- emulator: auth pat, \w+, https:\/\/127\.0\.0\.1:\d+$/m);
    assert.match(r.text, /Target of this folder: profile emulator, project projects\/demo-app, branch projects\/demo-app\/branches\/production \(default\), endpoint primary, database databricks_postgres\./);
  });

  it("lists projects, branches (default marked) and endpoints (with host)", async () => {
    const projects = await call("lakebase_list_projects", {});
    assert.match(projects.text, /^- projects\/demo-app: "Demo app"/m);
    const branches = await call("lakebase_list_branches", { project: "demo-app" });
    assert.match(branches.text, /^- projects\/demo-app\/branches\/production: default · READY/m);
    assert.match(branches.text, /^- projects\/demo-app\/branches\/dev: READY/m);
    const endpoints = await call("lakebase_list_endpoints", { branch: "dev" });
    assert.match(endpoints.text, /^Endpoints of projects\/demo-app\/branches\/dev:\n- projects\/demo-app\/branches\/dev\/endpoints\/\S+: \w+ · read-write .*host \S+/);
    const noProfile = await call("lakebase_list_projects", { profile: "nope" });
    assert.equal(noProfile.isError, true);
    assert.match(noProfile.text, /No profile "nope" in the Databricks config file. Profiles: emulator/);
  });

  it("describes the schema compactly: columns, keys, foreign keys; a filter narrows it", async () => {
    const r = await call("lakebase_describe_schema", {});
    assert.equal(r.isError, undefined, r.text);
    assert.match(r.text, /^2 tables\/views on production\/databricks_postgres\.$/m);
    assert.match(r.text, /^public\.customers(?: \(~\d+ rows\))?: id integer pk serial, name text not null, email text not null unique, created_at timestamptz not null default now\(\)$/m);
    assert.match(r.text, /^public\.orders(?: \(~\d+ rows\))?: id integer pk serial, customer_id integer not null → customers\(id\), total numeric\(10,2\) not null, status text not null default 'open'::text$/m);
    const filtered = await call("lakebase_describe_schema", { filter: "order" });
    assert.match(filtered.text, /^1 tables\/views matching "order"/);
    assert.doesNotMatch(filtered.text, /^public\.customers/m);
  });

  it("the write tool refuses the default branch", async () => {
    const r = await call("lakebase_execute", { branch: "production", sql: "DELETE FROM orders" });
    assert.equal(r.isError, true);
    assert.match(r.text, /Refused: projects\/demo-app\/branches\/production is the project's default branch; agent tools do not write there/);
    const n = await ownerQuery(emu(), "SELECT count(*)::int AS n FROM orders");
    assert.equal(n.rows[0].n, 4);
  });

  it("…and a protected branch, unless the setting allows it", async () => {
    const op = await api(emu(), "POST", "/api/2.0/postgres/projects/demo-app/branches?branch_id=guarded", { spec: { source_branch: "projects/demo-app/branches/dev", no_expiry: true, is_protected: true } });
    assert.equal(op.status, 200, JSON.stringify(op.json));
    for (let i = 0; i < 200 && !(await api(emu(), "GET", `/api/2.0/postgres/${op.json.name}`)).json.done; i++) await new Promise((r) => setTimeout(r, 20));
    const refused = await call("lakebase_execute", { branch: "guarded", sql: "SELECT 1" });
    assert.match(refused.text, /Refused: projects\/demo-app\/branches\/guarded is protected/);
    const allowed = await invokeWith({ allowProtectedBranches: true }, "lakebase_execute", { branch: "guarded", sql: "SELECT 1 AS one" });
    assert.equal(allowed.isError, undefined, allowed.text);
    assert.match(allowed.text, /^SELECT 1$/m);
  });

  async function invokeWith(policy: Partial<AgentHarness["ctx"]["policy"]>, name: string, args: unknown) {
    return invokeTool({ ...h.ctx, policy: { ...h.ctx.policy, ...policy } }, name, args);
  }

  it("creates a throwaway branch with a TTL, runs a change there, reports it, and leaves the target alone", async () => {
    const r = await call("lakebase_create_branch", { ttlMinutes: 30, branchId: "agent-try", sql: "ALTER TABLE customers ADD COLUMN nickname text; UPDATE customers SET nickname = 'ada' WHERE id = 1" });
    assert.equal(r.isError, undefined, r.text);
    assert.match(r.text, /^Created projects\/demo-app\/branches\/agent-try from projects\/demo-app\/branches\/production \(expires \d{4}-\d\d-\d\d \d\d:\d\d UTC\)\.$/m);
    assert.match(r.text, /^Ran 2 statement\(s\)/m);
    assert.match(r.text, /^UPDATE 1$/m);
    assert.match(r.text, /^Schema changes:\n\+ column public\.customers\.nickname text$/m);
    const branch = await api(emu(), "GET", "/api/2.0/postgres/projects/demo-app/branches/agent-try");
    const ttl = Date.parse(branch.json.status.expire_time) - Date.now();
    assert.ok(ttl > 25 * 60_000 && ttl <= 30 * 60_000, `expires in ${ttl} ms`);
    // The parent has no such column; the branch has it, and the other tools reach it.
    const parent = await ownerQuery(emu(), "SELECT count(*)::int AS n FROM information_schema.columns WHERE column_name = 'nickname'");
    assert.equal(parent.rows[0].n, 0);
    const q = await call("lakebase_query", { sql: "SELECT nickname FROM customers WHERE id = 1", branch: "agent-try" });
    assert.equal(q.text.split("\n")[2], "ada");
    const more = await call("lakebase_execute", { branch: "agent-try", sql: "INSERT INTO orders (customer_id, total) VALUES (1, 1.00)" });
    assert.equal(more.isError, undefined, more.text);
    assert.match(more.text, /^INSERT 1$/m);
    assert.match(more.text, /Schema changes: none\./);
  });

  it("a failing change on the throwaway branch reports the server's error", async () => {
    const r = await call("lakebase_create_branch", { sql: "ALTER TABLE nope ADD COLUMN x int" });
    assert.equal(r.isError, undefined, r.text);
    assert.match(r.text, /^Created projects\/demo-app\/branches\/agent-\d{14}-[0-9a-f]{4} /m);
    assert.match(r.text, /ERROR 42P01 in statement 1: relation "nope" does not exist/);
  });

  it("rehearses the folder's drizzle migrations on a throwaway branch", async () => {
    const app = mkdtempSync(path.join(tmpdir(), "agent-drizzle-"));
    try {
      cpSync(FIXTURE, app, { recursive: true });
      symlinkSync(REPO_NODE_MODULES, path.join(app, "node_modules"), "dir");
      const configPath = path.join(app, "drizzle.config.ts");
      const gen = await runDrizzleKit({ kit: await findDrizzleKit(configPath), configPath, command: "generate" });
      assert.equal(gen.exitCode, 0, gen.output);
      const folderCtx = await agentHarness(emu(), { folder: app });
      try {
        const r = await folderCtx.call("lakebase_create_branch", { migrations: true, ttlMinutes: 15 });
        assert.equal(r.isError, undefined, r.text);
        assert.match(r.text, /ran drizzle-kit migrate: exit code 0/);
        assert.match(r.text, /^\+ table public\.authors$/m);
        assert.match(r.text, /^\+ table public\.posts$/m);
        assert.match(r.text, /Parent branch unchanged: yes\./);
        results.push(r.text);
      } finally {
        await folderCtx.dispose();
      }
    } finally {
      rmSync(app, { recursive: true, force: true });
    }
  });

  it("bad arguments for the branch tool are refused before anything is created", async () => {
    const before = (await api(emu(), "GET", "/api/2.0/postgres/projects/demo-app/branches")).json.branches.length;
    const r = await call("lakebase_create_branch", { sql: "SELECT 1", migrations: true, ttlMinutes: 5 });
    assert.equal(r.isError, true);
    assert.match(r.text, /ttlMinutes[\s\S]*10/);
    assert.match(r.text, /Pass sql or migrations: true, not both/);
    assert.equal((await api(emu(), "GET", "/api/2.0/postgres/projects/demo-app/branches")).json.branches.length, before);
  });

  it("gives the .env connection values, never a secret", async () => {
    const r = await call("lakebase_connection_env", {});
    const seed = emu().postgres.seeded!;
    assert.deepEqual(r.text.split("\n").filter((l) => !l.startsWith("#")), [
      `DATABRICKS_HOST=${emu().workspaceUrl}`,
      `LAKEBASE_ENDPOINT=${seed.endpoint}`,
      `PGHOST=${seed.host}`,
      "PGPORT=5432",
      "PGDATABASE=databricks_postgres",
      "PGUSER=dev@example.com",
      "PGSSLMODE=require",
    ]);
  });

  it("without a target, says what the user must do", async () => {
    const none = await agentHarness(emu(), { target: null });
    try {
      const r = await none.call("lakebase_query", { sql: "SELECT 1" });
      assert.equal(r.isError, true);
      assert.equal(r.text, "No Lakebase target is selected for this folder. Select one in the Lakebase explorer.");
    } finally {
      await none.dispose();
    }
  });

  it("with a missing or expired sign-in, says the user must sign in (and not to retry)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "agent-cfg-"));
    const cfg = path.join(dir, "databrickscfg");
    writeFileSync(cfg, `[emulator]\nhost = ${emu().workspaceUrl}\ntoken = dapi0123456789abcdef0123456789abcdef\n`);
    const bad = await agentHarness(emu(), { configFile: cfg });
    try {
      const q = await bad.call("lakebase_query", { sql: "SELECT 1" });
      assert.equal(q.isError, true);
      assert.match(q.text, /^The workspace refused the profile's credentials \(HTTP 401[^)]*\)\. The user must sign in again \(databricks auth login\)/);
      assert.doesNotMatch(q.text, /dapi0123456789abcdef/);
      const list = await bad.call("lakebase_list_projects", {});
      assert.match(list.text, /HTTP 401/);
      assert.ok(bad.logger.lines.every((l) => !l.includes("dapi0123456789abcdef")));
    } finally {
      await bad.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("no registered secret appears in any tool result or log line", async () => {
    // Every tool has results on record from the tests above (this suite's own harness).
    assert.deepEqual(AGENT_TOOLS.map((t) => t.name).filter((n) => !called.has(n) && n !== "lakebase_explain"), []);
    await call("lakebase_explain", { sql: "SELECT * FROM customers" });
    const target = await h.services.resolveTarget(h.ctx.target()!);
    const credential = await h.services.credentials.get(target.credentialKey);
    const secrets = [emu().identities.user.pat, credential];
    assert.ok(credential.length > 20);
    for (const text of [...results, ...h.logger.lines]) {
      for (const s of secrets) assert.ok(!text.includes(s), `a secret leaked into: ${text.slice(0, 200)}`);
    }
    assert.ok(h.logger.lines.filter((l) => /tool lakebase_\w+ (ok|failed) in \d+ ms/.test(l)).length >= results.length - 1);
  });
});
