/**
 * Watches every git repository VS Code's Git extension knows (multi-root, several repositories
 * per folder) and moves the folder's target when the checked-out branch changes. All decisions
 * are the core's (followRules, followBranch); this only wires events, settings and messages.
 */
import * as vscode from "vscode";
import { describeError, UserFacingError } from "../../core/errors";
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
  /** `branches` is known only in folders that follow (listing them runs git): undefined until then. */
  private readonly repos = new Map<string, { repo: GitRepository; head: string; branches?: Set<string>; sub: vscode.Disposable }>();
  /** Per folder: the repository whose checkout was followed last (a folder may hold several). */
  private readonly lastRepo = new Map<string, string>();
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
      // A target picked in a following folder: its branch lists start being kept.
      shell.services.targets.onDidChange(() => this.refreshFollowing()),
    );
  }

  repositoriesOf(folder: vscode.WorkspaceFolder): GitRepository[] {
    return [...this.repos.values()].map((e) => e.repo).filter((r) => vscode.workspace.getWorkspaceFolder(r.rootUri)?.uri.toString() === folder.uri.toString());
  }

  /**
   * The repository a folder-level command means: the one named (URI or path), else the one whose
   * checkout was followed last, else the active editor's, else the folder's first.
   */
  repositoryFor(folder: vscode.WorkspaceFolder, spec?: string): GitRepository | undefined {
    const repos = this.repositoriesOf(folder);
    const named = spec ? repos.find((r) => r.rootUri.toString() === spec || r.rootUri.fsPath === spec) : undefined;
    if (named || spec) return named;
    const last = repos.find((r) => r.rootUri.toString() === this.lastRepo.get(folderKey(folder)));
    const active = vscode.window.activeTextEditor?.document.uri;
    const byEditor = active ? repos.filter((r) => active.fsPath.startsWith(r.rootUri.fsPath + "/")).sort((a, b) => b.rootUri.fsPath.length - a.rootUri.fsPath.length)[0] : undefined;
    return last ?? byEditor ?? repos[0];
  }

  /** A folder's setting was turned on: start keeping its repositories' branch lists (for deletion offers). */
  refreshFollowing(): void {
    for (const entry of this.repos.values()) if (entry.branches === undefined && this.follows(entry.repo)) this.listBranches(entry);
  }

  private follows(repo: GitRepository): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(repo.rootUri);
    return Boolean(folder && gitFollowSettings(folder).follow && this.shell.services.targets.get(folderKey(folder)));
  }

  private watch(repo: GitRepository): void {
    const key = repo.rootUri.toString();
    if (this.repos.has(key)) return;
    const entry: { repo: GitRepository; head: string; branches?: Set<string>; sub: vscode.Disposable } = { repo, head: headKey(repo), sub: repo.state.onDidChange(() => this.changed(key)) };
    this.repos.set(key, entry);
    if (this.follows(repo)) this.listBranches(entry);
  }

  /** The first list is the baseline (nothing was deleted yet); later ones offer to delete what went. */
  private listBranches(entry: { repo: GitRepository; branches?: Set<string> }): void {
    const first = entry.branches === undefined;
    if (first) entry.branches = new Set();
    void localBranches(entry.repo).then((now) => {
      const gone = first ? [] : [...entry.branches!].filter((b) => !now.has(b));
      entry.branches = now;
      if (gone.length) {
        this.shell.log.logger.info(`git branches deleted in ${entry.repo.rootUri.fsPath}: ${gone.join(", ")}`);
        void this.offerDelete(entry.repo, gone);
      }
    }, (err: unknown) => this.shell.log.logger.warn(`Could not list the git branches of ${entry.repo.rootUri.fsPath}:`, err));
  }

  private changed(key: string): void {
    const entry = this.repos.get(key);
    if (!entry) return;
    const head = headKey(entry.repo);
    if (head !== entry.head) {
      entry.head = head;
      void this.onHead(entry.repo);
    }
    // Every file save changes the state: run git for the branch list only where it is used.
    if (this.follows(entry.repo)) this.listBranches(entry);
    else entry.branches = undefined;
  }

  private async onHead(repo: GitRepository): Promise<void> {
    const folder = vscode.workspace.getWorkspaceFolder(repo.rootUri);
    if (!folder) return;
    const settings = gitFollowSettings(folder);
    const head = gitHead(repo);
    const decision = decideFollow(head, settings.mainBranches);
    const fk = folderKey(folder);
    if (!settings.follow) {
      if (decision.action === "branch" && !settings.declined && this.shell.services.targets.get(fk) && !this.offered(fk)) await this.offer(folder, decision.gitBranch, repo);
      return;
    }
    const where = repo.rootUri.fsPath === folder.uri.fsPath ? folder.name : `${folder.name} (${vscode.workspace.asRelativePath(repo.rootUri, false)})`;
    if (decision.action === "stay") {
      vscode.window.setStatusBarMessage(`Lakebase: target unchanged, ${decision.reason}`, 5000);
      this.shell.log.logger.info(`git HEAD in ${where} changed: target unchanged, ${decision.reason}`);
      this.events.fire({ folder: fk, gitBranch: head.branch, stayed: decision.reason });
      return;
    }
    await this.follow(folder, decision.gitBranch, decision.action === "default", repo);
  }

  /** Runs after the folder's previous follow; skipped when a newer checkout came in meanwhile. */
  follow(folder: vscode.WorkspaceFolder, gitBranch: string, toDefault: boolean, repo?: GitRepository): Promise<FollowResult | undefined> {
    const fk = folderKey(folder);
    if (repo) this.lastRepo.set(fk, repo.rootUri.toString());
    const run = (this.queues.get(fk) ?? Promise.resolve()).then(() => this.followNow(folder, gitBranch, toDefault, repo));
    this.queues.set(fk, run.catch(() => undefined));
    return run;
  }

  private async followNow(folder: vscode.WorkspaceFolder, gitBranch: string, toDefault: boolean, repo?: GitRepository): Promise<FollowResult | undefined> {
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
      // A failure we explain needs no stack in the log; anything else keeps it.
      if (err instanceof UserFacingError) this.shell.log.logger.error(`Following git branch ${gitBranch} in ${folder.name} failed: ${message}`);
      else this.shell.log.logger.error(`Following git branch ${gitBranch} in ${folder.name} failed:`, err);
      this.events.fire({ folder: fk, gitBranch, error: message });
      // The buttons are what the failure calls for (Clean Up Branches for the branch limit, Follow again after a 429…).
      const actions = err instanceof UserFacingError ? err.actions : [];
      void vscode.window.showErrorMessage(message, ...actions.map((a) => a.title), "Show Log").then((c) => {
        const action = actions.find((a) => a.title === c);
        if (action) void vscode.commands.executeCommand(action.command, { folder: folder.uri.toString(), ...(repo ? { repository: repo.rootUri.toString() } : {}) });
        else if (c === "Show Log") void vscode.commands.executeCommand("lakebase.log.show");
      });
      return undefined;
    }
  }

  private offered(fk: string): boolean {
    return (this.shell.context.workspaceState.get<string[]>(OFFERED_KEY) ?? []).includes(fk);
  }

  private async offer(folder: vscode.WorkspaceFolder, gitBranch: string, repo: GitRepository): Promise<void> {
    const fk = folderKey(folder);
    await this.shell.context.workspaceState.update(OFFERED_KEY, [...(this.shell.context.workspaceState.get<string[]>(OFFERED_KEY) ?? []), fk]);
    const target = this.shell.services.targets.get(fk)!;
    const choice = await vscode.window.showInformationMessage(
      `Give git branch ${gitBranch} its own Lakebase branch? ${folder.name} would follow your git branches: a branch of ${target.projectLabel ?? lastSegment(target.project)} per git branch (created from the default branch, expiring after ${gitFollowSettings(folder).ttlDays} days), .env rewritten on checkout.`,
      "Follow Git Branches", "Not Now", "Never for This Folder",
    );
    if (choice === "Follow Git Branches") {
      await setFollow(folder, true);
      await this.follow(folder, gitBranch, false, repo);
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
