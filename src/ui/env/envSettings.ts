import * as vscode from "vscode";

/** `lakebase.env.*` settings, per folder (they are resource-scoped). */
export interface KeepFreshSettings {
  /** `lakebase.env.keepFresh`: keep DATABRICKS_TOKEN in the folder's env file valid. */
  enabled: boolean;
  /** `lakebase.env.keepFreshPgPassword`: also keep PGPASSWORD = the current Lakebase credential. */
  pgPassword: boolean;
}

export function keepFreshSettings(folder: vscode.WorkspaceFolder): KeepFreshSettings {
  const c = vscode.workspace.getConfiguration("lakebase.env", folder.uri);
  return { enabled: c.get<boolean>("keepFresh", false) === true, pgPassword: c.get<boolean>("keepFreshPgPassword", false) === true };
}

export function affectsKeepFresh(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration("lakebase.env.keepFresh") || e.affectsConfiguration("lakebase.env.keepFreshPgPassword");
}
