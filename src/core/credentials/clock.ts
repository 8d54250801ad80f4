/** Time seam so the refresher can be tested without real waiting. */
export interface Clock {
  /** Wall-clock milliseconds (Date.now()): expiry is wall-clock time. */
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // A background refresher must never keep the process (or a test run) alive.
    t.unref();
    return t;
  },
  clearTimer: (h) => clearTimeout(h as NodeJS.Timeout),
};
