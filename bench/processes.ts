/** Runs a bench child process: a worker (JSON result) or a baseline command under /usr/bin/time (peak RSS). */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BenchTarget } from "./stack";
import type { WorkerOptions, WorkerResult } from "./worker";

const WORKER = join(import.meta.dirname, "worker.ts");

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, stdout: "pipe" | "ignore"): Promise<{ code: number | null; out: string; err: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { env, stdio: ["ignore", stdout, "pipe"] });
    let out = "";
    let err = "";
    child.stdout?.on("data", (d: Buffer) => { out += d.toString(); });
    child.stderr?.on("data", (d: Buffer) => { err += d.toString(); });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out, err, ms: performance.now() - started }));
  });
}

export async function runWorker(mode: "runner" | "pg" | "export", target: BenchTarget, opts: WorkerOptions): Promise<WorkerResult> {
  const r = await run(process.execPath, ["--expose-gc", "--import", "tsx", WORKER, mode, JSON.stringify(target), JSON.stringify(opts)], process.env, "pipe");
  if (r.code !== 0) throw new Error(`bench worker ${mode} exited with ${r.code}: ${r.err.trim()}`);
  return JSON.parse(r.out.trim().split("\n").pop()!) as WorkerResult;
}

export interface BaselineResult { totalMs: number; peakRssBytes: number }

/** psql with the credential as PGPASSWORD, its output discarded; timed from spawn to exit. */
export async function runPsql(target: BenchTarget, password: string, args: string[]): Promise<BaselineResult> {
  const dir = mkdtempSync(join(tmpdir(), "lakebase-bench-"));
  const timeFile = join(dir, "rss");
  try {
    const env = {
      ...process.env,
      PGHOST: target.db.host, PGPORT: String(target.db.port ?? 5432), PGDATABASE: target.db.database,
      PGUSER: target.db.user, PGPASSWORD: password, PSQLRC: "/dev/null",
      // The same verified TLS as the runner: a fair baseline.
      PGSSLMODE: "verify-full", ...(target.caFile ? { PGSSLROOTCERT: target.caFile } : {}),
    };
    const hasTime = existsSync("/usr/bin/time");
    const [cmd, argv] = hasTime ? ["/usr/bin/time", ["-f", "%M", "-o", timeFile, "psql", "-X", "-v", "ON_ERROR_STOP=1", ...args]] : ["psql", ["-X", "-v", "ON_ERROR_STOP=1", ...args]];
    const r = await run(cmd, argv, env, "ignore");
    if (r.code !== 0) throw new Error(`psql exited with ${r.code}: ${r.err.trim()}`);
    const peakKb = hasTime ? Number(readFileSync(timeFile, "utf8").trim().split("\n").pop()) : NaN;
    return { totalMs: r.ms, peakRssBytes: peakKb * 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
