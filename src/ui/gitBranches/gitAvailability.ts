/**
 * Whether VS Code's Git extension can be used, and if not why, in words the user can act on.
 * Structural types only (no runtime `vscode` import), so the unit tier checks every answer:
 * the extension missing, failing to start, switched off (`git.enabled`) or without git on the
 * machine (it then reports `enabled: false`), or without the API.
 */
// Generic over the API type so this file needs nothing from gitApi.ts (which imports it).
export interface GitExtensionExports<A = unknown> {
  readonly enabled: boolean;
  readonly onDidChangeEnablement?: (listener: (enabled: boolean) => unknown) => { dispose(): unknown };
  getAPI(version: 1): A;
}

export interface GitExtensionHandle<A = unknown> {
  readonly isActive: boolean;
  readonly exports: GitExtensionExports<A> | undefined;
  activate(): Thenable<GitExtensionExports<A>>;
}

export type GitAvailability<A = unknown> =
  | { api: A; exports: GitExtensionExports<A> }
  | { api?: undefined; exports?: GitExtensionExports<A>; reason: string };

export async function gitAvailability<A>(ext: GitExtensionHandle<A> | undefined): Promise<GitAvailability<A>> {
  if (!ext) return { reason: "VS Code's built-in Git extension is not available in this editor." };
  let exports: GitExtensionExports<A> | undefined;
  try {
    exports = ext.isActive ? ext.exports : await ext.activate();
  } catch (err) {
    return { reason: `VS Code's Git extension did not start (${err instanceof Error ? err.message : String(err)}).` };
  }
  if (!exports) return { reason: "VS Code's Git extension did not start." };
  // The Git extension says enabled: false both for git.enabled = false and for a machine without git.
  if (!exports.enabled) return { exports, reason: "VS Code's Git extension is off: git is not installed (or not on PATH / git.path), or the setting git.enabled is false." };
  try {
    return { api: exports.getAPI(1), exports };
  } catch (err) {
    return { exports, reason: `VS Code's Git extension offers no API (${err instanceof Error ? err.message : String(err)}).` };
  }
}

/** The one message shown when following is asked for and cannot work. */
export function gitUnavailableMessage(reason: string, folderName: string): string {
  return `${folderName} cannot follow git branches: ${reason} Install git or turn git.enabled on; following starts by itself once the Git extension is on (after installing git, reload the window).`;
}
