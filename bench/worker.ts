/**
 * One measurement in a fresh Node process (so one run's heap does not inflate the next one's RSS):
 *   worker.ts <runner|pg|export> '<BenchTarget JSON>' '<options JSON>'
 * Prints one JSON line: { firstPageMs, totalMs, rows, rssDeltaBytes, ... }.
 */
import pg from "pg";
import { exportQuery } from "../src/core/db/export";
import { TEXT_TYPES } from "../src/core/db/runnerTypes";
import { sslFor } from "../src/core/db/ssl";
import { TlsTrust } from "../src/core/tlsTrust";
import { collectGarbage, RssSampler } from "./memory";
import { type BenchTarget, buildStack } from "./stack";

export interface WorkerOptions { sql: string; pageSize?: number; exportPath?: string }
export interface WorkerResult { firstPageMs: number | null; totalMs: number; rows: number; rssDeltaBytes: number; detail?: Record<string, unknown> }

/**
 * A stack with a warm pool and credential (the panel's second query is the common case; cold
 * connect is reported apart), garbage collected, with memory sampling started.
 */
async function warmStack(t: BenchTarget): Promise<{ stack: ReturnType<typeof buildStack>; mem: RssSampler; coldConnectMs: number }> {
  const stack = buildStack(t);
  let coldConnectMs: number;
  try {
    const warm = await stack.runner.runScript(t.db, "SELECT 1");
    if (warm.error) throw new Error(warm.error.message);
    coldConnectMs = warm.timing.connectMs;
  } catch (err) {
    await stack.dispose();
    throw err;
  }
  collectGarbage();
  return { stack, mem: new RssSampler(), coldConnectMs };
}

async function runnerMode(t: BenchTarget, o: WorkerOptions): Promise<WorkerResult> {
  const { stack, mem, coldConnectMs } = await warmStack(t);
  try {
    const started = performance.now();
    let firstPageMs: number | null = null;
    let rows = 0;
    let pages = 0;
    const summary = await stack.runner.runScript(t.db, o.sql, {
      maxRows: Number.MAX_SAFE_INTEGER,
      pageSize: o.pageSize,
      // Like the panel host once a page is posted: count it and let it go.
      onEvent: (e) => {
        if (e.type !== "rows") return;
        firstPageMs ??= performance.now() - started;
        rows += e.rows.length;
        pages++;
      },
    });
    const totalMs = performance.now() - started;
    const rssDeltaBytes = mem.stop();
    if (summary.error) throw new Error(summary.error.message);
    return { firstPageMs, totalMs, rows, rssDeltaBytes, detail: { pages, timing: summary.timing, coldConnectMs } };
  } finally {
    await stack.dispose();
  }
}

async function pgMode(t: BenchTarget, o: WorkerOptions): Promise<WorkerResult> {
  const stack = buildStack(t);
  const { token } = await stack.lakebase.generateCredential(t.db.endpoint);
  const client = new pg.Client({ host: t.db.host, port: t.db.port, database: t.db.database, user: t.db.user, password: token, ssl: sslFor(t.db.host, new TlsTrust(t.caFile)) });
  try {
    await client.connect();
    await client.query("SELECT 1");
    collectGarbage();
    const mem = new RssSampler();
    const started = performance.now();
    // The whole result in one array: what most tools do without a cursor.
    const res = await client.query({ text: o.sql, rowMode: "array", types: TEXT_TYPES });
    const totalMs = performance.now() - started;
    const rssDeltaBytes = mem.stop();
    return { firstPageMs: totalMs, totalMs, rows: res.rows.length, rssDeltaBytes };
  } finally {
    await client.end().catch(() => undefined);
    await stack.dispose();
  }
}

async function exportMode(t: BenchTarget, o: WorkerOptions): Promise<WorkerResult> {
  const { stack, mem } = await warmStack(t);
  try {
    const started = performance.now();
    const cpu0 = process.cpuUsage();
    let firstByteMs: number | null = null;
    const result = await exportQuery(stack.pools, t.db, o.sql, {
      format: "csv",
      path: o.exportPath!,
      onProgress: (p) => { if (p.bytes > 0) firstByteMs ??= performance.now() - started; },
    });
    const totalMs = performance.now() - started;
    const cpu = process.cpuUsage(cpu0);
    return { firstPageMs: firstByteMs, totalMs, rows: result.rows, rssDeltaBytes: mem.stop(), detail: { bytes: result.bytes, cpuMs: (cpu.user + cpu.system) / 1000 } };
  } finally {
    await stack.dispose();
  }
}

const MODES = { runner: runnerMode, pg: pgMode, export: exportMode } as const;

async function main(): Promise<void> {
  const [mode, target, options] = process.argv.slice(2);
  const run = MODES[mode as keyof typeof MODES];
  if (!run) throw new Error(`unknown mode ${mode}; expected one of ${Object.keys(MODES).join(", ")}`);
  const result = await run(JSON.parse(target) as BenchTarget, JSON.parse(options) as WorkerOptions);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err: Error) => {
  process.stderr.write(`bench worker failed: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
