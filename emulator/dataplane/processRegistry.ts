/**
 * Every postgres process this module starts, so a crashing or interrupted
 * test run still stops them. Fast shutdown (SIGINT) lets each cluster finish
 * on its own after Node is gone.
 */
import { spawn, type ChildProcess } from "node:child_process";

const live = new Set<ChildProcess>();
let hooked = false;

export function trackProcess(child: ChildProcess): void {
  live.add(child);
  child.once("exit", () => live.delete(child));
  if (!hooked) installHooks();
  // Neither the postmaster nor its watchdog keeps Node alive: a forgotten
  // stop() must not hang a test run, and the hooks below still clean up.
  child.unref();
  if (child.pid !== undefined) watchForOrphaning(child);
}

/**
 * If Node dies without running hooks (SIGKILL, OOM), a tiny shell whose stdin
 * is a pipe from us sees EOF and fast-stops the postmaster.
 */
function watchForOrphaning(child: ChildProcess): void {
  const dog = spawn("sh", ["-c", `read _; kill -INT ${child.pid} 2>/dev/null`], { stdio: ["pipe", "ignore", "ignore"] });
  dog.on("error", () => undefined);
  dog.stdin?.on("error", () => undefined);
  (dog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  dog.unref();
  // Once the postmaster is gone its pid may be reused: retire the watchdog first.
  child.once("exit", () => dog.kill("SIGKILL"));
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
