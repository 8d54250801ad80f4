/**
 * What the credential status bar item shows, as a pure function of the credential's status and
 * the wall clock: recomputed on every tick, so after a laptop sleep the countdown is right at
 * once. No vscode import: the item itself lives in credentialStatusBar.ts.
 */
import { computeLabel, type ComputeState } from "../../core/compute/computeState";
import type { CredentialStatus } from "../../core/credentials/types";
import type { WorkspaceTarget } from "../../core/target/targetStore";

/** The branch's short name, with a lock when it is protected. */
export function targetStatusLabel(t: Pick<WorkspaceTarget, "branch" | "branchLabel" | "isProtected">): string {
  const name = t.branchLabel ?? t.branch.split("/").pop() ?? t.branch;
  return t.isProtected ? `$(lock) ${name}` : name;
}

export type Severity = "normal" | "warning" | "error";

export interface CredentialViewInput {
  /** Short name of the target: the branch label. */
  label: string;
  profile: string;
  endpoint: string;
  database: string;
  user?: string;
  /** The credential's status; undefined while the Postgres user is still being looked up. */
  status?: CredentialStatus;
  /** Why the target could not be resolved (not signed in, profile gone…). */
  problem?: string;
  /** The endpoint's compute, when known: idle and waking show in the text, every state in the tooltip. */
  compute?: ComputeState;
  now: number;
}

const COMPUTE_NOTE: Partial<Record<ComputeState, string>> = {
  idle: ": the next connection wakes it",
  waking: " (the first connection after scale-to-zero waits for it)",
};

export interface CredentialView {
  text: string;
  severity: Severity;
  spinning: boolean;
  /** Plain lines; the shell renders them as markdown. */
  tooltip: string[];
  /** One-word state for tests and the accessibility label. */
  state: CredentialStatus["state"] | "resolving" | "unavailable";
}

/** `52m`, `1h 05m`, `45s`: minutes while there are minutes, seconds for the last one. */
export function formatRemaining(ms: number): string {
  if (ms <= 0) return "expired";
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, "0")}m`;
}

function clock(d: Date): string {
  return d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

export function credentialView(input: CredentialViewInput): CredentialView {
  const { label, status, now } = input;
  const head = [
    `Profile: ${input.profile}`,
    `Endpoint: ${input.endpoint}`,
    `Database: ${input.database}`,
    `Postgres user: ${input.user ?? "(looking up…)"}`,
  ];
  if (input.problem) {
    return {
      text: `$(database) ${label} · $(error)`,
      severity: "error",
      spinning: false,
      state: "unavailable",
      tooltip: ["Lakebase credential unavailable", ...head, `Problem: ${input.problem}`, "Click for actions"],
    };
  }
  if (!status) {
    return { text: `$(sync~spin) ${label}`, severity: "normal", spinning: true, state: "resolving", tooltip: ["Lakebase credential: connecting…", ...head] };
  }

  const expire = status.expireTime?.getTime();
  const remaining = expire !== undefined ? expire - now : undefined;
  const expired = remaining !== undefined && remaining <= 0;
  const waking = input.compute === "waking";
  const spinning = status.state === "refreshing" || waking;
  const countdown = remaining === undefined ? "" : ` · ${formatRemaining(remaining)}`;
  const icon = spinning ? "$(sync~spin)" : "$(database)";
  const compute = input.compute === "idle" ? " · idle" : waking ? " · waking up…" : "";

  let severity: Severity = "normal";
  if (expired || (status.state === "failed" && remaining === undefined)) severity = "error";
  else if (status.state === "expiring-soon" || status.state === "failed" || status.lastError) severity = "warning";

  const lines = [`Lakebase credential: ${describeState(status, expired)}`, ...head];
  if (input.compute) lines.push(`Compute: ${computeLabel(input.compute)}${COMPUTE_NOTE[input.compute] ?? ""}`);
  if (status.expireTime) lines.push(`Expires: ${clock(status.expireTime)}${expired ? " (expired)" : ` (in ${formatRemaining(remaining!)})`}`);
  if (status.lastRefresh) lines.push(`Last successful refresh: ${clock(status.lastRefresh)}`);
  if (status.lastError) lines.push(`Last attempt failed at ${clock(status.lastError.at)}: ${status.lastError.message}`);
  if (status.nextRefresh && !spinning) lines.push(`Next refresh: ${clock(status.nextRefresh)}`);
  lines.push("Click for actions");
  return { text: `${icon} ${label}${compute}${countdown}`, severity, spinning, state: expired ? "expired" : status.state, tooltip: lines };
}

function describeState(status: CredentialStatus, expired: boolean): string {
  if (expired) return "expired";
  switch (status.state) {
    case "empty": return "not fetched yet";
    case "fresh": return status.lastError ? "valid (last refresh failed)" : "valid";
    case "refreshing": return "refreshing…";
    case "expiring-soon": return status.lastError ? "expiring soon, refresh failing" : "expiring soon";
    case "expired": return "expired";
    case "failed": return "refresh failed";
  }
}
