import * as path from "node:path";
import * as vscode from "vscode";
import { addToGitignore } from "../../core/envfile/gitignore";
import { UserFacingError } from "../../core/errors";
import { folderKey, type Shell, matchWorkspaceFolder } from "../shell";
import { vscodeEditorBridge } from "./editorBridge";
import { envFilePath, pickEnvFile, rememberedForm, writeRoot, type EnvFileMemory } from "./envFileMemory";
import { keepFreshSettings } from "./envSettings";
import type { WorkspaceAuthChoice } from "./targetEnv";
import { writeTargetEnv, type EnvWriteReport } from "./writeTargetEnv";

/** `lakebase.env.write`'s argument object: given one, nothing is asked. */
export interface EnvWriteArgs {
  /** Env file, relative to the folder or absolute (default: the remembered one, else `.env`). */
  file?: string;
  /** Write DATABRICKS_TOKEN (the profile's PAT or current OAuth access token). Default false. */
  includeToken?: boolean;
  /** M2M profiles only: write DATABRICKS_CLIENT_ID/SECRET instead. Never without this opt-in. */
  includeClientSecret?: boolean;
  /** Also update .env.example (default true). */
  example?: boolean;
  /** Workspace folder: URI, path or name (default: the current folder). */
  folder?: string;
  /** Add the file to .gitignore when it holds secrets and git does not ignore it. Default false. */
  addToGitignore?: boolean;
  /** Also write PGPASSWORD, the target's current Lakebase credential (valid for an hour). Default false. */
  includePgPassword?: boolean;
}

export interface EnvWriteResult extends EnvWriteReport {
  addedToGitignore?: boolean;
}

export async function envWriteCommand(shell: Shell, memory: EnvFileMemory, arg: unknown): Promise<EnvWriteResult | undefined> {
  const args = typeof arg === "object" && arg !== null ? (arg as EnvWriteArgs) : undefined;
  const folder = args?.folder ? findFolder(args.folder) : shell.requireFolder();
  const key = folderKey(folder);
  // Fail early (before any prompt) when there is no target.
  if (!shell.services.targets.get(key)) await shell.services.resolve(key);

  const remembered = memory.get(key);
  const chosen = args ? (args.file ?? remembered ?? ".env") : await pickEnvFile(folder, remembered);
  if (!chosen) return undefined;
  const file = envFilePath(folder, chosen);
  const auth = args ? authFromArgs(args) : await pickAuth(shell, key);
  if (!auth) return undefined;

  const report: EnvWriteResult = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: "Lakebase: writing connection settings" },
    () => writeTargetEnv(shell.services, { folderKey: key, file, auth, example: args?.example ?? true, allowedRoot: writeRoot(folder, file), editor: vscodeEditorBridge, pgPassword: args?.includePgPassword === true }),
  );
  await memory.set(key, rememberedForm(folder, file));

  if (report.gitIgnored === false && args?.addToGitignore) {
    report.addedToGitignore = await addToGitignore(path.dirname(file), path.basename(file));
  }
  announce(folder, report, !!args);
  return report;
}

function authFromArgs(args: EnvWriteArgs): WorkspaceAuthChoice {
  if (args.includeClientSecret === true) return "client-secret";
  return args.includeToken === true ? "token" : "none";
}

function findFolder(spec: string): vscode.WorkspaceFolder {
  const f = matchWorkspaceFolder(spec);
  if (!f) throw new UserFacingError(`No open workspace folder matches "${spec}" (give its URI, path or name).`);
  return f;
}

interface AuthItem extends vscode.QuickPickItem {
  auth: WorkspaceAuthChoice;
}

