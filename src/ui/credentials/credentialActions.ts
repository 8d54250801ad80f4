import * as vscode from "vscode";
import type { CredentialKey, CredentialStatus } from "../../core/credentials/types";
import { UserFacingError } from "../../core/errors";
import type { Shell } from "../shell";
import type { CredentialStatusBar } from "./credentialStatusBar";

/** The credential the actions act on: the status bar's (current folder's target). */
function requireKey(bar: CredentialStatusBar): CredentialKey {
  const key = bar.key;
  if (key) return key;
  if (bar.target) throw new UserFacingError("The Postgres user for this target is still being looked up, or the lookup failed: hover the status bar item for details.", [{ title: "Show Log", command: "lakebase.log.show" }]);
  throw new UserFacingError("No Lakebase target is selected for this workspace.", [{ title: "Select Target", command: "lakebase.target.select" }], "info");
}

/** Fetches a new credential now, even while the cached one is still valid. Returns its status (never the token). */
export async function refreshNow(shell: Shell, bar: CredentialStatusBar): Promise<CredentialStatus> {
  const key = requireKey(bar);
  const { credentials } = shell.services;
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: "Lakebase: refreshing credential" }, () => credentials.refreshNow(key));
}

/** Copies the current Lakebase credential (the Postgres password) after a modal warning. */
export async function copyPassword(shell: Shell, bar: CredentialStatusBar): Promise<boolean> {
  const key = requireKey(bar);
  const token = await shell.services.credentials.get(key);
  const expire = shell.services.credentials.status(key).expireTime;
  const until = expire ? ` It expires at ${expire.toLocaleTimeString()}.` : "";
  const choice = await vscode.window.showWarningMessage(
    "Copy the Postgres password?",
    {
      modal: true,
      detail: `This is a live OAuth token: anyone who has it can log in to ${key.endpoint} as ${key.identity} until it expires.${until} Do not paste it into files you commit or share. Tools that can, should get credentials from the Lakebase driver or keep-fresh instead.`,
    },
    "Copy Password",
  );
  if (choice !== "Copy Password") return false;
  await vscode.env.clipboard.writeText(token);
  void vscode.window.setStatusBarMessage("Lakebase: Postgres password copied", 4000);
  return true;
}

interface ActionItem extends vscode.QuickPickItem {
  run: () => unknown;
}

/** The status bar's click: one quick pick with everything about the credential. */
export async function showCredentialActions(shell: Shell, bar: CredentialStatusBar): Promise<void> {
  const exec = (id: string) => () => vscode.commands.executeCommand(id);
  const items: ActionItem[] = [];
  if (bar.key) {
    items.push(
      { label: "$(refresh) Refresh credential now", description: "Fetch a new Postgres password", run: () => refreshNow(shell, bar) },
      { label: "$(key) Copy Postgres password…", description: "A live token: handle with care", run: () => copyPassword(shell, bar) },
    );
  } else if (bar.target) {
    items.push({ label: "$(debug-restart) Retry", description: "Look the Postgres user up again", run: () => bar.update(true) });
  }
  items.push(
    { label: "$(arrow-swap) Switch target…", description: "Pick another project, branch or endpoint", run: exec("lakebase.target.select") },
    { label: "$(file) Write connection settings to .env…", run: exec("lakebase.env.write") },
    { label: "$(output) Show log", run: exec("lakebase.log.show") },
  );
  const t = bar.target;
  const picked = await vscode.window.showQuickPick(items, {
    title: t ? `Lakebase: ${t.projectLabel ?? t.project} / ${t.branchLabel ?? t.branch} (${t.database})` : "Lakebase",
    placeHolder: "Credential actions",
  });
  if (picked) await picked.run();
}
