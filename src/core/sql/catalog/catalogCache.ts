import { ChangeEmitter } from "../../explorer/changeEmitter";
import { type Logger, silentLogger } from "../../log";
import type { Catalog } from "./catalogTypes";

/** Where a target's catalog stands. `previous` keeps serving while a re-read runs or after it failed. */
export type CatalogState =
  | { status: "none" }
  | { status: "loading"; previous?: Catalog }
  | { status: "ready"; catalog: Catalog }
  | { status: "failed"; error: string; at: number; previous?: Catalog };

export interface CatalogChange { key: string; state: CatalogState }

export interface CatalogCacheOptions {
  logger?: Logger;
  now?: () => number;
  /** After a failed read, `peek` starts no new one for this long (no storm against a dead target). */
  retryAfterMs?: number;
}

interface Entry { state: CatalogState; inFlight?: Promise<Catalog>; abort?: AbortController }

/**
 * One catalog per target key, read at most once at a time. Readers of the cache never wait:
 * `peek` answers with what is there now and starts a read in the background when needed, so a
 * completion request costs a map lookup; `onDidChange` tells when a read settled.
 */
export class CatalogCache {
  private readonly entries = new Map<string, Entry>();
  private readonly changes: ChangeEmitter<CatalogChange>;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly retryAfterMs: number;
  readonly onDidChange;

  constructor(private readonly load: (key: string, signal: AbortSignal) => Promise<Catalog>, opts: CatalogCacheOptions = {}) {
    this.logger = opts.logger ?? silentLogger;
    this.now = opts.now ?? Date.now;
    this.retryAfterMs = opts.retryAfterMs ?? 30_000;
    this.changes = new ChangeEmitter((err) => this.logger.error(`catalog listener failed: ${String(err)}`));
    this.onDidChange = this.changes.event;
  }

  state(key: string): CatalogState {
    return this.entries.get(key)?.state ?? { status: "none" };
  }

  /** The catalog to use now (possibly the previous one while a re-read runs); starts a read if there is none. */
  peek(key: string): Catalog | undefined {
    const state = this.state(key);
    const due = state.status === "none" || (state.status === "failed" && this.now() - state.at >= this.retryAfterMs);
    if (due) void this.get(key).catch(() => undefined);
    return usable(this.state(key));
  }

  /** The catalog, reading it if needed; concurrent callers share one read. */
  get(key: string): Promise<Catalog> {
    const entry = this.entries.get(key);
    if (entry?.inFlight) return entry.inFlight;
    if (entry?.state.status === "ready") return Promise.resolve(entry.state.catalog);
    return this.read(key);
  }

  /** Reads again now (after DDL, on the refresh command); the old catalog serves until the new one is in. */
  refresh(key: string): Promise<Catalog> {
    const entry = this.entries.get(key);
    entry?.abort?.abort();
    return this.read(key);
  }

  /** Forgets a target's catalog (target changed or removed). */
  forget(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.abort?.abort();
    this.entries.delete(key);
    this.changes.fire({ key, state: { status: "none" } });
  }

  private read(key: string): Promise<Catalog> {
    const previous = usable(this.state(key));
    const abort = new AbortController();
    const entry: Entry = { state: { status: "loading", ...(previous ? { previous } : {}) }, abort };
    const started = this.now();
    const settle = (state: CatalogState) => {
      // A newer read (or forget) replaced this one: its result must not overwrite the newer state.
      if (this.entries.get(key) !== entry) return;
      entry.state = state;
      entry.inFlight = undefined;
      entry.abort = undefined;
      this.changes.fire({ key, state });
    };
    entry.inFlight = this.load(key, abort.signal).then(
      (catalog) => {
        this.logger.info(`catalog read: ${catalog.relations.length} relations, ${catalog.functions.length} functions in ${this.now() - started} ms`);
        settle({ status: "ready", catalog });
        return catalog;
      },
      (err: unknown) => {
        const error = err instanceof Error ? err.message : String(err);
        if (!abort.signal.aborted) this.logger.warn(`catalog read failed: ${error}`);
        settle({ status: "failed", error, at: this.now(), ...(previous ? { previous } : {}) });
        throw err;
      },
    );
    this.entries.set(key, entry);
    this.changes.fire({ key, state: entry.state });
    return entry.inFlight;
  }

  dispose(): void {
    for (const e of this.entries.values()) e.abort?.abort();
    this.entries.clear();
    this.changes.dispose();
  }
}

function usable(state: CatalogState): Catalog | undefined {
  if (state.status === "ready") return state.catalog;
  if (state.status === "loading" || state.status === "failed") return state.previous;
  return undefined;
}
