/**
 * Targets chosen for single SQL documents ("this editor runs on the feature branch"), overriding
 * their folder's target: per document URI, persisted through the same key-value seam as the folder
 * targets (workspaceState), at most `limit` documents (the oldest choice is forgotten first).
 */
import { EventEmitter } from "node:events";
import { subscribe, type Subscription } from "../events";
import { type KeyValueStore, type WorkspaceTarget, WorkspaceTargetSchema } from "../target/targetStore";

const KEY = "lakebase.editorTargets";

export class EditorTargetStore {
  private readonly events = new EventEmitter();
  constructor(private readonly store: KeyValueStore, private readonly limit = 200) {}

  /** The document's own target; undefined: it uses its folder's. */
  get(document: string): WorkspaceTarget | undefined {
    const parsed = WorkspaceTargetSchema.safeParse(this.all()[document]);
    return parsed.success ? parsed.data : undefined;
  }

  /** Every document with a target of its own. */
  entries(): Array<[string, WorkspaceTarget]> {
    return Object.keys(this.all()).flatMap((d) => { const t = this.get(d); return t ? [[d, t] as [string, WorkspaceTarget]] : []; });
  }

  async set(document: string, target: WorkspaceTarget | undefined): Promise<void> {
    const all = this.all();
    delete all[document];
    if (target) all[document] = WorkspaceTargetSchema.parse(target);
    const kept = Object.entries(all);
    await this.store.update(KEY, Object.fromEntries(kept.slice(Math.max(0, kept.length - this.limit))));
    this.events.emit("change", document, target);
  }

  onDidChange(listener: (document: string, target: WorkspaceTarget | undefined) => void): Subscription {
    return subscribe(this.events, "change", listener);
  }

  private all(): Record<string, unknown> {
    const raw = this.store.get<unknown>(KEY);
    return raw && typeof raw === "object" && !Array.isArray(raw) ? { ...(raw as Record<string, unknown>) } : {};
  }
}
