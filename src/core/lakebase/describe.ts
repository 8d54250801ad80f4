import type { Branch, Endpoint, Project } from "./types";
import { lastSegment } from "./resourceNames";

/**
 * Short display texts for tree rows and pickers. Built only from API fields; unknown or missing
 * states render as "unknown" rather than failing.
 */

export function projectLabel(p: Project): string {
  return p.status?.display_name || p.project_id || lastSegment(p.name);
}

export function branchLabel(b: Branch): string {
  return b.branch_id || b.status?.branch_id || lastSegment(b.name);
}

export function endpointLabel(e: Endpoint): string {
  return e.endpoint_id || e.status?.endpoint_id || lastSegment(e.name);
}

export function isDefaultBranch(b: Branch): boolean {
  return b.status?.default === true;
}

/** e.g. "default · READY · protected" or "READY → ARCHIVED · expires 2026-02-06 17:07". */
export function describeBranch(b: Branch): string {
  const s = b.status ?? {};
  const parts: string[] = [];
  if (s.default) parts.push("default");
  let state = s.current_state ?? "unknown";
  if (s.pending_state && s.pending_state !== s.current_state) state += ` → ${s.pending_state}`;
  parts.push(state);
  if (s.is_protected) parts.push("protected");
  if (s.expire_time) parts.push(`expires ${formatTime(s.expire_time)}`);
  return parts.join(" · ");
}

/** "0.5–4 CU", or "4 CU" when min = max; undefined when the API gave no limits. */
export function autoscalingRange(e: Endpoint): string | undefined {
  const min = e.status?.autoscaling_limit_min_cu;
  const max = e.status?.autoscaling_limit_max_cu;
  if (min === undefined && max === undefined) return undefined;
  if (min === undefined || max === undefined || min === max) return `${min ?? max} CU`;
  return `${min}–${max} CU`;
}

export function endpointTypeLabel(e: Endpoint): string | undefined {
  switch (e.status?.endpoint_type) {
    case "ENDPOINT_TYPE_READ_WRITE": return "read-write";
    case "ENDPOINT_TYPE_READ_ONLY": return "read-only";
    default: return e.status?.endpoint_type;
  }
}

/** e.g. "ACTIVE · read-write · 0.5–4 CU" or "IDLE → ACTIVE · read-only · 1 CU · disabled". */
export function describeEndpoint(e: Endpoint): string {
  const s = e.status ?? {};
  let state = s.current_state ?? "unknown";
  if (s.pending_state && s.pending_state !== s.current_state) state += ` → ${s.pending_state}`;
  const parts = [state];
  const type = endpointTypeLabel(e);
  if (type) parts.push(type);
  const range = autoscalingRange(e);
  if (range) parts.push(range);
  if (s.disabled) parts.push("disabled");
  return parts.join(" · ");
}

/** The read-write host users connect to (`status.hosts.host`), if the endpoint has one yet. */
export function endpointHost(e: Endpoint): string | undefined {
  return e.status?.hosts?.host || undefined;
}

/** Endpoints `databricks psql` agrees to connect to (reference §4). */
export function isConnectableState(e: Endpoint): boolean {
  const st = e.status?.current_state;
  return (st === "ACTIVE" || st === "IDLE") && e.status?.disabled !== true;
}

/** "2026-02-06 17:07 UTC" from an RFC3339 string; the raw text when unparsable. */
export function formatTime(rfc3339: string): string {
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
