/**
 * Concurrent callers, each running queries one after another through the QueryRunner (as the
 * extension's query command does) and checking every answer against what it must be.
 */
import { createHash } from "node:crypto";
import type { DbTarget } from "../../src/core/db/types";
import type { QueryRunner } from "../../src/core/db/queryRunner";

export interface CallerStats {
  run: number;
  failed: number;
  /**
   * Queries whose own session the server terminated while they ran (57P01, only the soak's
   * drops cause it). The runner retries those once on a reused connection, not on one it has
   * just opened: re-running a statement that may have run could apply it twice.
   */
  interrupted: number;
  /** The first distinct failure messages (bounded). */
  failures: string[];
  maxLatencyMs: number;
}

interface Probe { sql: string; expect: string[][] }

/** The server ended the query's own session: 57P01, or the socket closing before its FATAL was read. */
function isSessionTerminated(e: { sqlstate?: string; message: string }): boolean {
  return e.sqlstate === "57P01" || /^Connection terminated unexpectedly$/.test(e.message);
}

/** Small queries of three shapes: a computed value, a scan, and one that holds its connection a while. */
function probe(n: number): Probe {
  switch (n % 3) {
    case 0: return { sql: `SELECT ${n}::int AS n, md5('${n}') AS h`, expect: [[String(n), createHash("md5").update(String(n)).digest("hex")]] };
    case 1: return { sql: `SELECT count(*) FROM generate_series(1, ${1000 + (n % 1000)})`, expect: [[String(1000 + (n % 1000))]] };
    default: return { sql: `SELECT ${n} AS n FROM pg_sleep(0.02)`, expect: [[String(n)]] };
  }
}

export async function runCallers(runner: QueryRunner, target: DbTarget, count: number, stop: AbortSignal): Promise<CallerStats> {
  const stats: CallerStats = { run: 0, failed: 0, interrupted: 0, failures: [], maxLatencyMs: 0 };
  const fail = (msg: string) => {
    stats.failed++;
    if (stats.failures.length < 20 && !stats.failures.includes(msg)) stats.failures.push(msg);
  };
  let seq = 0;
  const caller = async () => {
    while (!stop.aborted) {
      const p = probe(seq++);
      const started = performance.now();
      try {
        const s = await runner.runScript(target, p.sql, { returnRows: 10 });
        const got = s.results[0]?.rows;
        if (s.error && isSessionTerminated(s.error)) stats.interrupted++;
        else if (s.error) fail(`${s.error.sqlstate ?? ""} ${s.error.message}`.trim());
        else if (JSON.stringify(got) !== JSON.stringify(p.expect)) fail(`wrong answer to ${p.sql}: ${JSON.stringify(got)}`);
      } catch (err) {
        fail(`threw: ${(err as Error).message}`);
      }
      stats.run++;
      stats.maxLatencyMs = Math.max(stats.maxLatencyMs, performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: count }, caller));
  return stats;
}
