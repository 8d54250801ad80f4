/**
 * Read → merge → atomic write of one .env file, under the per-path lock so that
 * concurrent updates of the same file all land.
 *
 * Nothing the user wrote is lost: the file is read again right before the rename, and when
 * someone saved in between the merge runs again on what they saved. An editor holding unsaved
 * changes gets the edit in its buffer instead of a write behind its back.
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { ownerOnly, replaceFileAtomic, type AtomicWriteOptions } from "./atomicWrite";
import { parseEnv } from "./dotenvScan";
import { EnvFileError } from "./envFileError";
import { mergeEnv, type MergeOptions, type MergeReport } from "./mergeEnv";
import { withPathLock } from "./pathLock";
import { realTargetWithin } from "./realTarget";

/** Keys whose values are credentials: their file is kept owner-only. */
export const DEFAULT_SECRET_KEYS: readonly string[] = ["DATABRICKS_TOKEN", "PGPASSWORD", "DATABRICKS_CLIENT_SECRET"];

/** How often the file may change under us before we give up (each change is merged again). */
const MAX_ATTEMPTS = 5;

/**
 * An editor (VS Code) that may hold the file with unsaved changes. Paths given are the path
 * asked for and its real target; the core never imports the editor.
 */
export interface EnvEditorBridge {
  /** The unsaved text of an open, modified editor of this file; undefined when there is none. */
  unsavedText(paths: string[]): string | undefined;
  /** Turns the editor's text `before` into `after`; false when it no longer holds `before`. */
  apply(paths: string[], before: string, after: string): Promise<boolean>;
}

export interface UpdateEnvFileOptions extends MergeOptions {
  /** Keys holding secrets (default DEFAULT_SECRET_KEYS). */
  secretKeys?: readonly string[];
  /** Refuse when the file's real target (after symlinks) lies outside this folder. */
  allowedRoot?: string;
  /** Apply the change in an editor with unsaved changes instead of writing the file. */
  editor?: EnvEditorBridge;
  /** Test seam, passed to the atomic write: runs right before the re-check and the rename. */
  beforeRename?: AtomicWriteOptions["beforeRename"];
}

export interface UpdateEnvFileReport extends MergeReport {
  path: string;
  /** Where the content lives after following symlinks. */
  realPath: string;
  /** The file did not exist and was created. */
  created: boolean;
  /** Secret keys among the updates (names only). */
  secretsWritten: string[];
  /**
   * Set when the file holding secrets could be read by group/others (POSIX only): its mode
   * before we cleared those bits, e.g. 0o644. The file is now owner-only.
   */
  broadMode?: number;
  /** The change went into an editor with unsaved changes: it reaches the disk when the user saves. */
  inEditor?: boolean;
  /** How many times the file changed under us and was merged again. */
  remerged: number;
}

interface Snapshot { text: string; bytes: Buffer | null; mode?: number }

async function readSnapshot(filePath: string, target: string): Promise<Snapshot> {
  try {
    const [bytes, stat] = await Promise.all([fs.readFile(target), fs.stat(target)]);
    const text = bytes.toString("utf8");
    // Rewriting a file that is not UTF-8 would silently replace its odd bytes with U+FFFD.
    if (!Buffer.from(text, "utf8").equals(bytes)) {
      throw new EnvFileError(`${filePath} is not valid UTF-8, so it cannot be updated without damaging it. Save it as UTF-8 and try again.`);
    }
    return { text, bytes, mode: stat.mode & 0o777 };
  } catch (err) {
    if (err instanceof EnvFileError) throw err;
    const code = (err as NodeJS.ErrnoException)?.code;
    if (code === "ENOENT") return { text: "", bytes: null };
    if (code === "EISDIR") throw new EnvFileError(`${filePath} is a folder, not an env file.`);
    if (code === "EACCES" || code === "EPERM") throw new EnvFileError(`No permission to read ${filePath}. Check the file's permissions.`);
    throw new EnvFileError(`Could not read ${filePath}: ${code ?? String(err)}.`);
  }
}

