import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import pg from "pg";
import { findDrizzleKit } from "../../../src/core/migrations/drizzleProject";
import { runDrizzleKit } from "../../../src/core/migrations/runDrizzleKit";
import type { ConnectionTarget } from "../../../src/core/migrations/databaseUrl";
import { api, createProject, emuSsl, useEmulator } from "../../support/emulator";

const FIXTURE = path.resolve(__dirname, "../../fixtures/drizzle-app");
const REPO_NODE_MODULES = path.resolve(__dirname, "../../../node_modules");

describe("drizzle-kit with a temporary credential (emulator)", () => {
  const emu = useEmulator({ operationPolls: 0 });
  let app: string;
  let target: ConnectionTarget;
  let endpointName: string;

  async function freshPassword(): Promise<string> {
    const res = await api(emu(), "POST", "/api/2.0/postgres/credentials", { endpoint: endpointName });
    assert.equal(res.status, 200, JSON.stringify(res.json));
    return res.json.token as string;
  }

  async function query(sql: string) {
    const client = new pg.Client({ ...target, password: await freshPassword(), ssl: emuSsl(emu(), target.host) });
    await client.connect();
    try { return await client.query(sql); } finally { await client.end(); }
  }

  let projectCount = 0;
  beforeEach(async () => {
    // A project per test: each starts from an empty database.
    const projectId = `migrations-app-${++projectCount}`;
    await createProject(emu(), projectId);
    const list = await api(emu(), "GET", `/api/2.0/postgres/projects/${projectId}/branches/production/endpoints`);
    const ep = list.json.endpoints[0];
    endpointName = ep.name;
    target = { host: ep.status.hosts.host, port: 5432, database: "databricks_postgres", user: emu().identities.user.email, sslMode: "require", extraCaFile: emu().caFile };
  });

  beforeEach(() => {
    app = mkdtempSync(path.join(tmpdir(), "drizzle-app-"));
    cpSync(FIXTURE, app, { recursive: true });
    // The fixture's dependencies are the repo's own (drizzle-kit, drizzle-orm, pg).
    symlinkSync(REPO_NODE_MODULES, path.join(app, "node_modules"), "dir");
  });
  afterEach(() => rmSync(app, { recursive: true, force: true }));

  async function run(command: "generate" | "migrate", extraArgs: string[] = []) {
    const configPath = path.join(app, "drizzle.config.ts");
    const kit = await findDrizzleKit(configPath);
    const password = command === "generate" ? undefined : await freshPassword();
    const result = await runDrizzleKit({ kit, configPath, command, extraArgs, connection: password ? { target, password } : undefined });
    return { ...result, password };
  }

  it("generates, applies, alters a column, and keeps the credential out of the output", async () => {
    const gen = await run("generate");
    assert.equal(gen.exitCode, 0, gen.output);
    const files = readdirSync(path.join(app, "drizzle")).filter((f) => f.endsWith(".sql"));
    assert.equal(files.length, 1);

    const mig = await run("migrate");
    assert.equal(mig.exitCode, 0, mig.output);
    assert.ok(mig.password && !mig.output.includes(mig.password), "credential leaked into drizzle-kit output");
    const tables = await query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1");
    assert.deepEqual(tables.rows.map((r) => r.table_name), ["authors", "posts"]);

    // Second migration: widen posts.title from varchar(200) to text.
    const schema = path.join(app, "src", "schema.ts");
    writeFileSync(schema, readFileSync(schema, "utf8").replace('varchar("title", { length: 200 })', 'text("title")'));
    assert.equal((await run("generate")).exitCode, 0);
    const mig2 = await run("migrate");
    assert.equal(mig2.exitCode, 0, mig2.output);
    const col = await query("SELECT data_type FROM information_schema.columns WHERE table_name = 'posts' AND column_name = 'title'");
    assert.equal(col.rows[0].data_type, "text");
  });

  it("fails a broken migration with drizzle-kit's message and a non-zero exit", async () => {
    assert.equal((await run("generate")).exitCode, 0);
    assert.equal((await run("generate", ["--custom", "--name=broken"])).exitCode, 0);
    const broken = readdirSync(path.join(app, "drizzle")).find((f) => f.endsWith("_broken.sql"));
    assert.ok(broken, "custom migration file was not created");
    writeFileSync(path.join(app, "drizzle", broken), "ALTER TABLE no_such_table ADD COLUMN x int;");
    const mig = await run("migrate");
    assert.notEqual(mig.exitCode, 0);
    // drizzle-kit itself prints nothing here; the preload reports Postgres's message.
    assert.match(mig.output, /relation "no_such_table" does not exist/);
    assert.match(mig.output, /SQLSTATE 42P01/);
    assert.ok(mig.password && !mig.output.includes(mig.password));
  });
});
