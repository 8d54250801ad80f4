import { EventEmitter } from "node:events";
import * as z from "../validation";
import { subscribe } from "../events";

/**
 * What a workspace folder is connected to: a profile plus the endpoint and
 * database its app uses. Resource names are the API's own, never assembled.
 */
export const WorkspaceTargetSchema = z.object({
  profile: z.string().check(z.minLength(1)),
  project: z.string().check(z.regex(/^projects\/[^/]+$/)),
  branch: z.string().check(z.regex(/^projects\/[^/]+\/branches\/[^/]+$/)),
  endpoint: z.string().check(z.regex(/^projects\/[^/]+\/branches\/[^/]+\/endpoints\/[^/]+$/)),
  /** The Postgres database name (e.g. databricks_postgres), not the resource name. */
  database: z.string().check(z.minLength(1)),
  /** Endpoint host as the API reported it when the target was chosen. */
  host: z.string().check(z.minLength(1)),
  /** Display names remembered for the status bar, so it needs no API call. */
  projectLabel: z.optional(z.string()),
  branchLabel: z.optional(z.string()),
  isDefaultBranch: z.optional(z.boolean()),
  /** The branch refuses deletion (§7): a lock in the status bar, migrations always confirm. */
  isProtected: z.optional(z.boolean()),
});
export type WorkspaceTarget = z.infer<typeof WorkspaceTargetSchema>;

/** Persistence seam: the shell backs it with workspaceState, tests with a Map. */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

const KEY = "lakebase.targets";

/** Targets per workspace folder (keyed by folder URI), with a change event. */
export class TargetStore {
  private readonly events = new EventEmitter();
  constructor(private readonly store: KeyValueStore) {}

  get(folder: string): WorkspaceTarget | undefined {
    const raw = this.all()[folder];
    const parsed = WorkspaceTargetSchema.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  }

  async set(folder: string, target: WorkspaceTarget | undefined): Promise<void> {
    const all = this.all();
    if (target) all[folder] = WorkspaceTargetSchema.parse(target);
    else delete all[folder];
    await this.store.update(KEY, all);
    this.events.emit("change", folder, target);
  }

  onDidChange(listener: (folder: string, target: WorkspaceTarget | undefined) => void): { dispose(): void } {
    return subscribe(this.events, "change", listener);
  }

  private all(): Record<string, unknown> {
    return { ...(this.store.get<Record<string, unknown>>(KEY) ?? {}) };
  }
}
