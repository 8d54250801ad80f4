/**
 * `npx tsx bench/exportSweep.ts`: the CSV export against `psql \copy` only, interleaved run by run
 * (so both see the same load), many times, with the medians and the export worker's own CPU time —
 * to find where the export's time goes. Same 1M-row table as bench/run.ts. Env: BENCH_ROWS, BENCH_REPS (default 7).
 */
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator } from "../emulator/index";
import { runPsql, runWorker } from "./processes";
import { median } from "./report";
import { type BenchTarget, buildStack } from "./stack";
import { setupSql } from "./table";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const REPS = Number(process.env.BENCH_REPS ?? 7);
const SQL = "SELECT * FROM bench_rows";

async function main(): Promise<void> {
  const emu = await startEmulator({ seed: true });
  const exportPath = join(tmpdir(), `lakebase-sweep-export-${process.pid}.csv`);
  const psqlPath = join(tmpdir(), `lakebase-sweep-psql-${process.pid}.csv`);
  try {
    const seed = emu.postgres.seeded!;
    const target: BenchTarget = { workspaceUrl: emu.workspaceUrl, caFile: emu.caFile, pat: emu.identities.user.pat, db: { profile: "emulator", endpoint: seed.endpoint, host: seed.host, port: seed.port, database: seed.database, user: emu.identities.user.email } };
    const stack = buildStack(target);
    const setup = await stack.runner.runScript(target.db, setupSql(ROWS));
    const { token } = await stack.lakebase.generateCredential(seed.endpoint);
    await stack.dispose();
    if (setup.error) throw new Error(setup.error.message);
    const ratios: number[] = [];
    const ex: number[] = [];
    const ps: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < REPS; i++) {
      // Alternate which goes first: a warm page cache or a busy neighbour must not always favour one.
      const psql = () => runPsql(target, token, ["-c", `\\copy (${SQL}) to '${psqlPath}' csv header`]);
      const exp = () => runWorker("export", target, { sql: SQL, exportPath });
      let p: Awaited<ReturnType<typeof psql>>;
      let e: Awaited<ReturnType<typeof exp>>;
      if (i % 2 === 0) { p = await psql(); e = await exp(); } else { e = await exp(); p = await psql(); }
      ps.push(p.totalMs);
      ex.push(e.totalMs);
      cpu.push(Number((e.detail as { cpuMs?: number } | undefined)?.cpuMs ?? NaN));
      ratios.push(e.totalMs / p.totalMs);
      process.stdout.write(`run ${i + 1}: export ${e.totalMs.toFixed(0)} ms (worker CPU ${cpu.at(-1)!.toFixed(0)} ms), psql \\copy ${p.totalMs.toFixed(0)} ms, ratio ${ratios.at(-1)!.toFixed(2)}\n`);
    }
    process.stdout.write(`median: export ${median(ex).toFixed(0)} ms, psql \\copy ${median(ps).toFixed(0)} ms, ratio of medians ${(median(ex) / median(ps)).toFixed(2)}, median of ratios ${median(ratios).toFixed(2)} (min ${Math.min(...ratios).toFixed(2)}, max ${Math.max(...ratios).toFixed(2)}); export worker CPU median ${median(cpu).toFixed(0)} ms\n`);
  } finally {
    rmSync(exportPath, { force: true });
    rmSync(psqlPath, { force: true });
    await emu.stop();
  }
}

main().catch((err: Error) => { process.stderr.write(`${err.stack ?? err.message}\n`); process.exitCode = 1; });
