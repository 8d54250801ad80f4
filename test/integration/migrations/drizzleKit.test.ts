import assert from "node:assert/strict";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { findDrizzleKit } from "../../../src/core/migrations/drizzleProject";
import { runDrizzleKit } from "../../../src/core/migrations/runDrizzleKit";
import { useEmulator } from "../../support/emulator";
import { useDrizzleApp } from "./drizzleApp";

describe("drizzle-kit with a temporary credential (emulator)", () => {
  const emu = useEmulator({ operationPolls: 0 });
  // A project per test: each starts from an empty database and an unchanged copy of the app.
  const app = useDrizzleApp(emu, "migrations-app");
  const query = app.query;

  async function run(command: "generate" | "migrate", extraArgs: string[] = []) {
    const configPath = app.configPath();
    const kit = await findDrizzleKit(configPath);
    const password = command === "generate" ? undefined : await app.freshPassword();
    const result = await runDrizzleKit({ kit, configPath, command, extraArgs, connection: password ? { target: app.target(), password } : undefined });
    return { ...result, password };
  }

  it("generates, applies, alters a column, and keeps the credential out of the output", async () => {
    const gen = await run("generate");
    assert.equal(gen.exitCode, 0, gen.output);
    const files = readdirSync(path.join(app.dir(), "drizzle")).filter((f) => f.endsWith(".sql"));
    assert.equal(files.length, 1);

    const mig = await run("migrate");
    assert.equal(mig.exitCode, 0, mig.output);
    assert.ok(mig.password && !mig.output.includes(mig.password), "credential leaked into drizzle-kit output");
    const tables = await query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1");
    assert.deepEqual(tables.rows.map((r) => r.table_name), ["authors", "posts"]);

    // Second migration: widen posts.title from varchar(200) to text.
    const schema = path.join(app.dir(), "src", "schema.ts");
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
    const broken = readdirSync(path.join(app.dir(), "drizzle")).find((f) => f.endsWith("_broken.sql"));
    assert.ok(broken, "custom migration file was not created");
    writeFileSync(path.join(app.dir(), "drizzle", broken), "ALTER TABLE no_such_table ADD COLUMN x int;");
    const mig = await run("migrate");
    assert.notEqual(mig.exitCode, 0);
    // drizzle-kit itself prints nothing here; the preload reports Postgres's message.
    assert.match(mig.output, /relation "no_such_table" does not exist/);
    assert.match(mig.output, /SQLSTATE 42P01/);
    assert.ok(mig.password && !mig.output.includes(mig.password));
  });
});
