/**
 * Keep-fresh: keeps DATABRICKS_TOKEN and PGPASSWORD in a dev env file valid, so an app that
 * reads the file (at start, or on every connect) never picks up an expired value.
 *
 * - Runs inside a target session (`TargetSession.createKeepFresh`), whose credential lease makes
 *   the credential manager renew the Lakebase credential ahead of expiry; keep-fresh takes no
 *   lease of its own, and every `fresh` event rewrites the file at once.
 * - A wall-clock check also runs at half the remaining life of whatever was written (never
 *   sleeping longer than `maxTickMs`), so a workspace OAuth token, which has no events, is
 *   replaced before it expires too, and a laptop sleep cannot make it miss an expiry.
 * - Syncs are serialized (requests during a run queue exactly one more run) and idempotent:
 *   `updateEnvFile` does not touch the file when the values are already there.
 * - A failed sync is retried with a doubling wait. A failure only the user can fix (401/403, a
 *   sign-in needed) waits up to `maxRetryMs` instead of hammering the workspace, and is retried
 *   at once when the profile changes (config file reloaded, sign-in checked).
 * Values never reach a log line or an event: only key names and the path do.
 */
import { EventEmitter } from "node:events";
import type { AccessToken } from "../auth/tokenSource";
import { isAbortError, isTransient } from "../credentials/errorKind";
import { credentialKeyId, type CredentialEvent, type CredentialKey, type CredentialStatus } from "../credentials/types";
import { describeError } from "../errors";
import { silentLogger, type Logger } from "../log";
import { describeDuplicates } from "./mergeEnv";
import { updateEnvFile, type EnvEditorBridge } from "./updateEnvFile";
import { subscribe } from "../events";

/** The part of the credential manager keep-fresh needs (the lease is its target session's). */
export interface KeepFreshCredentials {
  get(key: CredentialKey, signal?: AbortSignal): Promise<string>;
  status(key: CredentialKey): CredentialStatus;
  on(event: CredentialEvent, listener: (status: CredentialStatus) => void): { dispose(): void };
  /** Mints now and clears a refresher stopped by a fatal error (the user may have fixed it). */
  refreshNow?(key: CredentialKey, signal?: AbortSignal): Promise<unknown>;
}

/** The part of the profile service keep-fresh needs: a change may mean the user fixed the auth. */
export interface KeepFreshProfileEvents {
  onDidChange(listener: (change: { kind: string; profile?: string }) => void): { dispose(): void };
}

export interface KeepFreshOptions {
  filePath: string;
  credentials: KeepFreshCredentials;
  /** The Lakebase credential PGPASSWORD holds (leased by the target session that runs keep-fresh). */
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
  /** Wait after a failed sync before trying again (default 5 s); doubles with each failure in a row. */
  retryMs?: number;
  /** Longest wait after failures only the user can fix, such as 401/403 (default 15 min). */
  maxRetryMs?: number;
  /** Profile changes: after a fatal failure, a change of `key.profile` (or a reload) retries at once. */
  profiles?: KeepFreshProfileEvents;
  /** Refuse to write when the file's real target (after symlinks) is outside this folder. */
  allowedRoot?: string;
  /** An editor with unsaved changes of the file gets the new values in its buffer. */
  editor?: EnvEditorBridge;
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
  /** Failed syncs in a row. */
  failures: number;
  /** The last failure needs the user (sign in, access, config): retried slowly, and at once on a profile change. */
  needsUser: boolean;
  /** The last sync went into an editor with unsaved changes (saved to disk when the user saves). */
  pendingInEditor: boolean;
  /** A secret went into a file others could read: its mode before we made it owner-only (e.g. 0o644). */
  broadMode?: number;
  /** Keys defined more than once in the file: left as they are, so they may go stale. */
  duplicates: string[];
  nextCheck?: Date;
}

export type KeepFreshEvents = {
  wrote: [KeepFreshWrite];
  error: [{ path: string; message: string; needsUser: boolean; retryInMs: number }];
  /** `lines`: the 1-based lines assigning each key, so the message can say which to fix. */
  duplicates: [{ path: string; keys: string[]; lines: Record<string, number[]> }];
  /** The file held secrets with group/other permission; it is now owner-only. */
  "broad-mode": [{ path: string; mode: number }];
  /** The values went into an editor with unsaved changes instead of the file. */
  "in-editor": [{ path: string; keys: string[] }];
};

export class EnvKeepFresh {
  private readonly events = new EventEmitter();
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly abort = new AbortController();
  private subscriptions: Array<{ dispose(): void }> = [];
  private timer: NodeJS.Timeout | undefined;
  private queue: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;
  private disposed = false;
  /** A profile change arrived after a fatal failure: clear the credential manager's stop first. */
  private recovering = false;
  private state: KeepFreshStatus;

  constructor(private readonly opts: KeepFreshOptions) {
    if (!opts.workspaceToken && !opts.pgPassword) throw new Error("keep-fresh needs at least one of DATABRICKS_TOKEN or PGPASSWORD to write");
    this.logger = opts.logger ?? silentLogger;
    this.now = opts.now ?? Date.now;
    this.state = { path: opts.filePath, running: false, duplicates: [], failures: 0, needsUser: false, pendingInEditor: false };
  }

  get keys(): string[] {
    return [...(this.opts.workspaceToken ? ["DATABRICKS_TOKEN"] : []), ...(this.opts.pgPassword ? ["PGPASSWORD"] : [])];
  }

