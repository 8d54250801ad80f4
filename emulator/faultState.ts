/**
 * Fault injection state. The HTTP server consults it before routing a
 * control-plane call; the credential route consults `takeCredentialFault`.
 * Every knob is available programmatically (Emulator.faults) and over
 * /__emulator/ (see api/admin.ts).
 */
export type CallFault = 429 | 500 | 503 | "hang";

export interface CallFaultPlan {
  kind: CallFault;
  remaining: number;
  retryAfterSeconds: number;
  /** Only calls whose path starts with this are affected (default: every /api/ call). */
  pathPrefix: string;
  /** Only calls with this HTTP method (default: any). */
  method?: string;
}

export interface CredentialFaultPlan {
  status: number;
  /** Infinity = until cleared. */
  remaining: number;
}

export class FaultState {
  callFault: CallFaultPlan | undefined;
  credentialFault: CredentialFaultPlan | undefined;
  /** Overrides every credential's lifetime (test-only), in seconds. */
  credentialLifetimeSeconds: number | undefined;
  /** Live (not deleted) branches a project may have, root included; undefined: no limit. */
  branchLimit: number | undefined;

  failNextCalls(count: number, kind: CallFault, opts: { retryAfterSeconds?: number; pathPrefix?: string; method?: string } = {}): void {
    if (!(count > 0)) throw new Error(`failNextCalls: count must be a positive number, got ${count}`);
    this.callFault = { kind, remaining: count, retryAfterSeconds: opts.retryAfterSeconds ?? 1, pathPrefix: opts.pathPrefix ?? "/api/", ...(opts.method ? { method: opts.method.toUpperCase() } : {}) };
  }

  /** Consumes one injected failure for this call, if any. */
  takeCallFault(path: string, method?: string): CallFaultPlan | undefined {
    const f = this.callFault;
    if (!f || !path.startsWith(f.pathPrefix) || (f.method && method && f.method !== method.toUpperCase())) return undefined;
    f.remaining--;
    if (f.remaining <= 0) this.callFault = undefined;
    return f;
  }

  failCredentials(status: number, count = Infinity): void {
    if (!(status >= 400 && status <= 599)) throw new Error(`failCredentials: status must be 400-599, got ${status}`);
    this.credentialFault = { status, remaining: count };
  }

  takeCredentialFault(): CredentialFaultPlan | undefined {
    const f = this.credentialFault;
    if (!f) return undefined;
    f.remaining--;
    if (f.remaining <= 0) this.credentialFault = undefined;
    return f;
  }

  clear(): void {
    this.callFault = undefined;
    this.credentialFault = undefined;
    this.branchLimit = undefined;
  }
}
