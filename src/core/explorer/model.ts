import { describeLakebaseError } from "../lakebase/errors";
import { redactFor, silentLogger, type Logger } from "../log";
import { ChangeEmitter, type Disposable } from "./changeEmitter";
import { loadChildren, moreNode, type ExplorerSources, type LoadedChildren } from "./childLoaders";
import { errorNode, type ExplorerNode } from "./nodes";

export type { ExplorerNode } from "./nodes";
export type { ExplorerSources } from "./childLoaders";
export type { ProfileSummary } from "./resourceNodes";

const ROOT = "<root>";

interface Entry {
  nodes: ExplorerNode[];
  pageLoader?: LoadedChildren["pageLoader"];
}

/** What a failed load was doing, for the error node's label. */
const ACTION: Partial<Record<ExplorerNode["kind"], string>> = {
  profile: "list projects",
  project: "list branches",
  endpointsFolder: "list endpoints",
  databasesFolder: "list databases",
  rolesFolder: "list roles",
  database: "list schemas",
  schema: "list tables",
  table: "list columns",
  view: "list columns",
};

/**
 * Lazily loaded, cached explorer tree. Every load runs under the model's own AbortController, so
 * two callers asking for the same node share one request and a caller giving up (its signal
 * fires) does not cancel the load for the others. Failures become `error` nodes, never throws.
 */
export class ExplorerModel implements Disposable {
  private readonly cache = new Map<string, Entry>();
  private readonly inflight = new Map<string, { promise: Promise<Entry>; abort: AbortController }>();
  private readonly parents = new Map<string, ExplorerNode | undefined>();
  private readonly byId = new Map<string, ExplorerNode>();
  private readonly changed: ChangeEmitter<ExplorerNode | undefined>;
  private readonly log: Logger;

  /** Fires with the node whose children changed (undefined: the whole tree). */
  readonly onDidChange: (listener: (node: ExplorerNode | undefined) => void) => Disposable;

  constructor(private readonly sources: ExplorerSources, logger: Logger = silentLogger) {
    this.log = logger;
    this.changed = new ChangeEmitter((err) => this.log.error("explorer change listener failed", err));
    this.onDidChange = this.changed.event;
  }

  /** Children of `node` (undefined: the profiles). Resolves to [] when `signal` fires first. */
  async children(node: ExplorerNode | undefined, signal?: AbortSignal): Promise<ExplorerNode[]> {
    const key = node?.id ?? ROOT;
    const cached = this.cache.get(key);
    if (cached) return cached.nodes;
    const load = this.startLoad(key, node);
    if (!signal) return (await load).nodes;
    if (signal.aborted) return [];
    return new Promise<ExplorerNode[]>((resolve) => {
      const onAbort = () => resolve([]);
      signal.addEventListener("abort", onAbort, { once: true });
      void load.then((e) => {
        signal.removeEventListener("abort", onAbort);
        resolve(e.nodes);
      });
    });
  }

  /** Fetches the next page for a `loadMore` node and returns the parent's updated children. */
  async loadMore(node: ExplorerNode): Promise<ExplorerNode[]> {
    if (node.data?.kind !== "loadMore") throw new Error(`loadMore needs a "Load more…" node, got a ${node.kind} node`);
    const { parentId, pageToken } = node.data;
    const parent = this.byId.get(parentId);
    const entry = this.cache.get(parentId);
    if (!parent || !entry?.pageLoader) return entry?.nodes ?? [];
    const key = `${parentId}::more`;
    const running = this.inflight.get(key);
    if (running) return (await running.promise).nodes;

    const abort = new AbortController();
    const kept = entry.nodes.filter((n) => n.id !== node.id);
    const promise = entry.pageLoader(pageToken, abort.signal).then(
      (page): Entry => {
        const items = [...kept, ...page.nodes];
        const nodes = page.nextPageToken ? [...items, moreNode(parent, page.nextPageToken, items.length)] : items;
        return { nodes, pageLoader: entry.pageLoader };
      },
      (err): Entry => ({ nodes: [...kept, this.failure(parent, err, "load more")], pageLoader: entry.pageLoader }),
    );
    this.inflight.set(key, { promise, abort });
    const result = await promise;
    if (this.inflight.get(key)?.promise !== promise) return this.cache.get(parentId)?.nodes ?? []; // refreshed meanwhile
    this.inflight.delete(key);
    if (this.cache.get(parentId) !== entry) return this.cache.get(parentId)?.nodes ?? [];
    this.store(parentId, parent, result);
    this.changed.fire(parent);
    return result.nodes;
  }

