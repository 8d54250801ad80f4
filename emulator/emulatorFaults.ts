import type { AuthStore } from "./auth";
import type { DataPlane } from "./dataPlanePort";
import type { CallFault, FaultState } from "./faultState";
import type { Operations, OperationTiming } from "./operations";

/** The typed fault-injection surface (Emulator.faults), also driven by /__emulator/ routes. */
export interface EmulatorFaults {
  /** The next `count` control-plane calls (/api/…) answer 429 / 500 / 503 (with Retry-After for 429/503) or never answer. */
  failNextCalls(count: number, kind: CallFault, opts?: { retryAfterSeconds?: number; pathPrefix?: string; method?: string }): void;
  /** POST /credentials fails with `status`, `count` times or (omitted) until cleared. */
  failCredentials(status: number, count?: number): void;
  /** Every credential issued so far expires now; returns how many were still valid. */
  expireAllCredentials(): number;
  /** Lifetime of credentials issued from now on, in seconds; undefined restores the default. */
  setCredentialLifetime(seconds: number | undefined): void;
  /** Revokes a workspace token (PAT or OAuth); false when it was not issued here. */
  revokeWorkspaceToken(token: string): boolean;
  /** Lifetime of OAuth tokens issued by /oidc/v1/token from now on. */
  setWorkspaceTokenLifetime(seconds: number): void;
  /** Operations answer done:false for `polls` polls and at least `minMs`. */
  setOperationTiming(polls: number, minMs?: number): void;
  /** Data plane: terminate every open Postgres session; returns how many. */
  dropAllSessions(): Promise<number>;
  /** Data plane: the first login to an idle endpoint (no session for `idleAfterMs`, default 500) waits `ms`. */
  setColdStart(ms: number, idleAfterMs?: number): void;
  /**
   * A project may have at most `max` live branches (root included; deleted ones do not count):
   * creating one more answers 400 RESOURCE_EXHAUSTED. undefined: no limit (the default).
   */
  setBranchLimit(max: number | undefined): void;
  /** Back to normal: clears injected failures, lifetimes, timing, cold start and the branch limit. */
  clear(): void;
}

export function createEmulatorFaults(deps: {
  faults: FaultState;
  auth: AuthStore;
  ops: Operations;
  dataPlane: DataPlane;
  defaults: OperationTiming & { workspaceTokenLifetimeSeconds: number };
}): EmulatorFaults {
  const { faults, auth, ops, dataPlane, defaults } = deps;
  return {
    failNextCalls: (count, kind, opts) => faults.failNextCalls(count, kind, opts),
    failCredentials: (status, count) => faults.failCredentials(status, count),
    expireAllCredentials: () => auth.expireAllCredentials(),
    setCredentialLifetime: (seconds) => {
      if (seconds !== undefined && !(seconds > 0)) throw new Error(`setCredentialLifetime: seconds must be > 0, got ${seconds}`);
      faults.credentialLifetimeSeconds = seconds;
    },
    revokeWorkspaceToken: (token) => auth.revokeWorkspaceToken(token),
    setWorkspaceTokenLifetime: (seconds) => {
      if (!(seconds > 0)) throw new Error(`setWorkspaceTokenLifetime: seconds must be > 0, got ${seconds}`);
      auth.workspaceTokenLifetimeSeconds = seconds;
    },
    setOperationTiming: (polls, minMs = 0) => {
      if (!(polls >= 0) || !(minMs >= 0)) throw new Error(`setOperationTiming: polls and minMs must be >= 0, got ${polls}, ${minMs}`);
      ops.timing.polls = polls;
      ops.timing.minMs = minMs;
    },
    dropAllSessions: () => dataPlane.dropAllSessions(),
    setColdStart: (ms, idleAfterMs) => dataPlane.setColdStart(ms, idleAfterMs),
    setBranchLimit: (max) => {
      if (max !== undefined && !(Number.isInteger(max) && max >= 1)) throw new Error(`setBranchLimit: max must be an integer >= 1, got ${max}`);
      faults.branchLimit = max;
    },
    clear: () => {
      faults.clear();
      faults.credentialLifetimeSeconds = undefined;
      auth.workspaceTokenLifetimeSeconds = defaults.workspaceTokenLifetimeSeconds;
      ops.timing.polls = defaults.polls;
      ops.timing.minMs = defaults.minMs;
      dataPlane.setColdStart(0);
    },
  };
}
