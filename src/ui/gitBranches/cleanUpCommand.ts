/** "Lakebase: Clean Up Branches": pick among branches whose git branch is gone or that expire soon, and delete them. */
import * as vscode from "vscode";
import { UserFacingError } from "../../core/errors";
import type { BranchLinks } from "../../core/gitBranches/branchLinks";
import { assertDeletable, cleanupCandidates, type CleanupBranch, type CleanupCandidate } from "../../core/gitBranches/cleanupRules";
import { describeLakebaseError } from "../../core/lakebase/errors";
import { lastSegment } from "../../core/lakebase/resourceNames";
import type { Branch } from "../../core/lakebase/types";
import { folderKey, matchWorkspaceFolder, type Shell } from "../shell";
import { localBranches, type GitRepository } from "./gitApi";

export interface CleanUpArgs { folder?: string; branches?: string[]; confirm?: boolean }
export interface CleanUpResult { candidates: Array<{ branch: string; reason: string; gitBranch?: string }>; deleted: string[]; failed: Array<{ branch: string; error: string }> }

function toCleanup(b: Branch): CleanupBranch {
  return {
    name: b.name, id: lastSegment(b.name), isDefault: b.status?.default === true, isProtected: b.status?.is_protected === true,
    expireTime: b.status?.expire_time ? new Date(b.status.expire_time) : undefined,
  };
}

export async function cleanUpBranches(shell: Shell, links: BranchLinks, repos: (f: vscode.WorkspaceFolder) => GitRepository[], args: CleanUpArgs): Promise<CleanUpResult | undefined> {
  const folder = (args.folder ? matchWorkspaceFolder(args.folder) : undefined) ?? shell.requireFolder();
  const fk = folderKey(folder);
  const target = shell.services.targets.get(fk);
  if (!target) throw new UserFacingError(`${folder.name} has no Lakebase target, so there is no project to clean up. Pick one first (Use for This Workspace).`);
  const client = shell.services.lakebase(target.profile);
  const all: Branch[] = [];
  for await (const b of client.listBranches(target.project)) all.push(b);
  const gitBranches = new Set<string>();
  for (const r of repos(folder)) for (const b of await localBranches(r)) gitBranches.add(b);
  const branchLinks = links.get(fk, target.project);
  // Without a repository we cannot tell a deleted git branch from an unknown one: only expiry then.
  const candidates: CleanupCandidate[] = cleanupCandidates({
    branches: all.map(toCleanup).filter((b) => b.name !== target.branch),
    links: repos(folder).length ? branchLinks : {},
    gitBranches, now: new Date(),
  });

  shell.log.logger.info(`Clean up in ${lastSegment(target.project)}: ${candidates.length} candidate(s)${args.branches ? `, asked for ${args.branches.join(", ")}` : ""}`);
  let chosen: CleanupCandidate[];
  if (args.branches) {
    // Named ones (e.g. after "git branch -d"): only from the candidates, never default or protected.
    const named = new Set(args.branches);
    chosen = all.map(toCleanup).filter((b) => named.has(b.id) && b.name !== target.branch).map((b) => ({ branch: b, reason: "git branch deleted" as const }));
    for (const c of chosen) assertDeletable(c.branch);
  } else if (args.confirm === false) {
    chosen = candidates;
  } else {
    if (!candidates.length) {
      void vscode.window.showInformationMessage(`Nothing to clean up in ${lastSegment(target.project)}: no branch whose git branch is gone, none expiring within a day.`);
      return { candidates: [], deleted: [], failed: [] };
    }
    const picks = await vscode.window.showQuickPick(candidates.map((c) => ({
      label: c.branch.id, description: c.reason, detail: c.gitBranch ? `git branch ${c.gitBranch}` : c.branch.expireTime ? `expires ${c.branch.expireTime.toLocaleString()}` : undefined, picked: c.reason === "git branch deleted", candidate: c,
    })), { canPickMany: true, title: `Delete Lakebase branches of ${lastSegment(target.project)}` });
    if (!picks?.length) return undefined;
    const ok = await vscode.window.showWarningMessage(`Delete ${picks.length} Lakebase branch(es): ${picks.map((p) => p.label).join(", ")}? Their data goes with them.`, { modal: true }, "Delete");
    if (ok !== "Delete") return undefined;
    chosen = picks.map((p) => p.candidate);
  }

  const result: CleanUpResult = { candidates: candidates.map((c) => ({ branch: c.branch.id, reason: c.reason, gitBranch: c.gitBranch })), deleted: [], failed: [] };
  for (const c of chosen) {
    try {
      assertDeletable(c.branch);
      await client.waitForOperation(await client.deleteBranch(c.branch.name));
      result.deleted.push(c.branch.id);
      shell.log.logger.info(`Deleted Lakebase branch ${c.branch.name} (${c.reason}${c.gitBranch ? `: ${c.gitBranch}` : ""})`);
      const git = Object.entries(branchLinks).find(([, id]) => id === c.branch.id)?.[0];
      if (git) await links.set(fk, target.project, git, undefined);
    } catch (err) {
      result.failed.push({ branch: c.branch.id, error: describeLakebaseError(err) });
      shell.log.logger.error(`Could not delete Lakebase branch ${c.branch.name}:`, err);
    }
  }
  if (result.failed.length) void vscode.window.showErrorMessage(`Could not delete ${result.failed.map((f) => `${f.branch} (${f.error})`).join("; ")}.`);
  else if (result.deleted.length && args.confirm !== false) void vscode.window.showInformationMessage(`Deleted ${result.deleted.join(", ")}.`);
  return result;
}
