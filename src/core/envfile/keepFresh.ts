/**
 * Keep-fresh: keeps DATABRICKS_TOKEN and PGPASSWORD in a dev env file valid, so an app that
 * reads the file (at start, or on every connect) never picks up an expired value.
 *
 * - Holds a credential lease while running: the credential manager renews the Lakebase
 *   credential ahead of expiry, and every `fresh` event rewrites the file at once.
 * - A wall-clock check also runs at half the remaining life of whatever was written (never
 *   sleeping longer than `maxTickMs`), so a workspace OAuth token, which has no events, is
 *   replaced before it expires too, and a laptop sleep cannot make it miss an expiry.
 * - Syncs are serialized (requests during a run queue exactly one more run) and idempotent:
 *   `updateEnvFile` does not touch the file when the values are already there.
 * Values never reach a log line or an event: only key names and the path do.
 */
import { EventEmitter } from "node:events";
import type { AccessToken } from "../auth/tokenSource";
import { credentialKeyId, type CredentialEvent, type CredentialKey, type CredentialStatus, type Lease } from "../credentials/types";
import { describeError } from "../errors";
import { silentLogger, type Logger } from "../log";
import { updateEnvFile } from "./updateEnvFile";

/** The part of the credential manager keep-fresh needs. */
export interface KeepFreshCredentials {
  acquire(key: CredentialKey): Lease;
  get(key: CredentialKey, signal?: AbortSignal): Promise<string>;
  status(key: CredentialKey): CredentialStatus;
  on(event: CredentialEvent, listener: (status: CredentialStatus) => void): { dispose(): void };
}

export interface KeepFreshOptions {
  filePath: string;
  credentials: KeepFreshCredentials;
  /** The Lakebase credential PGPASSWORD holds (and the one leased while running). */
  key: CredentialKey;
  /** Source of DATABRICKS_TOKEN (the profile's workspace token); omit to leave that key alone. */
  workspaceToken?: { getToken(signal?: AbortSignal): Promise<AccessToken> };
  /** Also write PGPASSWORD = the current Lakebase credential. */
  pgPassword?: boolean;
  /** Comment above keys appended to the file. */
  header?: string;
  logger?: Logger;
  /** Longest sleep between wall-clock checks (default 30 s). */
  maxTickMs?: number;
  /** Shortest sleep between checks (default 250 ms), so a nearly expired value cannot spin. */
  minTickMs?: number;
  /** Wait after a failed sync before trying again (default 5 s). */
  retryMs?: number;
  now?: () => number;
}

export interface KeepFreshWrite {
  path: string;
  /** Keys given a new value (names only). */
  keys: string[];
  at: Date;
}

export interface KeepFreshStatus {
  path: string;
  running: boolean;
  lastSync?: Date;
  lastWrite?: Date;
  /** Why the last sync failed (no secret in it); cleared by the next success. */
  lastError?: string;
  /** Keys defined more than once in the file: left as they are, so they may go stale. */
  duplicates: string[];
  nextCheck?: Date;
}

export type KeepFreshEvents = {
  wrote: [KeepFreshWrite];
  error: [{ path: string; message: string }];
  duplicates: [{ path: string; keys: string[] }];
};

export class EnvKeepFresh {
  private readonly events = new EventEmitter();
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly abort = new AbortController();
  private lease: Lease | undefined;
  private subscriptions: Array<{ dispose(): void }> = [];
  private timer: NodeJS.Timeout | undefined;
  private queue: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;
  private disposed = false;
  private state: KeepFreshStatus;

  constructor(private readonly opts: KeepFreshOptions) {
    if (!opts.workspaceToken && !opts.pgPassword) throw new Error("keep-fresh needs at least one of DATABRICKS_TOKEN or PGPASSWORD to write");
    this.logger = opts.logger ?? silentLogger;
    this.now = opts.now ?? Date.now;
    this.state = { path: opts.filePath, running: false, duplicates: [] };
  }

  get keys(): string[] {
    return [...(this.opts.workspaceToken ? ["DATABRICKS_TOKEN"] : []), ...(this.opts.pgPassword ? ["PGPASSWORD"] : [])];
  }

  /** Takes the lease, subscribes to refreshes and writes once; resolves after that first sync (failed or not). */
  start(): Promise<void> {
    if (this.disposed) throw new Error("keep-fresh was stopped");
    if (this.state.running) return this.queue;
    this.state.running = true;
    this.lease = this.opts.credentials.acquire(this.opts.key);
    const id = credentialKeyId(this.opts.key);
    this.subscriptions.push(
      this.opts.credentials.on("fresh", (s) => {
        if (credentialKeyId(s.key) === id) void this.syncNow().catch(() => undefined);
      }),
    );
    this.logger.info(`Keep-fresh on for ${this.opts.filePath} (${this.keys.join(", ")})`);
    return this.syncNow().catch(() => undefined);
  }

