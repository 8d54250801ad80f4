/**
 * The part of VS Code's built-in Git extension API (`vscode.git`, `getAPI(1)`) we use, typed
 * here because the extension ships no typings package. Feature-detected: git may be missing,
 * the extension disabled (`git.enabled: false`) or not installed at all.
 */
import * as vscode from "vscode";
import { gitAvailability, type GitAvailability as Availability, type GitExtensionExports } from "./gitAvailability";

export interface GitRef { readonly type: number; readonly name?: string; readonly commit?: string; readonly remote?: string }
export interface GitRepositoryState {
  readonly HEAD: GitRef | undefined;
  readonly refs?: readonly GitRef[];
  readonly rebaseCommit: unknown;
  readonly mergeChanges: readonly unknown[];
  readonly onDidChange: vscode.Event<void>;
}
export interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: GitRepositoryState;
  getBranches?(query: { remote?: boolean }): Promise<GitRef[]>;
  getRefs?(query: { pattern?: string }): Promise<GitRef[]>;
}
export interface GitApi {
  readonly repositories: GitRepository[];
  readonly onDidOpenRepository: vscode.Event<GitRepository>;
  readonly onDidCloseRepository: vscode.Event<GitRepository>;
  openRepository?(root: vscode.Uri): Promise<GitRepository | null>;
}
export type GitAvailability = Availability<GitApi>;

/** Feature-detects VS Code's Git extension (see gitAvailability for every answer). */
export function getGitApi(): Promise<GitAvailability> {
  return gitAvailability(vscode.extensions.getExtension<GitExtensionExports<GitApi>>("vscode.git"));
}

/** Local branch names of a repository. */
export async function localBranches(repo: GitRepository): Promise<Set<string>> {
  const refs = repo.getRefs ? await repo.getRefs({ pattern: "refs/heads" })
    : repo.getBranches ? await repo.getBranches({ remote: false })
    : repo.state.refs ?? [];
  return new Set(refs.filter((r) => r.type === 0 && !r.remote && r.name).map((r) => r.name!));
}
