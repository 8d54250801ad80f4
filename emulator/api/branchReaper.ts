import type { ControlPlane } from "../controlPlane";
import { removeBranch } from "./branches";
import { isDeleted } from "./lookup";

/**
 * Branches past their `expire_time` are deleted by the service; so here, by a timer. Protected
 * and default branches are left alone (neither can be deleted). stop() waits for a pass under way.
 */
export function createBranchReaper(cp: ControlPlane, intervalMs: number): { start(): void; stop(): Promise<void> } {
  let pass: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const tick = (): void => {
    if (pass) return; // a slow pass (a Postgres to stop) must not overlap the next
    pass = reapExpiredBranches(cp)
      .then(() => undefined, (err: Error) => cp.log(`branch reaper: ${err.message}`))
      .finally(() => { pass = undefined; });
  };
  return {
    start() {
      timer ??= setInterval(tick, intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await pass;
    },
  };
}

/** Removes every expired branch now; returns their names. */
export async function reapExpiredBranches(cp: ControlPlane, now = Date.now()): Promise<string[]> {
  const expired = [...cp.state.branches.values()].filter((b) => {
    const at = typeof b.status.expire_time === "string" ? Date.parse(b.status.expire_time) : NaN;
    return at <= now && !isDeleted(b) && b.status.is_protected !== true && b.status.default !== true && !b._root;
  });
  for (const b of expired) cp.log(`branch ${b.name} expired at ${String(b.status.expire_time)}: deleting it`);
  await Promise.all(expired.map((b) => removeBranch(cp, b)));
  return expired.map((b) => b.name);
}
