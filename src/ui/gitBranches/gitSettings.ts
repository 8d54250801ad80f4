import * as vscode from "vscode";
import { DEFAULT_TTL_DAYS } from "../../core/gitBranches/followBranch";
import { DEFAULT_MAIN_BRANCHES } from "../../core/gitBranches/followRules";

/** `lakebase.git.*`, per folder. */
export interface GitFollowSettings {
  follow: boolean;
  /** Explicitly off (the user said no): no offer either. */
  declined: boolean;
  parentBranch?: string;
  ttlDays: number;
  mainBranches: string[];
}

export function gitFollowSettings(folder: vscode.WorkspaceFolder): GitFollowSettings {
  const c = vscode.workspace.getConfiguration("lakebase.git", folder.uri);
  const inspect = c.inspect<boolean>("followBranches");
  const explicit = inspect?.workspaceFolderValue ?? inspect?.workspaceValue ?? inspect?.globalValue;
  const ttl = Number(c.get<number>("branchTtlDays", DEFAULT_TTL_DAYS));
  const mains = c.get<string[]>("mainBranches", [...DEFAULT_MAIN_BRANCHES]);
  return {
    follow: c.get<boolean>("followBranches", false) === true,
    declined: explicit === false,
    parentBranch: (c.get<string>("parentBranch") ?? "").trim() || undefined,
    ttlDays: Number.isFinite(ttl) && ttl > 0 ? Math.min(ttl, 30) : DEFAULT_TTL_DAYS,
    mainBranches: Array.isArray(mains) && mains.length ? mains.map(String) : [...DEFAULT_MAIN_BRANCHES],
  };
}

export async function setFollow(folder: vscode.WorkspaceFolder, on: boolean): Promise<void> {
  const target = (vscode.workspace.workspaceFolders?.length ?? 0) > 1 || vscode.workspace.workspaceFile ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Workspace;
  await vscode.workspace.getConfiguration("lakebase.git", folder.uri).update("followBranches", on, target);
}
