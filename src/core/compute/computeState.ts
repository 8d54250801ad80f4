import type { Endpoint } from "../lakebase/types";

/**
 * An endpoint's compute as users think of it. The API's states (reference §1.3: ACTIVE, IDLE, INIT,
 * DEGRADED) plus `pending_state`: a compute scaled to zero is IDLE, and while a connection wakes it the
 * API says IDLE → ACTIVE ("waking"); there is no STARTING state.
 */
export type ComputeState = "active" | "idle" | "waking" | "starting" | "degraded" | "disabled" | "unknown";

export function computeStateOf(e: Endpoint): ComputeState {
  const s = e.status ?? {};
  if (s.disabled) return "disabled";
  switch (s.current_state) {
    case "ACTIVE": return "active";
    case "IDLE": return s.pending_state === "ACTIVE" ? "waking" : "idle";
    case "INIT": return "starting";
    case "DEGRADED": return "degraded";
    default: return "unknown";
  }
}

const LABEL: Record<ComputeState, string> = {
  active: "active",
  idle: "idle (scaled to zero)",
  waking: "waking up",
  starting: "starting",
  degraded: "degraded",
  disabled: "disabled",
  unknown: "state unknown",
};

export function computeLabel(state: ComputeState): string {
  return LABEL[state];
}
