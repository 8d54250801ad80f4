/**
 * Caches Lakebase credentials per (profile, endpoint, identity) and keeps leased ones fresh.
 *
 * - `get()` hands out the cached token while it is comfortably valid, else fetches one; all
 *   concurrent callers share one in-flight request (single-flight).
 * - While something holds a lease (a folder's target session), a background refresher
 *   renews ahead of expiry. It never sleeps longer than `maxTickMs` and re-reads the wall
 *   clock on every wake, so a laptop sleep or a delayed timer cannot make it miss an expiry.
 * - Transient failures (network, 408, 429, 5xx) are retried with jittered backoff and a floor
 *   while the old token keeps being served; 401/403 and other 4xx stop the refresher and
 *   report why (appkit#461).
 */
import { EventEmitter } from "node:events";
import { subscribe } from "../events";
import type { Logger, SecretRegistry } from "../log";
import { silentLogger } from "../log";
import { type Clock, systemClock } from "./clock";
import { isAbortError, toErrorInfo } from "./errorKind";
import { DEFAULT_REFRESH_POLICY, minValidityFor, type RefreshPolicy, refreshWindowMs, retryDelayMs } from "./refreshPolicy";
import {
  type CredentialEvent, type CredentialErrorInfo, type CredentialKey, credentialKeyId, type CredentialProvider,
  type CredentialState, type CredentialStatus, describeKey, type Lease, type MintCredential, type MintedCredential,
} from "./types";

export interface CredentialManagerOptions {
  mint: MintCredential;
  secrets: SecretRegistry;
  logger?: Logger;
  policy?: Partial<RefreshPolicy>;
  clock?: Clock;
  random?: () => number;
}

interface Entry {
  key: CredentialKey;
  token?: string;
  expireTime?: number;
  lifetimeMs: number;
  lastRefresh?: Date;
  inflight?: Promise<MintedCredential>;
  leases: number;
  timer?: unknown;
  nextRefresh?: number;
  failures: number;
  /** When the next retry after a transient failure is due. */
  retryAt?: number;
  lastError?: CredentialErrorInfo;
  /** Set by a non-transient failure: the background refresher stays off until a success. */
  stopped: boolean;
  announcedSoon: boolean;
  announcedExpired: boolean;
  /** Earlier tokens stay redacted while connections opened with them may still log. */
  oldTokens: string[];
}

export class CredentialManager implements CredentialProvider {
  private readonly entries = new Map<string, Entry>();
  private readonly emitter = new EventEmitter();
  private readonly policy: RefreshPolicy;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly random: () => number;
  private readonly abort = new AbortController();
  private disposed = false;

  constructor(private readonly opts: CredentialManagerOptions) {
    this.policy = { ...DEFAULT_REFRESH_POLICY, ...opts.policy };
    this.clock = opts.clock ?? systemClock;
    this.logger = opts.logger ?? silentLogger;
    this.random = opts.random ?? Math.random;
  }

  on(event: CredentialEvent, listener: (status: CredentialStatus) => void): { dispose(): void } {
    return subscribe(this.emitter, event, listener);
  }

  /**
   * A token good for a new login now. Waits for a request only when no cached token is still
   * valid; throws (with an actionable message) when none can be had.
   */
  async get(key: CredentialKey, signal?: AbortSignal): Promise<string> {
    this.assertLive();
    const e = this.entry(key);
    const now = this.clock.now();
    this.announceExpiry(e, now);
    if (this.isFresh(e, now)) return e.token!;
    if (this.isStillValid(e, now)) {
      // Inside the refresh window with a token still good for a login: hand it out now and
      // renew in the background, unless the refresher is backing off or stopped (no hammering).
      const backingOff = e.stopped || (e.failures > 0 && (e.retryAt ?? 0) > now);
      if (!e.inflight && !backingOff) this.refresh(e).catch(() => undefined);
      return e.token!;
    }
    // Stopped by a failure only the user can fix (401/403, sign-in needed): say so at once
    // instead of asking the service again on every call; resume() or refreshNow() lifts it.
    if (e.stopped && e.lastError?.fatal) {
      throw new Error(`Could not get a database credential for ${describeKey(key)}: ${e.lastError.message}`);
    }
    try {
      return (await raceSignal(this.refresh(e), signal)).token;
    } catch (err) {
      if (isAbortError(err)) throw err;
      if (this.isStillValid(e, this.clock.now())) return e.token!;
      throw new Error(`Could not get a database credential for ${describeKey(key)}: ${e.lastError?.message ?? String(err)}`);
    }
  }

  /**
   * Mints a new credential now, even while the cached one is valid (the user asked). The old
   * token keeps serving until the new one arrives; a failure leaves it in place. Clears a
   * stopped refresher, since the user may have fixed what stopped it.
   */
  async refreshNow(key: CredentialKey, signal?: AbortSignal): Promise<CredentialStatus> {
    this.assertLive();
    const e = this.entry(key);
    e.stopped = false;
    e.failures = 0;
    e.retryAt = undefined;
    this.logger.info(`Refreshing the credential for ${describeKey(key)} on request`);
    await raceSignal(this.refresh(e), signal);
    return this.status(key);
  }