async function resolve(filePath: string, allowedRoot: string | undefined): Promise<string> {
  try {
    return await realTargetWithin(filePath, allowedRoot);
  } catch (err) {
    if (err instanceof EnvFileError) throw err;
    const code = (err as NodeJS.ErrnoException)?.code;
    if (code === "ENOENT") throw new EnvFileError(`The folder of ${filePath} does not exist.`);
    if (code === "ELOOP") throw new EnvFileError(`${filePath} is a loop of symbolic links; point it at a real file.`);
    if (code === "EACCES" || code === "EPERM") throw new EnvFileError(`No permission to read ${filePath}. Check the file's permissions.`);
    throw new EnvFileError(`Could not resolve ${filePath}: ${code ?? String(err)}.`);
  }
}

/** The merged text holds a real secret value (not empty, not a `<your-…>` placeholder). */
function holdsSecret(text: string, secretKeys: ReadonlySet<string>): boolean {
  for (const [k, v] of parseEnv(text)) if (secretKeys.has(k) && v !== "" && !/^<your-.*>$/.test(v)) return true;
  return false;
}

export function updateEnvFile(
  filePath: string,
  updates: Record<string, string>,
  opts: UpdateEnvFileOptions = {},
): Promise<{ wrote: boolean; report: UpdateEnvFileReport }> {
  return withPathLock(filePath, async () => {
    const target = await resolve(filePath, opts.allowedRoot);
    const secretKeys = new Set(opts.secretKeys ?? DEFAULT_SECRET_KEYS);
    const posix = process.platform !== "win32";
    const paths = [...new Set([path.resolve(filePath), target])];

    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const snap = await readSnapshot(filePath, target);
      const unsaved = opts.editor?.unsavedText(paths);
      const base = unsaved ?? snap.text;
      const { text: merged, ...merge } = mergeEnv(base, updates, opts);
      const secret = holdsSecret(merged, secretKeys);
      const report: UpdateEnvFileReport = {
        path: filePath,
        realPath: target,
        created: false,
        secretsWritten: [...merge.changed, ...merge.added].filter((k) => secretKeys.has(k)),
        remerged: attempt,
        ...merge,
      };
      if (merge.duplicates.length > 0) return { wrote: false, report: { ...report, secretsWritten: [] } };
      if (secret && posix && snap.mode !== undefined && (snap.mode & 0o077) !== 0) report.broadMode = snap.mode;

      if (unsaved !== undefined) {
        if (merged !== unsaved && !(await opts.editor!.apply(paths, unsaved, merged))) continue; // typed in meanwhile
        report.inEditor = merged !== unsaved;
        // The disk copy may already hold a secret (the editor's unsaved one will): tighten it now.
        if (report.broadMode !== undefined) await tighten(filePath, target, snap.mode!);
        return { wrote: false, report };
      }

      if (merged === snap.text) {
        if (report.broadMode !== undefined) await tighten(filePath, target, snap.mode!);
        return { wrote: false, report };
      }
      const result = await replaceFileAtomic(target, merged, {
        secret,
        expect: snap.bytes,
        beforeRename: opts.beforeRename,
      });
      if (result === "conflict") continue; // saved in between: merge again on what was saved
      report.created = snap.bytes === null && result === "written";
      return { wrote: result === "written", report };
    }
    throw new EnvFileError(`${filePath} kept changing while Lakebase for VS Code was updating it, so nothing was written. Try again in a moment.`);
  });
}

async function tighten(filePath: string, target: string, mode: number): Promise<void> {
  try {
    await fs.chmod(target, ownerOnly(mode));
  } catch (err) {
    throw new EnvFileError(`${filePath} holds secrets and others can read it, but its permissions could not be changed (${(err as NodeJS.ErrnoException)?.code ?? String(err)}). Run chmod 600 on it.`);
  }
}
