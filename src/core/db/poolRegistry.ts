/**
 * One pg.Pool per (endpoint, database, identity). Every new physical connection asks the
 * credential manager for a current token (pg calls `password` per connection), so a pool
 * never hands out a dead credential; open connections outlive their token, as on Lakebase.
 *
 * `connect()` adds what a serverless Postgres needs: one credential rotation on 28P01, and
 * retries while the compute wakes from scale-to-zero (reported as `waking` events).
 */
import { EventEmitter } from "node:events";
import type pg from "pg";
import { pgDriver } from "./pgDriver";
import type { CredentialKey, CredentialProvider } from "../credentials/types";
import { type Logger, silentLogger } from "../log";
import { DEFAULT_TLS_TRUST, type TlsTrust } from "../tlsTrust";
import { sendCancelRequest, type BackendKey } from "./cancelRequest";
import { classifyConnectError, explainConnectError } from "./connectErrors";
import { sslFor } from "./ssl";
import { type DbTarget, describeTarget, targetId } from "./types";
import { subscribe } from "../events";

export interface PoolSettings {
  applicationName: string;
  max: number;
  idleTimeoutMs: number;
  connectTimeoutMs: number;
  /** Give up waiting for a waking compute after this long (total, all attempts). */
  wakeTimeoutMs: number;
  wakeRetryBaseMs: number;
  wakeRetryMaxMs: number;
}

export const DEFAULT_POOL_SETTINGS: PoolSettings = {
  applicationName: "lakebase-vscode",
  max: 5,
  idleTimeoutMs: 30_000,
  connectTimeoutMs: 10_000,
  wakeTimeoutMs: 30_000,
  wakeRetryBaseMs: 250,
  wakeRetryMaxMs: 3_000,
};

export interface WakingEvent { target: DbTarget; attempt: number; elapsedMs: number; reason: string }
export interface ConnectedEvent { target: DbTarget; connectMs: number; attempts: number; woke: boolean }
/** A checkout that must open a new physical connection (none idle): a compute scaled to zero wakes now. */
export interface ConnectingEvent { target: DbTarget }
/** A checkout gave up (error or abort) without a connection. */
export interface ConnectFailedEvent { target: DbTarget }

export interface Checkout {
  client: pg.PoolClient;
  /** Time to get a usable connection, including waiting for the compute to wake. */
  connectMs: number;
  woke: boolean;
  /** True when this call opened a new physical connection (not reused from the pool). */
  fresh: boolean;
}

interface PoolEntry {
  pool: pg.Pool;
  target: DbTarget;
  /** The token most recently handed to a login, for a precise invalidate on 28P01. */
  lastToken?: string;
  /** Physical connections opened so far; a checkout that bumps it got a fresh one. */
  opened: number;
}

export class PoolRegistry {
  private readonly pools = new Map<string, PoolEntry>();
  private readonly events = new EventEmitter();
  private readonly settings: PoolSettings;
  private readonly logger: Logger;
  /** The CAs every connection (and cancel request) verifies the server against. */
  readonly tls: TlsTrust;

  constructor(private readonly credentials: CredentialProvider, opts: { settings?: Partial<PoolSettings>; logger?: Logger; tls?: TlsTrust } = {}) {
    this.settings = { ...DEFAULT_POOL_SETTINGS, ...opts.settings };
    this.logger = opts.logger ?? silentLogger;
    // Every running query listens for "waking" while it runs: many at once is normal, not a leak.
    this.events.setMaxListeners(0);
    this.tls = opts.tls ?? DEFAULT_TLS_TRUST;
  }

  on(event: "waking", l: (e: WakingEvent) => void): { dispose(): void };
  on(event: "connected", l: (e: ConnectedEvent) => void): { dispose(): void };
  on(event: "connecting" | "connectFailed", l: (e: ConnectingEvent) => void): { dispose(): void };
  on(event: string, l: ((e: WakingEvent) => void) | ((e: ConnectedEvent) => void) | ((e: ConnectingEvent) => void)): { dispose(): void } {
    return subscribe(this.events, event, l as (...args: unknown[]) => void);
  }

  /** Connection settings for `target` (also used for side connections such as cancel requests). */
  clientConfig(target: DbTarget, password: () => Promise<string>): pg.ClientConfig {
    return {
      host: target.host,
      port: target.port ?? 5432,
      database: target.database,
      user: target.user,
      password,
      ssl: sslFor(target.host, this.tls),
      application_name: this.settings.applicationName,
      connectionTimeoutMillis: this.settings.connectTimeoutMs,
      keepAlive: true,
    };
  }

  pool(target: DbTarget): pg.Pool {
    return this.entry(target).pool;
  }

  /** Checks out a connection, rotating the credential once on 28P01 and waiting for a waking compute. */
  async connect(target: DbTarget, signal?: AbortSignal): Promise<Checkout> {
    this.tls.ca(); // a broken lakebase.extraCaFile: say so before any TLS error could hide it
    const entry = this.entry(target);
    const started = Date.now();
    const opening = entry.pool.idleCount === 0;
    if (opening) this.events.emit("connecting", { target } satisfies ConnectingEvent);
    try {
      return await this.checkout(entry, target, started, signal);
    } catch (err) {
      if (opening) this.events.emit("connectFailed", { target } satisfies ConnectingEvent);
      throw err;
    }
  }

