/** Memory after a full collection (the soak runs with --expose-gc), so growth means retention. */
export interface MemorySample { rss: number; heapUsed: number }

export function sampleMemory(): MemorySample {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed };
}

export const MB = 1024 * 1024;
