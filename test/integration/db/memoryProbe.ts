/**
 * One memory measurement in a fresh Node process started with --expose-gc (see memoryProbe.run.ts):
 *   memoryProbe.ts '<ProbeRequest JSON>'
 * A full collection runs before the baseline and before every sample, so each sample counts only
 * what is still reachable: a GC pause that happens (or not) between samples cannot move it.
 * Prints one JSON line (ProbeResult).
 */
import { buildStack } from "../../../bench/stack";
import type { BenchTarget } from "../../../bench/stack";

export interface ProbeRequest {
  target: BenchTarget;
  sql: string;
  /** "stream": pages are dropped as they come (the panel host); "keep": every row is kept (returnRows). */
  mode: "stream" | "keep";
  rows: number;
  pageSize: number;
  /** Sample every this many rows (stream mode). */
  sampleEvery: number;
}

export interface ProbeResult {
  rows: number;
  error?: string;
  /** The runner's own account of the first result. */
  rowCount: number | null;
  truncated: boolean;
  /** Peak of (live heap after a full GC) − baseline, bytes. */
  retainedHeapBytes: number;
  /** Peak RSS growth over the baseline, bytes (sampled with the heap). */
  rssGrowthBytes: number;
  samples: number;
}

function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("memoryProbe must run with --expose-gc");
  gc();
}

async function main(): Promise<void> {
  const req = JSON.parse(process.argv[2]) as ProbeRequest;
  const stack = buildStack(req.target);
  try {
    // Warm pool and credential first: the connection and its buffers are not what is measured.
    const warm = await stack.runner.runScript(req.target.db, "SELECT 1");
    if (warm.error) throw new Error(warm.error.message);
    collect();
    const base = process.memoryUsage();
    let peakHeap = base.heapUsed;
    let peakRss = base.rss;
    let samples = 0;
    const sample = () => {
      collect();
      const m = process.memoryUsage();
      peakHeap = Math.max(peakHeap, m.heapUsed);
      peakRss = Math.max(peakRss, m.rss);
      samples++;
    };
    let rows = 0;
    let nextSample = req.sampleEvery;
    const s = await stack.runner.runScript(req.target.db, req.sql, {
      maxRows: Infinity, maxResultBytes: Infinity,
      pageSize: req.pageSize,
      returnRows: req.mode === "keep" ? req.rows : undefined,
      onEvent: (e) => {
        if (e.type !== "rows") return;
        rows += e.rows.length;
        if (req.mode === "stream" && rows >= nextSample) {
          nextSample += req.sampleEvery;
          sample();
        }
      },
    });
    // The kept rows are still referenced by `s` here, so they count as retained.
    sample();
    const kept = s.results[0]?.rows?.length ?? 0;
    const result: ProbeResult = {
      rows: req.mode === "keep" ? kept : rows,
      error: s.error?.message,
      rowCount: s.results[0]?.rowCount ?? null,
      truncated: s.results[0]?.truncated ?? false,
      retainedHeapBytes: peakHeap - base.heapUsed,
      rssGrowthBytes: peakRss - base.rss,
      samples,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await stack.dispose();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`memoryProbe failed: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
