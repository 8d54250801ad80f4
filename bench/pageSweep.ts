/**
 * `npx tsx bench/pageSweep.ts`: time to first page and total for several page sizes (QueryRunner,
 * same 1M-row table as bench/run.ts), to choose lakebase.query.pageSize. Env: BENCH_ROWS, BENCH_REPS, SWEEP_SIZES.
 */
import { startEmulator } from "../emulator/index";
import { runWorker } from "./processes";
import { median } from "./report";
import { type BenchTarget, buildStack } from "./stack";
import { setupSql } from "./table";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const REPS = Number(process.env.BENCH_REPS ?? 3);
const SIZES = (process.env.SWEEP_SIZES ?? "500,1000,2000,5000").split(",").map(Number);

async function main(): Promise<void> {
  const emu = await startEmulator({ seed: true });
  try {
    const seed = emu.postgres.seeded!;
    const target: BenchTarget = { workspaceUrl: emu.workspaceUrl, caFile: emu.caFile, pat: emu.identities.user.pat, db: { profile: "emulator", endpoint: seed.endpoint, host: seed.host, port: seed.port, database: seed.database, user: emu.identities.user.email } };
    const stack = buildStack(target);
    const setup = await stack.runner.runScript(target.db, setupSql(ROWS));
    await stack.dispose();
    if (setup.error) throw new Error(setup.error.message);
    for (const pageSize of SIZES) {
      const runs = [];
      for (let i = 0; i < REPS; i++) runs.push(await runWorker("runner", target, { sql: "SELECT * FROM bench_rows", pageSize }));
      const first = runs.map((r) => r.firstPageMs ?? NaN);
      process.stdout.write(`page ${String(pageSize).padStart(6)}: first page ${first.map((f) => f.toFixed(1)).join("/")} ms (median ${median(first).toFixed(1)}), total median ${median(runs.map((r) => r.totalMs)).toFixed(0)} ms, RSS Δ ${(median(runs.map((r) => r.rssDeltaBytes)) / 1048576).toFixed(1)} MB\n`);
    }
  } finally {
    await emu.stop();
  }
}

main().catch((err: Error) => { process.stderr.write(`${err.stack ?? err.message}\n`); process.exitCode = 1; });
