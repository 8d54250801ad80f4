/**
 * The credential manager's clock with forward jumps, as after a laptop sleep: the wall clock
 * (now) moves ahead at once while timers, which run on monotonic time, do not notice.
 * The emulator is given the same `now`, so both sides agree on what has expired.
 */
import { type Clock, systemClock } from "../../src/core/credentials/clock";

export class JumpClock implements Clock {
  private offsetMs = 0;
  readonly now = (): number => Date.now() + this.offsetMs;
  readonly setTimer = systemClock.setTimer;
  readonly clearTimer = systemClock.clearTimer;

  jump(ms: number): void {
    if (!(ms > 0)) throw new Error(`JumpClock.jump: ms must be > 0, got ${ms}`);
    this.offsetMs += ms;
  }

  get jumpedMs(): number {
    return this.offsetMs;
  }
}
