/**
 * `npm run bench` (second part), branch per feature.
 * 1. Checkout of a git branch whose Lakebase branch exists: target switched and `.env` rewritten
 *    (followGitBranch, main ↔ feature-x, median of BENCH_REPS). Target: ≤ 2 s.
 * 2. Schema diff of two 500-table branches. Production gets 500
 * tables (serial key, 6 columns, a foreign key, an index, a view per 10 tables); a branch copy
 * gets a migration touching 20 of them. Timed: both catalogs read in parallel through the
 * front door as the user, diff and draft; the first compare (fresh credentials and connections)
 * and the median of the next ones (warm pools). Target: ≤ 2 s for both. Env: BENCH_TABLES (default 500), BENCH_REPS (default 3).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BranchLinks } from "../src/core/gitBranches/branchLinks";
import { followGitBranch } from "../src/core/gitBranches/followBranch";
import { buildTarget } from "../src/core/target/buildTarget";
import pg from "pg";
import { startEmulator } from "../emulator/index";
import { LakebaseServices } from "../src/core/lakebaseServices";
import { compareBranches } from "../src/core/schema/compareBranches";
import { describeChanges } from "../src/core/schema/diffCatalogs";
import { draftMigrationSql } from "../src/core/schema/draftMigration";
import { checks, median, type Check } from "./report";

const TABLES = Number(process.env.BENCH_TABLES ?? 500);
const REPS = Math.max(1, Number(process.env.BENCH_REPS ?? 3));
const log = (s: string) => process.stderr.write(`${s}\n`);

function schemaSql(n: number): string {
  const out: string[] = [];
  for (let i = 1; i <= n; i++) {
    const ref = i > 1 ? `, parent_id integer REFERENCES t${i - 1}(id)` : "";
    out.push(`CREATE TABLE t${i} (id serial PRIMARY KEY, name text NOT NULL, amount numeric(12,2) DEFAULT 0, created_at timestamptz NOT NULL DEFAULT now(), note varchar(200)${ref});`);
    out.push(`CREATE INDEX t${i}_name_idx ON t${i} (name);`);
    if (i % 10 === 0) out.push(`CREATE VIEW v${i} AS SELECT id, name FROM t${i};`);
  }
  return out.join("\n");
}

function migrationSql(n: number): string {
  const out: string[] = [];
  for (let i = 1; i <= Math.min(20, n); i++) out.push(`ALTER TABLE t${i} ADD COLUMN extra_${i} integer;`, `CREATE INDEX t${i}_created_idx ON t${i} (created_at);`);
  out.push("CREATE TABLE added_table (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, label text);");
  return out.join("\n");
}

async function main(): Promise<void> {
  const emu = await startEmulator({ operationPolls: 0 });
  const store = new Map<string, unknown>();
  const services = await LakebaseServices.create({
    profiles: { configFile: emu.configFile, watch: false },
    workspaceStore: { get: <T>(k: string) => store.get(k) as T | undefined, update: async (k, v) => void store.set(k, v) },
  });
  try {
    const client = services.lakebase("emulator");
    await client.createProjectAndWait("bench-schema", {});
    const prod = "projects/bench-schema/branches/production";
    const su = async (branch: string, sql: string) => {
      const c = new pg.Client(await emu.postgres.superuser(branch));
      await c.connect();
      try { await c.query(sql); } finally { await c.end(); }
    };
    await su(prod, schemaSql(TABLES));
    const feature = await client.createBranchAndWait("projects/bench-schema", "feature-x", { source_branch: prod, no_expiry: true });
    await su(feature.name, migrationSql(TABLES));
    log(`bench: ${TABLES} tables on production, migration on ${feature.name}`);

    // 1. Following checkouts between two existing branches.
    const folder = "file:///bench/app";
    const envDir = mkdtempSync(join(tmpdir(), "bench-follow-"));
    const envFile = join(envDir, ".env");
    writeFileSync(envFile, "APP=bench\n");
    await services.targets.set(folder, await buildTarget(client, "emulator", `${prod}/endpoints/primary`));
    const links = new BranchLinks({ get: <T>(k: string) => store.get(`links:${k}`) as T | undefined, update: async (k, v) => void store.set(`links:${k}`, v) });
    const followTimes: number[] = [];
    try {
      for (let rep = 0; rep < REPS; rep++) {
        for (const [gitBranch, toDefault] of [["feature/x", false], ["main", true]] as const) {
          const t = Date.now();
          const r = await followGitBranch(services, links, { folder, gitBranch, toDefault, envFile, allowedRoot: envDir });
          if (r.created || !r.envWritten || r.unchanged) throw new Error(`follow ${gitBranch}: expected a switch of an existing branch, got ${JSON.stringify({ ...r, target: undefined })}`);
          followTimes.push(Date.now() - t);
        }
      }
    } finally {
      rmSync(envDir, { recursive: true, force: true });
    }
    const follow = median(followTimes);

    // 2. Schema diff.
    const from = { profile: "emulator", branch: prod };
    const to = { profile: "emulator", branch: feature.name };
    const t0 = Date.now();
    await compareBranches(services, from, to);
    const coldMs = Date.now() - t0;
    const times: number[] = [];
    let lines: string[] = [];
    let objects = 0;
    for (let rep = 0; rep < REPS; rep++) {
      const t = Date.now();
      const cmp = await compareBranches(services, from, to);
      lines = describeChanges(cmp.diff);
      draftMigrationSql(cmp.diff, { from: "production", to: "feature-x" });
      times.push(Date.now() - t);
      objects = cmp.from.size;
    }
    const warm = median(times);
    const expected = Math.min(20, TABLES) * 2 + 1;
    if (lines.length !== expected) throw new Error(`expected ${expected} changes, got ${lines.length}: ${lines.slice(0, 5).join("; ")}`);
    const results: Check[] = [
      { what: "checkout of a git branch whose Lakebase branch exists (target + .env)", value: follow, limit: 2000, unit: " ms", pass: follow <= 2000 },
      { what: `schema diff of two ${TABLES}-table branches (read both, diff, draft)`, value: warm, limit: 2000, unit: " ms", pass: warm <= 2000 },
      { what: "the same, first compare (credentials minted, connections opened)", value: coldMs, limit: 2000, unit: " ms", pass: coldMs <= 2000 },
    ];
    process.stdout.write(`Follow a checkout: median ${follow} ms over ${followTimes.length} switches\n`);
    process.stdout.write(`Schema diff: ${objects} objects per branch, ${lines.length} changes; first compare (connect + credentials) ${coldMs} ms, then median of ${REPS}: ${warm} ms\n`);
    process.stdout.write(`${checks(results)}\n`);
    mkdirSync(join(import.meta.dirname, "results"), { recursive: true });
    writeFileSync(join(import.meta.dirname, "results", "branching.json"), `${JSON.stringify({ date: new Date().toISOString(), followTimes, tables: TABLES, objects, changes: lines.length, coldMs, times, checks: results }, null, 2)}\n`);
    if (results.some((c) => !c.pass)) process.exitCode = 1;
  } finally {
    await services.dispose();
    await emu.stop();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`bench failed: ${err.stack ?? err.message}\n`);
  process.exitCode = 1;
});