async function pickAuth(shell: Shell, key: string): Promise<WorkspaceAuthChoice | undefined> {
  const target = shell.services.targets.get(key)!;
  const profile = shell.services.profiles.profile(target.profile);
  const items: AuthItem[] = [
    { auth: "none", label: "Connection settings only", description: "no secrets", detail: "Host, endpoint, database, user and SSL mode. The app authenticates some other way (e.g. a Databricks profile)." },
    profile.authType === "pat"
      ? { auth: "token", label: "Also DATABRICKS_TOKEN", description: "the profile's personal access token", detail: "For local development: lets the Lakebase driver fetch database credentials. Keep the file out of git." }
      : { auth: "token", label: "Also DATABRICKS_TOKEN", description: "a short-lived OAuth access token (about 1 hour)", detail: "For local development. It expires: turn on keep-fresh (lakebase.env.keepFresh) to have it rewritten before it does." },
  ];
  if (profile.authType === "oauth-m2m") {
    items.push({ auth: "client-secret", label: "Also DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET", description: "the service principal's long-lived secret", detail: "Only if you mean to: the secret does not expire and grants everything the service principal can do." });
  }
  const picked = await vscode.window.showQuickPick(items, { title: "Workspace authentication for the app", placeHolder: "What to write besides the connection settings" });
  return picked?.auth;
}

/** Messages: duplicates and git exposure as warnings, the outcome as info with "Open File". */
function announce(folder: vscode.WorkspaceFolder, r: EnvWriteResult, automated: boolean): void {
  const name = path.relative(folder.uri.fsPath, r.file) || r.file;
  if (r.refused) {
    // Nothing was written, so this is the whole outcome.
    void vscode.window.showWarningMessage(`Lakebase: ${r.refused}`, "Open File").then(async (c) => {
      if (c) await vscode.window.showTextDocument(vscode.Uri.file(r.file), { selection: firstDuplicate(r) });
    });
    return;
  }
  if (r.gitIgnored === false && !r.addedToGitignore) {
    const msg = `${name} holds ${r.secretsInFile.join(", ")} but git does not ignore it: the secret could be committed.`;
    if (automated) void vscode.window.showWarningMessage(msg);
    else {
      void vscode.window.showWarningMessage(msg, "Add to .gitignore").then(async (c) => {
        if (c) await addToGitignore(path.dirname(r.file), path.basename(r.file));
      });
    }
  }
  if (r.broadMode) void vscode.window.showWarningMessage(`${name} holds secrets but other users could read it (mode ${r.broadMode}); it is now readable by you only (600).`);

  const notes: string[] = [];
  if (r.token?.kind === "oauth" && !keepFreshSettings(folder).enabled) {
    const until = r.token.expiresAt ? ` until ${new Date(r.token.expiresAt).toLocaleTimeString()}` : "";
    notes.push(`DATABRICKS_TOKEN is an OAuth access token, valid only${until}; turn on keep-fresh to have it rewritten.`);
  }
  const written = [...r.changed, ...r.added];
  const head = r.upToDate
    ? `${name} is already up to date.`
    : r.inEditor
      ? `${name} has unsaved changes, so ${written.join(", ")} went into its editor instead of the file: save it to apply them.`
      : `Wrote ${written.join(", ")} to ${name}${r.example && !r.example.upToDate ? " and updated .env.example" : ""}.`;
  const actions = r.upToDate ? ["Open File"] : notes.length ? ["Open File", "Turn On Keep-Fresh"] : ["Open File"];
  void vscode.window.showInformationMessage(`Lakebase: ${[head, ...notes].join(" ")}`, ...actions).then(async (c) => {
    if (c === "Open File") await vscode.window.showTextDocument(vscode.Uri.file(r.file));
    if (c === "Turn On Keep-Fresh") await vscode.workspace.getConfiguration("lakebase.env", folder.uri).update("keepFresh", true, multiRoot() ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Workspace);
  });
}

/** The first line to fix, selected when the user opens the file from the warning. */
function firstDuplicate(r: EnvWriteResult): vscode.Range | undefined {
  const line = Math.min(...Object.values(r.duplicateLines).flat());
  return Number.isFinite(line) ? new vscode.Range(line - 1, 0, line - 1, 0) : undefined;
}

function multiRoot(): boolean {
  return (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
}