  /** Forgets `node`'s children (and everything below); undefined forgets the whole tree. */
  refresh(node?: ExplorerNode): void {
    if (!node) {
      for (const { abort } of this.inflight.values()) abort.abort();
      this.inflight.clear();
      this.cache.clear();
      this.parents.clear();
      this.byId.clear();
    } else {
      this.invalidate(node.id);
    }
    this.changed.fire(node ? this.byId.get(node.id) ?? node : undefined);
  }

  /** Retries what an `error` node reports: refreshes the node it hangs under. */
  retry(error: ExplorerNode): void {
    if (error.data?.kind !== "error") throw new Error(`retry needs an error node, got a ${error.kind} node`);
    const target = error.data.retryNodeId ? this.byId.get(error.data.retryNodeId) : undefined;
    this.refresh(target);
  }

  getNode(id: string): ExplorerNode | undefined {
    return this.byId.get(id);
  }

  /** The parent of a node seen in a loaded listing (for TreeDataProvider.getParent / reveal). */
  parent(node: ExplorerNode): ExplorerNode | undefined {
    return this.parents.get(node.id);
  }

  dispose(): void {
    for (const { abort } of this.inflight.values()) abort.abort();
    this.inflight.clear();
    this.changed.dispose();
  }

  private startLoad(key: string, node: ExplorerNode | undefined): Promise<Entry> {
    const running = this.inflight.get(key);
    if (running) return running.promise;
    const abort = new AbortController();
    const promise = loadChildren(this.sources, node, abort.signal).then(
      (loaded): Entry => {
        const nodes = loaded.nextPageToken && node ? [...loaded.nodes, moreNode(node, loaded.nextPageToken, loaded.nodes.length)] : loaded.nodes;
        return { nodes, pageLoader: loaded.pageLoader };
      },
      (err): Entry => ({ nodes: [this.failure(node, err, node ? ACTION[node.kind] ?? "load" : "read the Databricks profiles")] }),
    );
    this.inflight.set(key, { promise, abort });
    void promise.then((entry) => {
      // Store only if nobody refreshed this node while it loaded.
      if (this.inflight.get(key)?.promise !== promise) return;
      this.inflight.delete(key);
      if (!abort.signal.aborted) this.store(key, node, entry);
    });
    return promise;
  }

  private store(key: string, parent: ExplorerNode | undefined, entry: Entry): void {
    this.cache.set(key, entry);
    for (const child of entry.nodes) {
      this.byId.set(child.id, child);
      this.parents.set(child.id, parent);
    }
  }

  private invalidate(key: string): void {
    const running = this.inflight.get(key);
    if (running) running.abort.abort();
    this.inflight.delete(key);
    this.inflight.get(`${key}::more`)?.abort.abort();
    this.inflight.delete(`${key}::more`);
    const entry = this.cache.get(key);
    this.cache.delete(key);
    for (const child of entry?.nodes ?? []) {
      this.invalidate(child.id);
      this.byId.delete(child.id);
      this.parents.delete(child.id);
    }
  }

  private failure(parent: ExplorerNode | undefined, err: unknown, action: string): ExplorerNode {
    // A tree row is shown to the user: the same redaction as the log (known secrets in every form).
    const message = redactFor(this.log, `Could not ${action}: ${describeLakebaseError(err)}`);
    this.log.warn(`explorer: ${message}`);
    return errorNode(parent?.id, message, err, parent?.data?.profileName);
  }
}
