import * as vscode from "vscode";
import { BranchLinks } from "../../core/gitBranches/branchLinks";
import { decideFollow } from "../../core/gitBranches/followRules";
import { UserFacingError } from "../../core/errors";
import { registerCommand } from "../commands";
import { matchWorkspaceFolder, type Shell } from "../shell";
import { cleanUpBranches, type CleanUpArgs } from "./cleanUpCommand";
import { getGitApi } from "./gitApi";
import { GitFollower, gitHead, type FollowEvent } from "./gitFollower";
import { gitFollowSettings } from "./gitSettings";

const argObject = (a: unknown): Record<string, unknown> => (a && typeof a === "object" && !(a instanceof vscode.Uri) ? a as Record<string, unknown> : {});

/**
 * Git branch ↔ Lakebase branch. The follower starts only when VS Code's Git extension is there
 * and enabled; the commands say why when it is not.
 */
export function registerGitBranches(shell: Shell): { onDidFollow: vscode.Event<FollowEvent> } {
  const links = new BranchLinks(shell.context.workspaceState);
  const followEvents = new vscode.EventEmitter<FollowEvent>();
  shell.context.subscriptions.push(followEvents);
  let follower: GitFollower | undefined;
  let unavailable = "VS Code's Git extension is still starting.";
  const ready = getGitApi().then((git) => {
    if (!git.api) { unavailable = git.reason; shell.log.logger.info(`Git branch following is off: ${git.reason}`); return; }
    follower = new GitFollower(shell, git.api, links);
    shell.context.subscriptions.push(follower, follower.onDidFollow((e) => followEvents.fire(e)));
  }, (err: unknown) => { unavailable = `VS Code's Git extension could not be used: ${String(err)}`; });

  const requireFollower = async () => {
    await ready;
    if (!follower) throw new UserFacingError(`${unavailable} Lakebase branches cannot follow git branches without it; install git or enable the Git extension.`);
    return follower;
  };

  registerCommand(shell.context, shell.log.logger, "lakebase.gitBranches.cleanUp", async (arg: unknown) => {
    const args = argObject(arg) as CleanUpArgs;
    await ready;
    return cleanUpBranches(shell, links, (f) => follower?.repositoriesOf(f) ?? [], args);
  });

  // Follow the folder's current git branch now (also what automation and the offer use).
  registerCommand(shell.context, shell.log.logger, "lakebase.gitBranches.followCurrent", async (arg: unknown) => {
    const args = argObject(arg);
    const f = await requireFollower();
    const folder = (typeof args.folder === "string" ? matchWorkspaceFolder(args.folder) : undefined) ?? shell.requireFolder();
    const repo = f.repositoriesOf(folder)[0];
    if (!repo) throw new UserFacingError(`${folder.name} has no git repository that VS Code's Git extension knows.`);
    const decision = decideFollow(gitHead(repo), gitFollowSettings(folder).mainBranches);
    if (decision.action === "stay") throw new UserFacingError(`The target stays where it is: ${decision.reason}.`);
    return f.follow(folder, decision.gitBranch, decision.action === "default");
  });

  return { onDidFollow: followEvents.event };
}
