/**
 * `npm run bench`: streams a 1M-row × 10-column result from the emulator's Postgres (through its
 * front door, with a minted credential) and compares:
 *   - QueryRunner (pages discarded after each event, as the results panel host does once it has posted them)
 *   - psql -At (output to /dev/null), and plain `pg` reading the whole result into one array;
 *   - CSV export (src/core/db/export.ts, COPY … TO STDOUT) vs psql's \copy … csv header.
 * Every measurement runs in its own process; the median of BENCH_REPS runs (default 3) is reported.
 * Targets: first page < 50 ms; total ≤ 2× psql -At; RSS growth < 64 MB; export ≤ 1.1× psql \copy (issue #15).
 * Results: bench/results/latest.json. Env: BENCH_ROWS (default 1000000), BENCH_REPS, BENCH_PAGE_SIZE.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator } from "../emulator/index";
import { DEFAULT_QUERY_PAGE_SIZE } from "../src/ui/query/queryDefaults";
import { runPsql, runWorker } from "./processes";
import { type Check, checks, median, type Row, table } from "./report";
import { type BenchTarget, buildStack } from "./stack";
import { setupSql } from "./table";
import { benchAgent } from "./agent";
import type { WorkerResult } from "./worker";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const REPS = Math.max(1, Number(process.env.BENCH_REPS ?? 3));
const PAGE_SIZE = Number(process.env.BENCH_PAGE_SIZE ?? DEFAULT_QUERY_PAGE_SIZE);
const SQL = "SELECT * FROM bench_rows";
const MB = 1024 * 1024;


const log = (s: string) => process.stderr.write(`${s}\n`);

async function main(): Promise<void> {
  const t0 = Date.now();
  const emu = await startEmulator({ seed: true });
  const exportPath = join(tmpdir(), `lakebase-bench-export-${process.pid}.csv`);
  const psqlPath = join(tmpdir(), `lakebase-bench-psql-${process.pid}.csv`);
  try {
    const seed = emu.postgres.seeded!;
    const target: BenchTarget = {
      workspaceUrl: emu.workspaceUrl,
      caFile: emu.caFile,
      pat: emu.identities.user.pat,
      db: { profile: "emulator", endpoint: seed.endpoint, host: seed.host, port: seed.port, database: seed.database, user: emu.identities.user.email },
    };
    const stack = buildStack(target);
    const setup = await stack.runner.runScript(target.db, setupSql(ROWS));
    if (setup.error) throw new Error(`setup failed: ${setup.error.message}`);
    const { token } = await stack.lakebase.generateCredential(seed.endpoint);
    await stack.dispose();
    log(`bench: ${ROWS} rows ready in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${REPS} rep(s), page size ${PAGE_SIZE}`);

    const raw: Record<string, Array<WorkerResult | { totalMs: number; peakRssBytes: number }>> = { psqlAt: [], pg: [], runner: [], psqlCopy: [], export: [] };
    for (let rep = 1; rep <= REPS; rep++) {
      raw.psqlAt.push(await runPsql(target, token, ["-At", "-c", SQL]));
      raw.pg.push(await runWorker("pg", target, { sql: SQL }));
      raw.runner.push(await runWorker("runner", target, { sql: SQL, pageSize: PAGE_SIZE }));
      raw.psqlCopy.push(await runPsql(target, token, ["-c", `\\copy (${SQL}) to '${psqlPath}' csv header`]));
      raw.export.push(await runWorker("export", target, { sql: SQL, exportPath }));
      log(`bench: rep ${rep}/${REPS} done`);
    }
    const runs = raw as unknown as { psqlAt: Array<{ totalMs: number; peakRssBytes: number }>; psqlCopy: Array<{ totalMs: number; peakRssBytes: number }>; pg: WorkerResult[]; runner: WorkerResult[]; export: WorkerResult[] };
    for (const r of [...runs.runner, ...runs.pg, ...runs.export]) if (r.rows !== ROWS) throw new Error(`expected ${ROWS} rows, a run saw ${r.rows}`);

    const m = (xs: Array<number | null>) => median(xs.map((x) => x ?? NaN));
    const worker = (name: string, rs: WorkerResult[], note?: string): Row => ({ name, firstPageMs: m(rs.map((r) => r.firstPageMs)), totalMs: m(rs.map((r) => r.totalMs)), rssDeltaMb: m(rs.map((r) => r.rssDeltaBytes)) / MB, note });
    const psql = (name: string, rs: Array<{ totalMs: number; peakRssBytes: number }>, note: string): Row => ({ name, firstPageMs: null, totalMs: m(rs.map((r) => r.totalMs)), rssDeltaMb: m(rs.map((r) => r.peakRssBytes)) / MB, note });

    const psqlAt = psql("psql -At", runs.psqlAt, "process wall time incl. connect; RSS = peak of the process");
    const query: Row[] = [
      worker("QueryRunner", runs.runner, `pages of ${PAGE_SIZE}, warm pool`),
      psqlAt,
      worker("pg (whole result)", runs.pg, "first page = whole result"),
    ];
    const psqlCopy = psql("psql \\copy csv", runs.psqlCopy, "process wall time incl. connect");
    const exportRows: Row[] = [worker("exportQuery csv", runs.export, "first page = first byte written"), psqlCopy];

    const runner = query[0];
    const results: Check[] = [
      { what: "QueryRunner time to first page", value: runner.firstPageMs!, limit: 50, unit: " ms", pass: runner.firstPageMs! < 50 },
      { what: "QueryRunner total vs psql -At", value: runner.totalMs / psqlAt.totalMs, limit: 2, unit: "×", pass: runner.totalMs <= 2 * psqlAt.totalMs },
      { what: "QueryRunner memory growth", value: runner.rssDeltaMb!, limit: 64, unit: " MB", pass: runner.rssDeltaMb! < 64 },
      { what: "CSV export vs psql \\copy", value: exportRows[0].totalMs / psqlCopy.totalMs, limit: 1.1, unit: "×", pass: exportRows[0].totalMs <= 1.1 * psqlCopy.totalMs },
    ];
    const agent = await benchAgent(emu, REPS);
    results.push(...agent.checks);
    const out = [
      table(`Query: ${ROWS.toLocaleString("en-US")} rows × 10 columns (${SQL}), median of ${REPS}`, query, psqlAt),
      "",
      table("CSV export of the same result", exportRows, psqlCopy),
      "",
      checks(results),
    ].join("\n");
    process.stdout.write(`${out}\n`);

    mkdirSync(join(import.meta.dirname, "results"), { recursive: true });
    writeFileSync(join(import.meta.dirname, "results", "latest.json"), `${JSON.stringify({
      date: new Date().toISOString(), rows: ROWS, reps: REPS, pageSize: PAGE_SIZE, node: process.version,
      query, export: exportRows, agent, checks: results, raw,
    }, null, 2)}\n`);
    process.stdout.write(`${results.filter((c) => c.pass).length} passed, ${results.filter((c) => !c.pass).length} failed\n`);
    if (results.some((c) => !c.pass)) process.exitCode = 1;
  } finally {
    rmSync(exportPath, { force: true });
    rmSync(psqlPath, { force: true });
    await emu.stop();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`bench failed: ${err.stack ?? err.message}\n`);
  process.exitCode = 1;
});