  /**
   * The profile behind stopped credentials may have been fixed (config file changed, sign-in):
   * lift the stop so callers and the refresher try again. Without `profile`, every credential.
   */
  resume(profile?: string): void {
    if (this.disposed) return;
    for (const e of this.entries.values()) {
      if (!e.stopped || (profile !== undefined && e.key.profile !== profile)) continue;
      e.stopped = false;
      e.failures = 0;
      e.retryAt = undefined;
      this.logger.info(`Profile ${e.key.profile} changed; trying the credential for ${describeKey(e.key)} again`);
      this.schedule(e);
    }
  }

  /** Drop the cached token (after SQLSTATE 28P01). With `rejectedToken`, only if it is still the cached one. */
  invalidate(key: CredentialKey, rejectedToken?: string): void {
    const e = this.entries.get(credentialKeyId(key));
    if (!e || !e.token) return;
    if (rejectedToken !== undefined && e.token !== rejectedToken) return;
    this.logger.info(`Credential for ${describeKey(key)} was rejected by the server; fetching a new one`);
    e.token = undefined;
    e.expireTime = undefined;
    this.schedule(e);
  }

  /** Keep this credential fresh until the lease is disposed. */
  acquire(key: CredentialKey): Lease {
    this.assertLive();
    const e = this.entry(key);
    e.leases++;
    this.schedule(e);
    let released = false;
    return {
      dispose: () => {
        if (released) return;
        released = true;
        e.leases--;
        if (e.leases === 0) this.clearTimer(e);
      },
    };
  }

  status(key: CredentialKey): CredentialStatus {
    const e = this.entries.get(credentialKeyId(key));
    if (!e) return { key, state: "empty", leases: 0 };
    return this.snapshot(e);
  }

  list(): CredentialStatus[] {
    return [...this.entries.values()].map((e) => this.snapshot(e));
  }

  /** Stops every timer and cancels in-flight requests; later calls fail. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const e of this.entries.values()) this.clearTimer(e);
    this.abort.abort();
    this.emitter.removeAllListeners();
  }

  // ---- internals -------------------------------------------------------------------------

  private entry(key: CredentialKey): Entry {
    const id = credentialKeyId(key);
    let e = this.entries.get(id);
    if (!e) {
      e = { key: { ...key }, lifetimeMs: 0, leases: 0, failures: 0, stopped: false, announcedSoon: false, announcedExpired: false, oldTokens: [] };
      this.entries.set(id, e);
    }
    return e;
  }

  private isFresh(e: Entry, now: number): boolean {
    return !!e.token && e.expireTime !== undefined && now < e.expireTime - refreshWindowMs(e.lifetimeMs, this.policy);
  }

  private isStillValid(e: Entry, now: number): boolean {
    return !!e.token && e.expireTime !== undefined && now < e.expireTime - minValidityFor(e.lifetimeMs, this.policy);
  }

  private refresh(e: Entry): Promise<MintedCredential> {
    if (e.inflight) return e.inflight;
    // The request is over before its outcome is announced: a "fresh" or "failed" event reports the
    // settled state (and the next refresh), never "refreshing".
    const settle = () => {
      e.inflight = undefined;
      if (!this.disposed) this.schedule(e);
    };
    const run = async (): Promise<MintedCredential> => {
      this.emit("refreshing", e);
      let minted: MintedCredential;
      try {
        minted = validate(await this.opts.mint(e.key, this.abort.signal), this.clock.now());
      } catch (err) {
        if (this.disposed || isAbortError(err)) { settle(); throw err; }
        this.recordFailure(e, err);
        settle();
        this.emit("failed", e);
        this.announceExpiry(e, this.clock.now());
        throw err;
      }
      if (this.disposed) return minted;
      this.store(e, minted);
      settle();
      this.emit("fresh", e);
      return minted;
    };
    // Started on the next microtask so `inflight` is set before the "refreshing" event fires.
    const p = Promise.resolve().then(run);
    e.inflight = p;
    // The refresher may start a request nobody awaits; its failure is recorded, not thrown.
    p.catch(() => undefined);
    return p;
  }

  private store(e: Entry, minted: MintedCredential): void {
    const now = this.clock.now();
    this.opts.secrets.add(minted.token);
    if (e.token && e.token !== minted.token) {
      e.oldTokens.push(e.token);
      // Keep the last few redacted; much older ones cannot be in any live connection's logs.
      while (e.oldTokens.length > 3) this.opts.secrets.delete(e.oldTokens.shift()!);
    }
    e.token = minted.token;
    e.expireTime = minted.expireTime.getTime();
    e.lifetimeMs = Math.max(0, e.expireTime - now);
    e.lastRefresh = new Date(now);
    e.failures = 0;
    e.retryAt = undefined;
    e.lastError = undefined;
    e.stopped = false;
    e.announcedSoon = false;
    e.announcedExpired = false;
    this.logger.info(`New database credential for ${describeKey(e.key)}, valid until ${minted.expireTime.toISOString()}`);
  }

  private recordFailure(e: Entry, err: unknown): void {
    const now = this.clock.now();
    e.failures++;
    e.retryAt = now + retryDelayMs(e.failures, this.policy, this.random);
    e.lastError = toErrorInfo(err, new Date(now));
    if (e.lastError.fatal) {
      e.stopped = true;
      this.logger.error(`Stopped refreshing the credential for ${describeKey(e.key)}: ${e.lastError.message}`);
    } else {
      this.logger.warn(`Credential refresh for ${describeKey(e.key)} failed (attempt ${e.failures}); will retry: ${e.lastError.message}`);
    }
  }

  /** When the refresher should next act, or undefined when it should stay idle. */
  private dueAt(e: Entry, now: number): number | undefined {
    if (this.disposed || e.leases === 0 || e.stopped) return undefined;
    if (e.failures > 0 && e.retryAt !== undefined) return e.retryAt;
    if (!e.token || e.expireTime === undefined) return now;
    return e.expireTime - refreshWindowMs(e.lifetimeMs, this.policy);
  }

