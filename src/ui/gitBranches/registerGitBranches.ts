import * as vscode from "vscode";
import { BranchLinks } from "../../core/gitBranches/branchLinks";
import { decideFollow } from "../../core/gitBranches/followRules";
import { UserFacingError } from "../../core/errors";
import { registerCommand } from "../commands";
import { folderKey, matchWorkspaceFolder, type Shell } from "../shell";
import { cleanUpBranches, type CleanUpArgs } from "./cleanUpCommand";
import { getGitApi } from "./gitApi";
import { gitUnavailableMessage } from "./gitAvailability";
import { GitFollower, gitHead, type FollowEvent } from "./gitFollower";
import { gitFollowSettings } from "./gitSettings";

const argObject = (a: unknown): Record<string, unknown> => (a && typeof a === "object" && !(a instanceof vscode.Uri) ? a as Record<string, unknown> : {});

/**
 * Git branch ↔ Lakebase branch. The follower starts only when VS Code's Git extension is there
 * and enabled (also later, when it is switched on); nothing is shown at activation when it is not:
 * one message when the user turns following on, and the commands say why.
 */
export function registerGitBranches(shell: Shell): { onDidFollow: vscode.Event<FollowEvent> } {
  const links = new BranchLinks(shell.context.workspaceState);
  const followEvents = new vscode.EventEmitter<FollowEvent>();
  shell.context.subscriptions.push(followEvents);
  let follower: GitFollower | undefined;
  let unavailable = "VS Code's Git extension is still starting.";
  const start = (api: Parameters<typeof startFollower>[1]) => { follower ??= startFollower(shell, api, links, followEvents); };
  const ready = getGitApi().then((git) => {
    if (git.api) return start(git.api);
    unavailable = git.reason;
    shell.log.logger.info(`Git branch following is off: ${git.reason}`);
    // git.enabled switched on later: the Git extension comes up without a reload, and so do we.
    const sub = git.exports?.onDidChangeEnablement?.((enabled) => {
      if (!enabled || follower) return;
      void getGitApi().then((again) => { if (again.api) { start(again.api); shell.log.logger.info("Git branch following is on: the Git extension is enabled now."); } });
    });
    if (sub) shell.context.subscriptions.push({ dispose: () => void sub.dispose() });
  }, (err: unknown) => { unavailable = `VS Code's Git extension could not be used: ${String(err)}`; });

  const requireFollower = async () => {
    await ready;
    if (!follower) throw new UserFacingError(`${unavailable} Lakebase branches cannot follow git branches without it; install git or enable the Git extension (git.enabled).`);
    return follower;
  };

  // Turning following on where it cannot work says so once per folder and session, not at every checkout.
  const told = new Set<string>();
  shell.context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration("lakebase.git")) return;
    void ready.then(() => {
      if (follower) return follower.refreshFollowing();
      for (const folder of vscode.workspace.workspaceFolders ?? []) {
        if (!e.affectsConfiguration("lakebase.git.followBranches", folder.uri) || !gitFollowSettings(folder).follow || told.has(folderKey(folder))) continue;
        told.add(folderKey(folder));
        shell.log.logger.warn(`Following git branches in ${folder.name} was turned on, but: ${unavailable}`);
        void vscode.window.showErrorMessage(gitUnavailableMessage(unavailable, folder.name), "Open Git Settings").then((c) => {
          if (c) void vscode.commands.executeCommand("workbench.action.openSettings", "git.enabled");
        });
      }
    });
  }));

  registerCommand(shell.context, shell.log.logger, "lakebase.gitBranches.cleanUp", async (arg: unknown) => {
    const args = argObject(arg) as CleanUpArgs;
    await ready;
    return cleanUpBranches(shell, links, (f) => follower?.repositoriesOf(f) ?? [], args);
  });

  // Follow the folder's current git branch now (also what automation, the offer and a failure's button use).
  // A folder may hold several repositories: `repository` (URI or path) names one, else the last followed.
  registerCommand(shell.context, shell.log.logger, "lakebase.gitBranches.followCurrent", async (arg: unknown) => {
    const args = argObject(arg);
    const f = await requireFollower();
    const folder = (typeof args.folder === "string" ? matchWorkspaceFolder(args.folder) : undefined) ?? shell.requireFolder();
    const repo = f.repositoryFor(folder, typeof args.repository === "string" ? args.repository : undefined);
    if (!repo) throw new UserFacingError(`${folder.name} has no git repository that VS Code's Git extension knows${typeof args.repository === "string" ? ` at ${args.repository}` : ""}.`);
    const decision = decideFollow(gitHead(repo), gitFollowSettings(folder).mainBranches);
    if (decision.action === "stay") throw new UserFacingError(`The target stays where it is: ${decision.reason}.`);
    return f.follow(folder, decision.gitBranch, decision.action === "default", repo);
  });

  return { onDidFollow: followEvents.event };
}

function startFollower(shell: Shell, api: ConstructorParameters<typeof GitFollower>[1], links: BranchLinks, events: vscode.EventEmitter<FollowEvent>): GitFollower {
  const follower = new GitFollower(shell, api, links);
  shell.context.subscriptions.push(follower, follower.onDidFollow((e) => events.fire(e)));
  return follower;
}
