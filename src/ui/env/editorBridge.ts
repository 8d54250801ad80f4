/**
 * The env writer's view of VS Code's editors: an env file open with unsaved changes gets the
 * new values as a WorkspaceEdit in its buffer, so a write never lands behind the user's back
 * (VS Code would then offer to overwrite the disk with the buffer, or lose the buffer).
 */
import * as vscode from "vscode";
import type { EnvEditorBridge } from "../../core/envfile/updateEnvFile";

function samePath(a: string, b: string): boolean {
  return process.platform === "win32" || process.platform === "darwin" ? a.toLowerCase() === b.toLowerCase() : a === b;
}

function dirtyDocument(paths: string[]): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.scheme === "file" && d.isDirty && paths.some((p) => samePath(p, d.uri.fsPath)));
}

/** The smallest single replacement turning `before` into `after`, so the cursor and folds stay put. */
export function minimalEdit(before: string, after: string): { start: number; end: number; text: string } {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before[start] === after[start]) start++;
  let tail = 0;
  while (tail < max - start && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return { start, end: before.length - tail, text: after.slice(start, after.length - tail) };
}

export const vscodeEditorBridge: EnvEditorBridge = {
  unsavedText: (paths) => dirtyDocument(paths)?.getText(),
  async apply(paths, before, after) {
    const doc = dirtyDocument(paths);
    if (!doc || doc.getText() !== before) return false;
    const e = minimalEdit(before, after);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.text);
    return vscode.workspace.applyEdit(edit);
  },
};
