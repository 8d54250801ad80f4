import * as vscode from "vscode";
import { folderKey, type Shell } from "../shell";

/**
 * The end of the target lifetime the core cannot see: a folder removed from the workspace ends its
 * TargetSession (lease, pool, keep-fresh). A changed or cleared target ends it in the core
 * (`TargetSessions` follows the target store).
 */
export function endSessionsOfRemovedFolders(shell: Shell): vscode.Disposable {
  const { services, log } = shell;
  return vscode.workspace.onDidChangeWorkspaceFolders((e) => {
    for (const f of e.removed) services.sessions.release(folderKey(f)).catch((err: Error) => log.logger.warn(`Releasing ${f.name}'s target: ${err.message}`));
  });
}
