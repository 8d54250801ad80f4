import type { KeyValueStore } from "../target/targetStore";

const KEY = "lakebase.gitBranchLinks";

/**
 * Which Lakebase branch (id) each git branch of a folder was given, per project: what makes an
 * id collision-safe across checkouts and what "Clean Up Branches" knows it may offer.
 */
export class BranchLinks {
  constructor(private readonly store: KeyValueStore) {}

  get(folder: string, project: string): Record<string, string> {
    return { ...(this.all()[folder]?.[project] ?? {}) };
  }

  async set(folder: string, project: string, gitBranch: string, branchId: string | undefined): Promise<void> {
    const all = this.all();
    const perFolder = { ...(all[folder] ?? {}) };
    const links = { ...(perFolder[project] ?? {}) };
    if (branchId) links[gitBranch] = branchId;
    else delete links[gitBranch];
    perFolder[project] = links;
    all[folder] = perFolder;
    await this.store.update(KEY, all);
  }

  private all(): Record<string, Record<string, Record<string, string>>> {
    const raw = this.store.get<Record<string, Record<string, Record<string, string>>>>(KEY);
    return raw && typeof raw === "object" ? { ...raw } : {};
  }
}
