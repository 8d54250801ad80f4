import type { ControlPlane } from "../controlPlane";
import { badRequest, notFound } from "../errors";
import { nowIso } from "../state";

/**
 * Scale-to-zero on demand (a test hook: the service does it after `suspend_timeout_duration` idle).
 * The endpoint turns IDLE, keeps its host, and its next login wakes it: while that login waits,
 * `pending_state` is ACTIVE (the API's "waking" — reference §1.3 has no STARTING state); then ACTIVE again.
 */
export async function suspendEndpoint(cp: ControlPlane, name: string, wakeMs: number): Promise<number> {
  const ep = cp.state.endpoints.get(name);
  if (!ep) throw notFound("endpoint");
  if (!ep._address) throw badRequest(`Endpoint '${name}' has no running compute to suspend (state ${String(ep.status.current_state)}).`);
  const dropped = await cp.dataPlane.suspendEndpoint(name, wakeMs, (phase) => {
    if (phase === "waking") {
      ep.status.pending_state = "ACTIVE";
    } else {
      ep.status.current_state = "ACTIVE";
      delete ep.status.pending_state;
      ep.status.last_active_time = nowIso();
    }
    cp.changed();
  });
  ep.status.current_state = "IDLE";
  delete ep.status.pending_state;
  cp.changed();
  return dropped;
}
