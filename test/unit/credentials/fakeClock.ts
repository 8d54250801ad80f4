/** A manual clock for the refresher: time moves only when a test says so. */
import type { Clock } from "../../../src/core/credentials/clock";

interface Timer { at: number; fn: () => void; id: number }

export class FakeClock implements Clock {
  private timers: Timer[] = [];
  private nextId = 1;
  constructor(public time = Date.UTC(2026, 0, 1, 12)) {}

  now(): number { return this.time; }
  setTimer(fn: () => void, ms: number): unknown {
    const t = { at: this.time + ms, fn, id: this.nextId++ };
    this.timers.push(t);
    return t.id;
  }
  clearTimer(handle: unknown): void { this.timers = this.timers.filter((t) => t.id !== handle); }
  pending(): number { return this.timers.length; }

  /** Moves time forward, firing due timers in order and letting promises settle between them. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await flush();
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = Math.max(this.time, due.at);
      due.fn();
    }
    this.time = end;
    await flush();
  }

  /** A jump of the wall clock without timers firing (a laptop waking from sleep). */
  jump(ms: number): void { this.time += ms; }
}

export async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