  /** Writes the current values now (queued behind a running sync). Rejects when this sync failed. */
  syncNow(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    // A run that has not started yet will read the newest values anyway: share it.
    if (this.queued) return this.queued;
    const run = this.queue.then(() => {
      this.queued = undefined;
      return this.syncOnce();
    });
    this.queued = run;
    this.queue = run.catch(() => undefined);
    return run;
  }

  status(): KeepFreshStatus {
    return { ...this.state, duplicates: [...this.state.duplicates] };
  }

  on<E extends keyof KeepFreshEvents>(event: E, listener: (...args: KeepFreshEvents[E]) => void): { dispose(): void } {
    this.events.on(event, listener as (...a: unknown[]) => void);
    return { dispose: () => this.events.off(event, listener as (...a: unknown[]) => void) };
  }

  /** Releases the lease and stops every timer; a sync in flight finishes without writing again. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.state.running = false;
    this.clearTimer();
    this.abort.abort();
    for (const s of this.subscriptions) s.dispose();
    this.subscriptions = [];
    this.lease?.dispose();
    this.lease = undefined;
    this.logger.info(`Keep-fresh off for ${this.opts.filePath}`);
    this.events.removeAllListeners();
  }

  /** Settles once every queued sync has finished (for tests and shutdown). */
  idle(): Promise<void> {
    return this.queue;
  }

  // ---- internals -------------------------------------------------------------------------

  private async syncOnce(): Promise<void> {
    if (this.disposed) return;
    this.clearTimer();
    const signal = this.abort.signal;
    const maxTick = this.opts.maxTickMs ?? 30_000;
    let nextDelay = maxTick;
    try {
      const updates: Record<string, string> = {};
      if (this.opts.workspaceToken) {
        const t = await this.opts.workspaceToken.getToken(signal);
        updates.DATABRICKS_TOKEN = t.token;
        if (t.expiresAt) nextDelay = Math.min(nextDelay, this.halfLife(t.expiresAt.getTime()));
      }
      if (this.opts.pgPassword) {
        updates.PGPASSWORD = await this.opts.credentials.get(this.opts.key, signal);
        const expire = this.opts.credentials.status(this.opts.key).expireTime;
        if (expire) nextDelay = Math.min(nextDelay, this.halfLife(expire.getTime()));
      }
      if (this.disposed) return;
      const { wrote, report } = await updateEnvFile(this.opts.filePath, updates, { header: this.opts.header });
      const at = new Date(this.now());
      this.state.lastSync = at;
      this.state.lastError = undefined;
      this.noteDuplicates(report.duplicates);
      if (wrote) {
        const keys = [...report.changed, ...report.added];
        this.state.lastWrite = at;
        this.logger.info(`Keep-fresh updated ${keys.join(", ")} in ${this.opts.filePath}`);
        this.emit("wrote", { path: this.opts.filePath, keys, at });
      }
      this.schedule(nextDelay);
    } catch (err) {
      if (this.disposed) return;
      const message = describeError(err);
      this.state.lastError = message;
      this.logger.warn(`Keep-fresh could not update ${this.opts.filePath}; will retry: ${message}`);
      this.emit("error", { path: this.opts.filePath, message });
      this.schedule(Math.min(maxTick, this.opts.retryMs ?? 5_000));
      throw err;
    }
  }

  /** Half of what is left, so the check lands well before expiry even for short-lived values. */
  private halfLife(expiresAtMs: number): number {
    return Math.max(this.opts.minTickMs ?? 250, Math.floor((expiresAtMs - this.now()) / 2));
  }

  private noteDuplicates(keys: string[]): void {
    const changed = keys.join(",") !== this.state.duplicates.join(",");
    this.state.duplicates = [...keys];
    if (changed && keys.length > 0) {
      this.logger.warn(`Keep-fresh cannot update ${keys.join(", ")} in ${this.opts.filePath}: defined more than once. Remove the extra lines.`);
      this.emit("duplicates", { path: this.opts.filePath, keys: [...keys] });
    }
  }

  private schedule(delayMs: number): void {
    this.clearTimer();
    if (this.disposed) return;
    this.state.nextCheck = new Date(this.now() + delayMs);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.syncNow().catch(() => undefined);
    }, delayMs);
    // Never keep a process (or a test run) alive just for this.
    this.timer.unref?.();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.state.nextCheck = undefined;
  }

  private emit<E extends keyof KeepFreshEvents>(event: E, ...args: KeepFreshEvents[E]): void {
    try {
      this.events.emit(event, ...args);
    } catch (err) {
      this.logger.error(`A keep-fresh "${event}" listener threw`, err);
    }
  }
}
