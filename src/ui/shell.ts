import * as vscode from "vscode";
import type { LakebaseServices } from "../core/lakebaseServices";
import type { ExtensionLog } from "./logging";

/** What every feature's `register…` function gets from the composition root. */
export interface Shell {
  context: vscode.ExtensionContext;
  log: ExtensionLog;
  services: LakebaseServices;
  /** The workspace folder a command acts on: the active editor's, else the first; key for targets. */
  currentFolder(): vscode.WorkspaceFolder | undefined;
  /** Same as currentFolder(), or an actionable error when no folder is open. */
  requireFolder(): vscode.WorkspaceFolder;
}

export function currentFolder(): vscode.WorkspaceFolder | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = active ? vscode.workspace.getWorkspaceFolder(active) : undefined;
  return folder ?? vscode.workspace.workspaceFolders?.[0];
}

/** The open folder a caller names by URI, path or name (commands and the API accept all three). */
export function matchWorkspaceFolder(spec: string | vscode.Uri): vscode.WorkspaceFolder | undefined {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (typeof spec !== "string") return folders.find((f) => f.uri.toString() === spec.toString()) ?? vscode.workspace.getWorkspaceFolder(spec);
  return folders.find((f) => f.uri.toString() === spec || f.uri.fsPath === spec || f.name === spec);
}

/** Targets are stored per folder URI. */
export function folderKey(folder: vscode.WorkspaceFolder): string {
  return folder.uri.toString();
}
