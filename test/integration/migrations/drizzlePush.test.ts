import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { findDrizzleKit } from "../../../src/core/migrations/drizzleProject";
import { pushWithApproval, type DataLossReport } from "../../../src/core/migrations/pushWithApproval";
import { runDrizzleKit } from "../../../src/core/migrations/runDrizzleKit";
import { useEmulator } from "../../support/emulator";
import { useDrizzleApp } from "./drizzleApp";

/** A real drizzle project, real drizzle-kit push, a schema change that drops a column holding rows. */
describe("drizzle-kit push asks before data loss (emulator)", function () {
  this.timeout(120_000);
  const emu = useEmulator({ operationPolls: 0 });
  const app = useDrizzleApp(emu, "push-app");
  const query = app.query;
  const columns = async () => (await query("SELECT column_name FROM information_schema.columns WHERE table_name = 'posts' ORDER BY ordinal_position")).rows.map((r) => r.column_name as string);

  const configPath = app.configPath;
  const run = async (extraArgs: string[]) => runDrizzleKit({
    kit: await findDrizzleKit(configPath()), configPath: configPath(), command: "push", extraArgs,
    connection: { target: app.target(), password: await app.freshPassword() },
  });

  async function seedAndDropColumn() {
    // First push creates the tables: no data at stake, so no question.
    const asked: DataLossReport[] = [];
    const created = await pushWithApproval(run, async (r) => { asked.push(r); return true; });
    assert.equal(created.exitCode, 0, created.output);
    assert.deepEqual(asked, [], "creating tables asked about data loss");
    assert.equal(created.approved, undefined);
    await query("INSERT INTO authors (name, email) VALUES ('A', 'a@x'); INSERT INTO posts (author_id, title, published_at) VALUES (1, 't1', now()), (1, 't2', now())");
    const schema = path.join(app.dir(), "src", "schema.ts");
    writeFileSync(schema, readFileSync(schema, "utf8").replace('  publishedAt: timestamp("published_at"),\n', ""));
    assert.ok(!readFileSync(schema, "utf8").includes("published_at"));
  }

  it("does not drop a column holding rows when the user says no", async () => {
    await seedAndDropColumn();
    const asked: DataLossReport[] = [];
    const result = await pushWithApproval(run, async (r) => { asked.push(r); return false; });
    assert.equal(asked.length, 1);
    assert.deepEqual(asked[0]!.statements, ["You're about to delete published_at column in posts table with 2 items"]);
    assert.ok(asked[0]!.sql.some((s) => /ALTER TABLE "posts" DROP COLUMN "published_at"/.test(s)), asked[0]!.sql.join("\n"));
    assert.equal(result.approved, false);
    assert.deepEqual(await columns(), ["id", "author_id", "title", "published_at"], "the column is still there");
  });

  it("drops it after the user's yes", async () => {
    await seedAndDropColumn();
    const result = await pushWithApproval(run, async () => true);
    assert.equal(result.exitCode, 0, result.output);
    assert.equal(result.approved, true);
    assert.deepEqual(await columns(), ["id", "author_id", "title"]);
    assert.equal((await query("SELECT count(*)::int AS n FROM posts")).rows[0].n, 2);
  });

  it("a rename question (created or renamed?) is reported as needing a terminal, and nothing is applied", async () => {
    await seedAndDropColumn();
    // published_at is gone from the schema and released_at is new: drizzle-kit asks whether it was renamed.
    const schema = path.join(app.dir(), "src", "schema.ts");
    writeFileSync(schema, readFileSync(schema, "utf8").replace('title: varchar("title", { length: 200 }).notNull(),', 'title: varchar("title", { length: 200 }).notNull(),\n  releasedAt: timestamp("released_at"),'));
    const asked: DataLossReport[] = [];
    const result = await pushWithApproval(run, async (r) => { asked.push(r); return true; });
    assert.deepEqual(asked, [], "no approval asked for a question only a terminal can answer");
    assert.equal(result.needsTerminal, true, result.output);
    assert.notEqual(result.exitCode, 0);
    assert.deepEqual(await columns(), ["id", "author_id", "title", "published_at"]);
  });
});

describe("drizzle-kit push in strict mode asks before any statement (emulator)", function () {
  this.timeout(120_000);
  const emu = useEmulator({ operationPolls: 0 });
  const app = useDrizzleApp(emu, "push-strict");
  const tables = async (): Promise<string[]> =>
    (await app.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")).rows.map((r) => r.table_name as string);

  beforeEach(() => {
    const config = app.configPath();
    writeFileSync(config, readFileSync(config, "utf8").replace('dialect: "postgresql",', 'dialect: "postgresql",\n  strict: true,'));
  });

  it("lists the statements, applies nothing on no, and everything on yes", async () => {
    const configPath = app.configPath();
    const run = async (extraArgs: string[]) => runDrizzleKit({
      kit: await findDrizzleKit(configPath), configPath, command: "push", extraArgs, connection: { target: app.target(), password: await app.freshPassword() },
    });
    const asked: DataLossReport[] = [];
    const refused = await pushWithApproval(run, async (r) => { asked.push(r); return false; });
    assert.equal(asked.length, 1, refused.output);
    assert.deepEqual(asked[0]!.statements, [], "no data loss, only strict mode's question");
    assert.ok(asked[0]!.sql.some((s) => s.startsWith('CREATE TABLE "authors"')), asked[0]!.sql.join("\n"));
    assert.equal(refused.approved, false);
    assert.deepEqual(await tables(), []);

    const pushed = await pushWithApproval(run, async () => true);
    assert.equal(pushed.exitCode, 0, pushed.output);
    assert.deepEqual(await tables(), ["authors", "posts"]);
  });
});