  private async checkout(entry: PoolEntry, target: DbTarget, started: number, signal: AbortSignal | undefined): Promise<Checkout> {
    let rotated = false;
    let woke = false;
    for (let attempt = 1; ; attempt++) {
      throwIfAborted(signal);
      const openedBefore = entry.opened;
      try {
        const client = await abortable(entry.pool.connect(), signal, (c) => c.release());
        const connectMs = Date.now() - started;
        this.events.emit("connected", { target, connectMs, attempts: attempt, woke } satisfies ConnectedEvent);
        return { client, connectMs, woke, fresh: entry.opened !== openedBefore };
      } catch (err) {
        if (isAbort(err)) throw err;
        const kind = classifyConnectError(err);
        const elapsed = Date.now() - started;
        if (kind === "bad-credential" && !rotated) {
          rotated = true;
          this.credentials.invalidate(this.keyOf(target), entry.lastToken);
          continue;
        }
        if (kind === "waking" && elapsed < this.settings.wakeTimeoutMs) {
          woke = true;
          const reason = (err as Error).message;
          this.logger.info(`${describeTarget(target)} is not accepting connections yet (${reason}); retrying (attempt ${attempt})`);
          this.events.emit("waking", { target, attempt, elapsedMs: elapsed, reason } satisfies WakingEvent);
          const delay = Math.min(this.settings.wakeRetryMaxMs, this.settings.wakeRetryBaseMs * 2 ** (attempt - 1));
          await sleep(Math.min(delay, Math.max(0, this.settings.wakeTimeoutMs - elapsed)), signal);
          continue;
        }
        const message = kind === "waking"
          ? `${describeTarget(target)} did not accept connections within ${Math.round(this.settings.wakeTimeoutMs / 1000)} s: ${(err as Error).message}. The compute may be stopped or disabled; check the endpoint state.`
          : explainConnectError(err, describeTarget(target), target.endpoint);
        throw Object.assign(new Error(message), { code: (err as { code?: string }).code, cause: err });
      }
    }
  }

  /** Asks the server to cancel the statement running on the session with this key (over TLS, like the session). */
  cancel(target: DbTarget, key: BackendKey): Promise<void> {
    return sendCancelRequest(target.host, target.port ?? 5432, key, undefined, this.tls);
  }

  /** Closes the pool of one target (target changed, database dropped). */
  async close(target: DbTarget): Promise<void> {
    const id = targetId(target);
    const entry = this.pools.get(id);
    if (!entry) return;
    this.pools.delete(id);
    await entry.pool.end().catch((err: Error) => this.logger.warn(`Closing the pool for ${describeTarget(target)}: ${err.message}`));
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.pools.values()].map((e) => this.close(e.target)));
    this.events.removeAllListeners();
  }

  keyOf(target: DbTarget): CredentialKey {
    return { profile: target.profile, endpoint: target.endpoint, identity: target.user };
  }

  /** A password callback bound to the target's credential; remembers what it handed out. */
  passwordFor(target: DbTarget, remember?: (token: string) => void): () => Promise<string> {
    const key = this.keyOf(target);
    return async () => {
      const token = await this.credentials.get(key);
      remember?.(token);
      return token;
    };
  }

  private entry(target: DbTarget): PoolEntry {
    const id = targetId(target);
    const existing = this.pools.get(id);
    if (existing) return existing;
    const entry: PoolEntry = { target: { ...target }, opened: 0 } as PoolEntry;
    const config = this.clientConfig(target, this.passwordFor(target, (t) => { entry.lastToken = t; }));
    entry.pool = new (pgDriver().pg.Pool)({ ...config, max: this.settings.max, idleTimeoutMillis: this.settings.idleTimeoutMs });
    entry.pool.on("connect", () => { entry.opened++; });
    // An idle connection closed by the server (restart, 24 h limit) must not crash the host.
    entry.pool.on("error", (err) => this.logger.warn(`Idle connection to ${describeTarget(target)} closed: ${err.message}`));
    this.pools.set(id, entry);
    return entry;
  }
}

function isAbort(err: unknown): boolean {
  return (err as { name?: string })?.name === "AbortError";
}

function abortError(): Error {
  return Object.assign(new Error("Connecting was cancelled"), { name: "AbortError" });
}

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw abortError();
}

/** Races `p` against `signal`; a result that arrives after the abort is handed to `cleanup`. */
function abortable<T>(p: Promise<T>, signal: AbortSignal | undefined, cleanup: (v: T) => void): Promise<T> {
  if (!signal) return p;
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const onAbort = () => { done = true; reject(abortError()); };
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(
      (v) => { signal.removeEventListener("abort", onAbort); if (done) cleanup(v); else resolve(v); },
      (err) => { signal.removeEventListener("abort", onAbort); if (!done) reject(err); },
    );
  });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => { signal?.removeEventListener("abort", onAbort); resolve(); }, ms);
    const onAbort = () => { clearTimeout(t); reject(abortError()); };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
