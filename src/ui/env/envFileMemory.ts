import * as path from "node:path";
import * as vscode from "vscode";
import { isInside } from "../../core/envfile/realTarget";
import { UserFacingError } from "../../core/errors";

const KEY = "lakebase.env.files";

/** Which env file each workspace folder writes to (workspaceState), with a change event for keep-fresh. */
export class EnvFileMemory implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  /** The remembered file (relative to the folder, or absolute when outside it). */
  get(folderKey: string): string | undefined {
    const v = this.state.get<Record<string, string>>(KEY)?.[folderKey];
    return typeof v === "string" && v ? v : undefined;
  }

  async set(folderKey: string, file: string): Promise<void> {
    if (this.get(folderKey) === file) return;
    await this.state.update(KEY, { ...(this.state.get<Record<string, string>>(KEY) ?? {}), [folderKey]: file });
    this.changed.fire(folderKey);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The absolute path of `file` for a folder: relative names are inside the folder. */
export function envFilePath(folder: vscode.WorkspaceFolder, file: string): string {
  const abs = path.isAbsolute(file) ? path.normalize(file) : path.join(folder.uri.fsPath, file);
  if (path.basename(abs) === ".env.example") {
    throw new UserFacingError(".env.example is the shared template and is updated alongside; pick the env file your app reads, such as .env or .env.local.");
  }
  return abs;
}

/**
 * The folder a write to `abs` must stay in after following symlinks: the workspace folder for
 * a file inside it, else the folder the user picked the file in.
 */
export function writeRoot(folder: vscode.WorkspaceFolder, abs: string): string {
  return isInside(folder.uri.fsPath, abs) ? folder.uri.fsPath : path.dirname(abs);
}

/** How a path is remembered: relative when inside the folder, so the workspace can move. */
export function rememberedForm(folder: vscode.WorkspaceFolder, abs: string): string {
  const rel = path.relative(folder.uri.fsPath, abs);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : abs;
}

interface FileItem extends vscode.QuickPickItem {
  file?: string;
}

/** Asks which file to write; the remembered one is offered first. Undefined when cancelled. */
export async function pickEnvFile(folder: vscode.WorkspaceFolder, remembered: string | undefined): Promise<string | undefined> {
  const names = [...new Set([remembered, ".env", ".env.local"].filter((f): f is string => !!f))];
  const items: FileItem[] = names.map((f) => ({
    label: f,
    file: f,
    description: f === remembered ? "last used" : f === ".env" ? "read by dotenv, Vite, Next.js…" : f === ".env.local" ? "local overrides, usually git-ignored" : undefined,
  }));
  items.push({ label: "$(folder-opened) Another file…" });
  const picked = await vscode.window.showQuickPick(items, { title: `Lakebase: write connection settings for ${folder.name}`, placeHolder: "Env file to write (values are merged, other lines kept)" });
  if (!picked) return undefined;
  if (picked.file) return picked.file;
  const uri = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(folder.uri, ".env"), title: "Env file to write", saveLabel: "Use This File" });
  return uri ? rememberedForm(folder, uri.fsPath) : undefined;
}
