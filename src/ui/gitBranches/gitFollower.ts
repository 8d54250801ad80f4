/**
 * Watches every git repository VS Code's Git extension knows (multi-root, several repositories
 * per folder) and moves the folder's target when the checked-out branch changes. All decisions
 * are the core's (followRules, followBranch); this only wires events, settings and messages.
 */
import * as vscode from "vscode";
import { describeError } from "../../core/errors";
import type { BranchLinks } from "../../core/gitBranches/branchLinks";
import { followGitBranch, type FollowResult } from "../../core/gitBranches/followBranch";
import { decideFollow, type GitHead } from "../../core/gitBranches/followRules";
import { lastSegment } from "../../core/lakebase/resourceNames";
import { redactPatterns } from "../../core/log";
import { envFilePath, EnvFileMemory, writeRoot } from "../env/envFileMemory";
import { folderKey, type Shell } from "../shell";
import { localBranches, type GitApi, type GitRepository } from "./gitApi";
import { gitFollowSettings, setFollow } from "./gitSettings";

const OFFERED_KEY = "lakebase.git.followOffered";

export interface FollowEvent { folder: string; gitBranch?: string; result?: FollowResult; stayed?: string; error?: string }

export class GitFollower implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly repos = new Map<string, { repo: GitRepository; head: string; branches: Set<string>; sub: vscode.Disposable }>();
  /** Follows per folder run one after another; only the newest pending HEAD matters. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly events = new vscode.EventEmitter<FollowEvent>();
  readonly onDidFollow = this.events.event;
  private readonly envFiles: EnvFileMemory;

  constructor(private readonly shell: Shell, git: GitApi, private readonly links: BranchLinks) {
    this.envFiles = new EnvFileMemory(shell.context.workspaceState);
    for (const r of git.repositories) this.watch(r);
    this.disposables.push(
      git.onDidOpenRepository((r) => this.watch(r)),
      git.onDidCloseRepository((r) => { const k = r.rootUri.toString(); this.repos.get(k)?.sub.dispose(); this.repos.delete(k); }),
      this.events, this.envFiles,
    );
  }

  repositoriesOf(folder: vscode.WorkspaceFolder): GitRepository[] {
    return [...this.repos.values()].map((e) => e.repo).filter((r) => vscode.workspace.getWorkspaceFolder(r.rootUri)?.uri.toString() === folder.uri.toString());
  }

  private watch(repo: GitRepository): void {
    const key = repo.rootUri.toString();
    if (this.repos.has(key)) return;
    const entry = { repo, head: headKey(repo), branches: new Set<string>(), sub: repo.state.onDidChange(() => this.changed(key)) };
    this.repos.set(key, entry);
    void localBranches(repo).then((b) => { entry.branches = b; }, () => undefined);
  }

  private changed(key: string): void {
    const entry = this.repos.get(key);
    if (!entry) return;
    const head = headKey(entry.repo);
    if (head !== entry.head) {
      entry.head = head;
      void this.onHead(entry.repo);
    }
    void localBranches(entry.repo).then((now) => {
      const gone = [...entry.branches].filter((b) => !now.has(b));
      entry.branches = now;
      if (gone.length) {
        this.shell.log.logger.info(`git branches deleted in ${entry.repo.rootUri.fsPath}: ${gone.join(", ")}`);
        void this.offerDelete(entry.repo, gone);
      }
    }, (err: unknown) => this.shell.log.logger.warn(`Could not list the git branches of ${entry.repo.rootUri.fsPath}:`, err));
  }

  private async onHead(repo: GitRepository): Promise<void> {
    const folder = vscode.workspace.getWorkspaceFolder(repo.rootUri);
    if (!folder) return;
    const settings = gitFollowSettings(folder);
    const head = gitHead(repo);
    const decision = decideFollow(head, settings.mainBranches);
    const fk = folderKey(folder);
    if (!settings.follow) {
      if (decision.action === "branch" && !settings.declined && this.shell.services.targets.get(fk) && !this.offered(fk)) await this.offer(folder, decision.gitBranch);
      return;
    }
    if (decision.action === "stay") {
      vscode.window.setStatusBarMessage(`Lakebase: target unchanged, ${decision.reason}`, 5000);
      this.shell.log.logger.info(`git HEAD in ${folder.name} changed: target unchanged, ${decision.reason}`);
      this.events.fire({ folder: fk, gitBranch: head.branch, stayed: decision.reason });
      return;
    }
    await this.follow(folder, decision.gitBranch, decision.action === "default");
  }

  /** Runs after the folder's previous follow; skipped when a newer checkout came in meanwhile. */
  follow(folder: vscode.WorkspaceFolder, gitBranch: string, toDefault: boolean): Promise<FollowResult | undefined> {
    const fk = folderKey(folder);
    const run = (this.queues.get(fk) ?? Promise.resolve()).then(() => this.followNow(folder, gitBranch, toDefault));
    this.queues.set(fk, run.catch(() => undefined));
    return run;
  }

  private async followNow(folder: vscode.WorkspaceFolder, gitBranch: string, toDefault: boolean): Promise<FollowResult | undefined> {
    const fk = folderKey(folder);
    const settings = gitFollowSettings(folder);
    const env = envFilePath(folder, this.envFiles.get(fk) ?? ".env");
    try {
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: `Lakebase: following ${gitBranch}` },
        (progress) => followGitBranch(this.shell.services, this.links, {
          folder: fk, gitBranch, toDefault, parentBranch: settings.parentBranch, ttlDays: settings.ttlDays,
          envFile: env, allowedRoot: writeRoot(folder, env), onStep: (message) => progress.report({ message }),
        }),
      );
      if (!result.unchanged) {
        const what = result.created ? `created ${result.branchId} and switched to it` : `switched to ${result.branchId}`;
        vscode.window.setStatusBarMessage(`Lakebase: ${what}${result.envWritten ? ", .env rewritten" : ""}`, 6000);
        this.shell.log.logger.info(`git branch ${gitBranch} in ${folder.name}: ${what}`);
      }
      this.events.fire({ folder: fk, gitBranch, result });
      return result;
    } catch (err) {
      const message = redactPatterns(describeError(err));
      this.shell.log.logger.error(`Following git branch ${gitBranch} in ${folder.name} failed:`, err);
      this.events.fire({ folder: fk, gitBranch, error: message });
      void vscode.window.showErrorMessage(message, "Clean Up Branches", "Show Log").then((c) => {
        if (c === "Clean Up Branches") void vscode.commands.executeCommand("lakebase.gitBranches.cleanUp", { folder: folder.uri.toString() });
        else if (c === "Show Log") void vscode.commands.executeCommand("lakebase.log.show");
      });
      return undefined;
    }
  }

  private offered(fk: string): boolean {
    return (this.shell.context.workspaceState.get<string[]>(OFFERED_KEY) ?? []).includes(fk);
  }

  private async offer(folder: vscode.WorkspaceFolder, gitBranch: string): Promise<void> {
    const fk = folderKey(folder);
    await this.shell.context.workspaceState.update(OFFERED_KEY, [...(this.shell.context.workspaceState.get<string[]>(OFFERED_KEY) ?? []), fk]);
    const target = this.shell.services.targets.get(fk)!;
    const choice = await vscode.window.showInformationMessage(
      `Give git branch ${gitBranch} its own Lakebase branch? ${folder.name} would follow your git branches: a branch of ${target.projectLabel ?? lastSegment(target.project)} per git branch (created from the default branch, expiring after ${gitFollowSettings(folder).ttlDays} days), .env rewritten on checkout.`,
      "Follow Git Branches", "Not Now", "Never for This Folder",
    );
    if (choice === "Follow Git Branches") {
      await setFollow(folder, true);
      await this.follow(folder, gitBranch, false);
    } else if (choice === "Never for This Folder") {
      await setFollow(folder, false);
    }
  }

  private async offerDelete(repo: GitRepository, gone: string[]): Promise<void> {
    const folder = vscode.workspace.getWorkspaceFolder(repo.rootUri);
    if (!folder || !gitFollowSettings(folder).follow) return;
    const target = this.shell.services.targets.get(folderKey(folder));
    if (!target) return;
    const links = this.links.get(folderKey(folder), target.project);
    for (const git of gone) {
      const id = links[git];
      if (!id || `${target.project}/branches/${id}` === target.branch) continue;
      const choice = await vscode.window.showInformationMessage(`Git branch ${git} was deleted. Delete its Lakebase branch ${id} too?`, "Delete Branch", "Keep");
      if (choice === "Delete Branch") await vscode.commands.executeCommand("lakebase.gitBranches.cleanUp", { folder: folder.uri.toString(), branches: [id], confirm: false });
    }
  }

  dispose(): void {
    for (const e of this.repos.values()) e.sub.dispose();
    this.repos.clear();
    for (const d of this.disposables) d.dispose();
  }
}

export function gitHead(repo: GitRepository): GitHead {
  const s = repo.state;
  return { branch: s.HEAD?.type === 0 ? s.HEAD.name : undefined, rebaseInProgress: s.rebaseCommit !== undefined && s.rebaseCommit !== null, mergeInProgress: (s.mergeChanges?.length ?? 0) > 0 };
}

function headKey(repo: GitRepository): string {
  const h = gitHead(repo);
  return `${h.branch ?? `@${repo.state.HEAD?.commit ?? ""}`}|${h.rebaseInProgress ? "r" : ""}${h.mergeInProgress ? "m" : ""}`;
}
