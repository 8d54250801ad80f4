/** Whether a change of the repository's HEAD moves the folder's target, and where to. */

export interface GitHead {
  /** The checked-out branch; undefined on a detached HEAD. */
  branch?: string;
  rebaseInProgress?: boolean;
  mergeInProgress?: boolean;
}

export type FollowDecision =
  | { action: "stay"; reason: string }
  | { action: "default"; gitBranch: string }
  | { action: "branch"; gitBranch: string };

/** Git branches that stand for the project's default branch. */
export const DEFAULT_MAIN_BRANCHES: readonly string[] = ["main", "master"];

export function decideFollow(head: GitHead, mainBranches: readonly string[] = DEFAULT_MAIN_BRANCHES): FollowDecision {
  // A rebase or merge passes through other commits (often on a detached HEAD): the work is
  // still on the branch it started from, so the database stays too.
  if (head.rebaseInProgress) return { action: "stay", reason: "a rebase is in progress" };
  if (head.mergeInProgress) return { action: "stay", reason: "a merge is in progress" };
  if (!head.branch) return { action: "stay", reason: "HEAD is detached (no branch is checked out)" };
  if (mainBranches.includes(head.branch)) return { action: "default", gitBranch: head.branch };
  return { action: "branch", gitBranch: head.branch };
}
