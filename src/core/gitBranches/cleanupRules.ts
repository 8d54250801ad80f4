/** Which Lakebase branches "Clean Up Branches" offers to delete. Default and protected branches never. */

export interface CleanupBranch {
  /** Resource name. */
  name: string;
  id: string;
  isDefault: boolean;
  isProtected: boolean;
  expireTime?: Date;
}

export interface CleanupCandidate {
  branch: CleanupBranch;
  /** The git branch it was created for, when known. */
  gitBranch?: string;
  reason: "git branch deleted" | "expires soon";
}

export interface CleanupInput {
  branches: readonly CleanupBranch[];
  /** git branch → branch id, for branches this extension created on checkout. */
  links: Readonly<Record<string, string>>;
  /** The repository's local branches now. */
  gitBranches: ReadonlySet<string>;
  now: Date;
  /** "Expires soon" horizon (ms); default one day. */
  soonMs?: number;
}

export function cleanupCandidates(input: CleanupInput): CleanupCandidate[] {
  const soon = input.now.getTime() + (input.soonMs ?? 24 * 3600 * 1000);
  const gitOf = new Map(Object.entries(input.links).map(([git, id]) => [id, git]));
  const out: CleanupCandidate[] = [];
  for (const b of input.branches) {
    if (b.isDefault || b.isProtected) continue;
    const gitBranch = gitOf.get(b.id);
    if (gitBranch !== undefined && !input.gitBranches.has(gitBranch)) out.push({ branch: b, gitBranch, reason: "git branch deleted" });
    else if (b.expireTime && b.expireTime.getTime() <= soon) out.push({ branch: b, gitBranch, reason: "expires soon" });
  }
  return out.sort((a, b) => a.branch.id.localeCompare(b.branch.id));
}

/** Refuses what must never be deleted: the default branch and protected branches. */
export function assertDeletable(b: CleanupBranch): void {
  if (b.isDefault) throw new Error(`${b.id} is the project's default branch; it is never deleted here.`);
  if (b.isProtected) throw new Error(`${b.id} is protected; unprotect it in the console first if you really mean to delete it.`);
}
