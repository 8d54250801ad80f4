import * as vscode from "vscode";

/** `lakebase.migrations.timeout` in milliseconds; 0 means no limit. */
export function migrationTimeoutMs(scope?: vscode.ConfigurationScope): number {
  const seconds = Math.floor(Number(vscode.workspace.getConfiguration("lakebase.migrations", scope).get<number>("timeout", 0)));
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 86_400) * 1000 : 0;
}
