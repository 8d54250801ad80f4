/**
 * One TargetSession per workspace folder, for the folder's current target. Opened on first use
 * (status bar, a query), replaced when the target or the Postgres identity behind it changes,
 * disposed when the target is cleared. Folders that share a target share its pool: it closes
 * with the last session using it.
 */
import { EventEmitter } from "node:events";
import type { CredentialKey, Lease } from "../credentials/types";
import { subscribe, type Subscription } from "../events";
import type { DbTarget } from "../db/types";
import { targetId } from "../db/types";
import type { ResolvedTarget } from "./resolvedTarget";
import { type Logger, silentLogger } from "../log";
import { TargetSession } from "./targetSession";
import type { TargetStore, WorkspaceTarget } from "./targetStore";

export interface TargetSessionsOptions {
  targets: TargetStore;
  resolveTarget(target: WorkspaceTarget, signal?: AbortSignal): Promise<ResolvedTarget>;
  credentials: { acquire(key: CredentialKey): Lease };
  pools: { close(target: DbTarget): Promise<void> };
  logger?: Logger;
}

interface Slot {
  /** Bumped on every change of the folder's target: a lookup started before it is stale. */
  generation: number;
  session?: TargetSession;
}

export class TargetSessions {
  private readonly slots = new Map<string, Slot>();
  private readonly logger: Logger;
  private readonly sub: { dispose(): void };
  private disposed = false;
  private readonly events = new EventEmitter();

  constructor(private readonly opts: TargetSessionsOptions) {
    this.logger = opts.logger ?? silentLogger;
    this.sub = opts.targets.onDidChange((folder, target) => {
      // The same target chosen again keeps its session; anything else ends it.
      const live = this.current(folder);
      if (live && target && sameTarget(live.resolved.target, target)) return;
      this.release(folder).catch((err: Error) => this.logger.warn(`Releasing the session of ${folder}: ${err.message}`));
    });
  }

  /**
   * A folder's live session was replaced because the identity behind its target changed (no target
   * change, no config reload): what its session owned (keep-fresh) must be started in the new one.
   */
  onDidReplace(listener: (folder: string) => void): Subscription {
    return subscribe(this.events, "replaced", listener);
  }

  /** The live session of `folder`, if one is open for its current target. */
  current(folder: string): TargetSession | undefined {
    const s = this.slots.get(folder)?.session;
    return s && !s.disposed ? s : undefined;
  }

  /**
   * The session for the folder's current target, opening it (identity lookup, lease) when needed.
   * Undefined when the folder has no target. The lookup runs on every call (it is cached by the
   * profile service), so a changed identity opens a new session and releases the old one.
   */
  async open(folder: string, signal?: AbortSignal): Promise<TargetSession | undefined> {
    if (this.disposed) throw new Error("The target sessions have been disposed");
    const target = this.opts.targets.get(folder);
    if (!target) return undefined;
    const slot = this.slot(folder);
    const generation = slot.generation;
    const resolved = await this.opts.resolveTarget(target, signal);
    if (this.disposed) throw new Error("The target sessions have been disposed");
    // The target changed while the identity was looked up: that answer is for the old one.
    if (slot.generation !== generation || this.slots.get(folder) !== slot) return this.open(folder, signal);
    const live = this.current(folder);
    if (live && sameResolved(live.resolved, resolved)) return live;
    if (live) {
      this.logger.info(`Target of ${folder} now logs in as ${resolved.db.user}; releasing the previous session`);
      // Not awaited: the lease ends at once, and no other open() may slip in before the new session is set.
      live.dispose().catch((err: Error) => this.logger.warn(`Releasing the previous session of ${folder}: ${err.message}`));
    }
    const session = new TargetSession(folder, resolved, {
      acquire: (r) => this.opts.credentials.acquire(r.credentialKey),
      releasePool: (s) => this.releasePool(s),
    });
    slot.session = session;
    if (live) this.events.emit("replaced", folder);
    return session;
  }

  /** Drops the folder's session: its lease ends and its pool closes (unless shared). */
  async release(folder: string): Promise<void> {
    const slot = this.slots.get(folder);
    if (!slot) return;
    slot.generation++;
    this.slots.delete(folder);
    if (slot.session) await slot.session.dispose();
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.sub.dispose();
    const sessions = [...this.slots.values()].map((s) => s.session).filter((s): s is TargetSession => !!s);
    this.slots.clear();
    await Promise.all(sessions.map((s) => s.dispose()));
  }

  private slot(folder: string): Slot {
    let slot = this.slots.get(folder);
    if (!slot) this.slots.set(folder, (slot = { generation: 0 }));
    return slot;
  }

  private async releasePool(session: TargetSession): Promise<void> {
    const id = targetId(session.resolved.db);
    const shared = [...this.slots.values()].some((s) => s.session && s.session !== session && !s.session.disposed && targetId(s.session.resolved.db) === id);
    if (shared) return;
    this.logger.info(`Closing the pool of ${session.resolved.target.endpoint} (${session.resolved.db.database}): target of ${session.folder} changed or cleared`);
    await this.opts.pools.close(session.resolved.db);
  }
}

function sameTarget(a: WorkspaceTarget, b: WorkspaceTarget): boolean {
  return a.profile === b.profile && a.endpoint === b.endpoint && a.database === b.database && a.host === b.host;
}

function sameResolved(a: ResolvedTarget, b: ResolvedTarget): boolean {
  return targetId(a.db) === targetId(b.db);
}
