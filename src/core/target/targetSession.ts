/**
 * What one workspace folder's target holds while it is selected (the target lifetime): the
 * credential lease (so the credential stays fresh), the database pool, and the env file's
 * keep-fresh when it is on. It is the one owner of all three: disposing it releases the lease,
 * closes the pool and stops keep-fresh, so a target that was changed or cleared, or a folder
 * that went away, leaves no refresher, no open connections and no file rewrites behind.
 */
import type { Lease } from "../credentials/types";
import { EnvKeepFresh, type KeepFreshOptions } from "../envfile/envKeepFresh";
import type { ResolvedTarget } from "./resolvedTarget";

export interface SessionResources {
  acquire(resolved: ResolvedTarget): Lease;
  /** Closes the pool of `resolved.db` unless another live session still uses it. */
  releasePool(session: TargetSession): Promise<void>;
}

/** Keep-fresh of this session's target: the key is the session's credential, the lease its own. */
export type SessionKeepFreshOptions = Omit<KeepFreshOptions, "key">;

export class TargetSession {
  private lease: Lease | undefined;
  private closed: Promise<void> | undefined;
  private running: EnvKeepFresh | undefined;

  constructor(readonly folder: string, readonly resolved: ResolvedTarget, private readonly resources: SessionResources) {
    this.lease = resources.acquire(resolved);
  }

  get disposed(): boolean { return this.closed !== undefined; }

  /** The keep-fresh running in this session, if any. */
  get keepFresh(): EnvKeepFresh | undefined { return this.running; }

  /**
   * Creates the keep-fresh of this target's env file (the caller subscribes to its events, then
   * calls `start()`), replacing one already there; it stops with the session. Throws once the
   * session has ended.
   */
  createKeepFresh(opts: SessionKeepFreshOptions): EnvKeepFresh {
    if (this.disposed) throw new Error(`The target session of ${this.folder} has ended`);
    this.stopKeepFresh();
    this.running = new EnvKeepFresh({ ...opts, key: this.resolved.credentialKey });
    return this.running;
  }

  stopKeepFresh(): void {
    this.running?.dispose();
    this.running = undefined;
  }

  dispose(): Promise<void> {
    if (this.closed) return this.closed;
    this.stopKeepFresh();
    this.lease?.dispose();
    this.lease = undefined;
    this.closed = this.resources.releasePool(this);
    return this.closed;
  }
}
