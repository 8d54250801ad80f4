/**
 * What one workspace folder's target holds while it is selected: the credential lease (so the
 * credential stays fresh) and the database pool. Disposing it releases both, so a target that
 * was changed or cleared leaves no refresher and no open connections behind.
 */
import type { Lease } from "../credentials/types";
import type { ResolvedTarget } from "./resolvedTarget";

export interface SessionResources {
  acquire(resolved: ResolvedTarget): Lease;
  /** Closes the pool of `resolved.db` unless another live session still uses it. */
  releasePool(session: TargetSession): Promise<void>;
}

export class TargetSession {
  private lease: Lease | undefined;
  private closed: Promise<void> | undefined;

  constructor(readonly folder: string, readonly resolved: ResolvedTarget, private readonly resources: SessionResources) {
    this.lease = resources.acquire(resolved);
  }

  get disposed(): boolean { return this.closed !== undefined; }

  dispose(): Promise<void> {
    if (this.closed) return this.closed;
    this.lease?.dispose();
    this.lease = undefined;
    this.closed = this.resources.releasePool(this);
    return this.closed;
  }
}