  /** Subscribes to refreshes and writes once; resolves after that first sync (failed or not). */
  start(): Promise<void> {
    if (this.disposed) throw new Error("keep-fresh was stopped");
    if (this.state.running) return this.queue;
    this.state.running = true;
    const id = credentialKeyId(this.opts.key);
    this.subscriptions.push(
      this.opts.credentials.on("fresh", (s) => {
        if (credentialKeyId(s.key) === id) void this.syncNow().catch(() => undefined);
      }),
    );
    if (this.opts.profiles) {
      this.subscriptions.push(
        this.opts.profiles.onDidChange((c) => {
          if (c.kind !== "reloaded" && c.profile !== this.opts.key.profile) return;
          if (!this.state.needsUser) return; // healthy or only transiently failing: the timer copes
          this.logger.info(`Profile ${this.opts.key.profile} changed; keep-fresh for ${this.opts.filePath} tries again now`);
          this.recovering = true;
          this.state.failures = 0;
          void this.syncNow().catch(() => undefined);
        }),
      );
    }
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
    return subscribe(this.events, event, listener);
  }

  /** Stops every timer and subscription; a sync in flight finishes without writing again. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.state.running = false;
    this.clearTimer();
    this.abort.abort();
    for (const s of this.subscriptions) s.dispose();
    this.subscriptions = [];
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
    let needsUser = false;
    try {
      const updates: Record<string, string> = {};
      if (this.opts.workspaceToken) {
        const t = await this.opts.workspaceToken.getToken(signal).catch((err) => {
          needsUser = !isAbortError(err) && !isTransient(err);
          throw err;
        });
        updates.DATABRICKS_TOKEN = t.token;
        if (t.expiresAt) nextDelay = Math.min(nextDelay, this.halfLife(t.expiresAt.getTime()));
      }
      if (this.opts.pgPassword) {
        if (this.recovering && this.opts.credentials.refreshNow) {
          this.recovering = false;
          // Clears the manager's stop after a 401/403; its own failure is reported by get() below.
          await this.opts.credentials.refreshNow(this.opts.key, signal).catch(() => undefined);
        }
        updates.PGPASSWORD = await this.opts.credentials.get(this.opts.key, signal).catch((err) => {
          // Whether retrying can help: the error's own status/kind, else the manager's recorded verdict.
          needsUser = !isAbortError(err) && (!isTransient(err) || this.opts.credentials.status(this.opts.key).lastError?.fatal === true);
          throw err;
        });
        const expire = this.opts.credentials.status(this.opts.key).expireTime;
        if (expire) nextDelay = Math.min(nextDelay, this.halfLife(expire.getTime()));
      }
      this.recovering = false;
      if (this.disposed) return;
      const { wrote, report } = await updateEnvFile(this.opts.filePath, updates, {
        header: this.opts.header,
        allowedRoot: this.opts.allowedRoot,
        editor: this.opts.editor,
      });
      const at = new Date(this.now());
      this.state.lastSync = at;
      this.state.lastError = undefined;
      this.state.failures = 0;
      this.state.needsUser = false;
      this.noteDuplicates(report.duplicates, report.duplicateLines);
      this.noteBroadMode(report.broadMode);
      this.state.pendingInEditor = !!report.inEditor;
      if (report.inEditor) {
        const keys = [...report.changed, ...report.added];
        this.logger.info(`Keep-fresh put ${keys.join(", ")} into the unsaved editor of ${this.opts.filePath}; it reaches the disk when saved`);
        this.emit("in-editor", { path: this.opts.filePath, keys });
      }
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
      this.state.failures++;
      this.state.needsUser = needsUser;
      // Doubling waits; one the user must fix may wait long, a profile change retries it sooner.
      const cap = needsUser ? Math.max(maxTick, this.opts.maxRetryMs ?? 15 * 60_000) : maxTick;
      const delay = Math.min(cap, (this.opts.retryMs ?? 5_000) * 2 ** Math.min(this.state.failures - 1, 20));
      this.logger.warn(
        `Keep-fresh could not update ${this.opts.filePath}; ${needsUser ? "waiting for the profile to be fixed, " : ""}will retry in ${Math.round(delay / 1000)} s: ${message}`,
      );
      this.emit("error", { path: this.opts.filePath, message, needsUser, retryInMs: delay });
      this.schedule(delay);
      throw err;
    }
  }

  /** Half of what is left, so the check lands well before expiry even for short-lived values. */
  private halfLife(expiresAtMs: number): number {
    return Math.max(this.opts.minTickMs ?? 250, Math.floor((expiresAtMs - this.now()) / 2));
  }

  private noteDuplicates(keys: string[], lines: Record<string, number[]>): void {
    const changed = keys.join(",") !== this.state.duplicates.join(",");
    this.state.duplicates = [...keys];
    if (changed && keys.length > 0) {
      this.logger.warn(
        `Keep-fresh wrote nothing to ${this.opts.filePath}: ${describeDuplicates({ duplicates: keys, duplicateLines: lines })} assigned more than once. Remove the extra lines.`,
      );
      this.emit("duplicates", { path: this.opts.filePath, keys: [...keys], lines: { ...lines } });
    }
  }

  private noteBroadMode(mode: number | undefined): void {
    this.state.broadMode = mode ?? this.state.broadMode;
    if (mode === undefined) return;
    this.logger.warn(`${this.opts.filePath} holds secrets and could be read by others (mode ${mode.toString(8)}); made it owner-only (600).`);
    this.emit("broad-mode", { path: this.opts.filePath, mode });
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
