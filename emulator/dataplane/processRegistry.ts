/**
 * Every postgres process this module starts, so a crashing or interrupted
 * test run still stops them. Fast shutdown (SIGINT) lets each cluster finish
 * on its own after Node is gone.
 */
import type { ChildProcess } from "node:child_process";

const live = new Set<ChildProcess>();
let hooked = false;

export function trackProcess(child: ChildProcess): void {
  live.add(child);
  child.once("exit", () => live.delete(child));
  if (!hooked) installHooks();
}

function killAll(): void {
  for (const child of live) {
    try { child.kill("SIGINT"); } catch { /* already gone */ }
  }
  live.clear();
}

function installHooks(): void {
  hooked = true;
  process.once("exit", killAll);
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    const onSignal = (): void => {
      killAll();
      // Only re-raise when nobody else handles the signal, keeping Node's default behaviour.
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
    };
    process.once(sig, onSignal);
  }
}
