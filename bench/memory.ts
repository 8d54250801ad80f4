/** Peak resident memory of this process while something runs, sampled and cross-checked with getrusage. */
export class RssSampler {
  private peak = 0;
  private timer: NodeJS.Timeout | undefined;
  readonly baseline: number;
  private readonly maxRssBefore: number;

  constructor(intervalMs = 5) {
    this.baseline = process.memoryUsage.rss();
    this.maxRssBefore = process.resourceUsage().maxRSS * 1024;
    this.peak = this.baseline;
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  sample(): void {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
  }

  /** Peak RSS growth over the baseline, in bytes. */
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    // Samples can miss a short spike between ticks; a new lifetime maximum catches it.
    const maxRss = process.resourceUsage().maxRSS * 1024;
    const peak = maxRss > this.maxRssBefore ? Math.max(this.peak, maxRss) : this.peak;
    return Math.max(0, peak - this.baseline);
  }
}

/** Forces a full GC when node runs with --expose-gc, so baselines do not carry setup garbage. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
