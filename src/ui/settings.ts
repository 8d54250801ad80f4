import * as vscode from "vscode";
import type { ProfileSettings } from "../core/profiles/profileService";

/** Settings are read in one place so their names live next to package.json's. */
export function profileSettings(): ProfileSettings {
  const c = vscode.workspace.getConfiguration("lakebase");
  const str = (k: string) => (c.get<string>(k) ?? "").trim() || undefined;
  return { configFile: str("configFile"), defaultProfile: str("defaultProfile"), cliPath: str("databricksCliPath") };
}

export function refreshBeforeExpiryMs(): number {
  const minutes = vscode.workspace.getConfiguration("lakebase").get<number>("credentials.refreshBeforeExpiry", 5);
  return Math.max(1, minutes) * 60_000;
}