  private schedule(e: Entry): void {
    this.clearTimer(e);
    const now = this.clock.now();
    const due = this.dueAt(e, now);
    e.nextRefresh = due;
    if (due === undefined || e.inflight) return;
    // Never sleep longer than maxTickMs: timers can be late after sleep, the wall clock is not.
    const delay = Math.min(Math.max(0, due - now), this.policy.maxTickMs);
    e.timer = this.clock.setTimer(() => this.tick(e, due), delay);
  }

  private tick(e: Entry, due: number): void {
    e.timer = undefined;
    if (this.disposed || e.leases === 0 || e.inflight) return;
    const now = this.clock.now();
    if (now >= due) {
      this.refresh(e).catch(() => undefined);
      return;
    }
    this.announceExpiry(e, now);
    this.schedule(e);
  }

  private announceExpiry(e: Entry, now: number): void {
    if (!e.token || e.expireTime === undefined || e.inflight) return;
    if (now >= e.expireTime) {
      if (!e.announcedExpired) {
        e.announcedExpired = true;
        this.emit("expired", e);
      }
    } else if (now >= e.expireTime - refreshWindowMs(e.lifetimeMs, this.policy) && !e.announcedSoon) {
      // Only worth saying when no refresh is about to replace it.
      if (e.leases === 0 || e.failures > 0 || e.stopped) {
        e.announcedSoon = true;
        this.emit("expiring-soon", e);
      }
    }
  }

  private clearTimer(e: Entry): void {
    if (e.timer !== undefined) this.clock.clearTimer(e.timer);
    e.timer = undefined;
  }

  private stateOf(e: Entry, now: number): CredentialState {
    if (e.inflight) return "refreshing";
    if (e.stopped) return "failed";
    if (!e.token || e.expireTime === undefined) return e.lastError ? "failed" : "empty";
    if (now >= e.expireTime) return "expired";
    if (now >= e.expireTime - refreshWindowMs(e.lifetimeMs, this.policy)) return "expiring-soon";
    return "fresh";
  }

  private snapshot(e: Entry): CredentialStatus {
    const now = this.clock.now();
    return {
      key: { ...e.key },
      state: this.stateOf(e, now),
      expireTime: e.expireTime !== undefined ? new Date(e.expireTime) : undefined,
      lastRefresh: e.lastRefresh,
      lastError: e.lastError,
      nextRefresh: e.timer !== undefined && e.nextRefresh !== undefined ? new Date(e.nextRefresh) : undefined,
      leases: e.leases,
    };
  }

  private emit(event: CredentialEvent, e: Entry): void {
    if (this.disposed) return;
    const status = this.snapshot(e);
    try {
      this.emitter.emit(event, status);
    } catch (err) {
      this.logger.error(`A credential "${event}" listener threw`, err);
    }
  }

  private assertLive(): void {
    if (this.disposed) throw new Error("The credential manager has been disposed");
  }
}

function validate(c: MintedCredential, now: number): MintedCredential {
  if (!c || typeof c.token !== "string" || c.token.length === 0) throw new Error("The credential response had no token");
  if (!(c.expireTime instanceof Date) || Number.isNaN(c.expireTime.getTime())) throw new Error("The credential response had no valid expire_time");
  if (c.expireTime.getTime() <= now) {
    throw new Error(`The credential response was already expired (expire_time ${c.expireTime.toISOString()}); is this computer's clock wrong?`);
  }
  return c;
}

/** Rejects with an AbortError when `signal` fires first; the shared request keeps going for others. */
function raceSignal<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(abortError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError());
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(
      (v) => { signal.removeEventListener("abort", onAbort); resolve(v); },
      (err) => { signal.removeEventListener("abort", onAbort); reject(err); },
    );
  });
}

function abortError(): Error {
  const err = new Error("Getting a database credential was cancelled");
  err.name = "AbortError";
  return err;
}
