/**
 * Read → merge → atomic write of one .env file, under the per-path lock so that
 * concurrent updates of the same file all land.
 */
import { promises as fs } from "node:fs";
import { writeFileAtomicUnlocked } from "./atomicWrite";
import { EnvFileError } from "./envFileError";
import { mergeEnv, type MergeOptions, type MergeReport } from "./mergeEnv";
import { withPathLock } from "./pathLock";

/** Keys whose values are credentials: their file is created owner-only. */
export const DEFAULT_SECRET_KEYS: readonly string[] = ["DATABRICKS_TOKEN", "PGPASSWORD", "DATABRICKS_CLIENT_SECRET"];

export interface UpdateEnvFileOptions extends MergeOptions {
  /** Keys holding secrets (default DEFAULT_SECRET_KEYS). */
  secretKeys?: readonly string[];
}

export interface UpdateEnvFileReport extends MergeReport {
  path: string;
  /** The file did not exist and was created. */
  created: boolean;
  /** Secret keys among the updates (names only). */
  secretsWritten: string[];
  /**
   * Set when secrets went into an existing file that group/others can read (POSIX only).
   * We leave the mode alone (the user chose it) and report it, e.g. 0o644.
   */
  broadMode?: number;
}

async function readOrEmpty(filePath: string): Promise<{ text: string; exists: boolean; mode?: number }> {
  try {
    const [bytes, stat] = await Promise.all([fs.readFile(filePath), fs.stat(filePath)]);
    const text = bytes.toString("utf8");
    // Rewriting a file that is not UTF-8 would silently replace its odd bytes with U+FFFD.
    if (!Buffer.from(text, "utf8").equals(bytes)) {
      throw new EnvFileError(`${filePath} is not valid UTF-8, so it cannot be updated without damaging it. Save it as UTF-8 and try again.`);
    }
    return { text, exists: true, mode: stat.mode & 0o777 };
  } catch (err) {
    if (err instanceof EnvFileError) throw err;
    const code = (err as NodeJS.ErrnoException)?.code;
    if (code === "ENOENT") return { text: "", exists: false };
    if (code === "EISDIR") throw new EnvFileError(`${filePath} is a folder, not an env file.`);
    if (code === "EACCES" || code === "EPERM") throw new EnvFileError(`No permission to read ${filePath}. Check the file's permissions.`);
    throw new EnvFileError(`Could not read ${filePath}: ${code ?? String(err)}.`);
  }
}

export function updateEnvFile(
  filePath: string,
  updates: Record<string, string>,
  opts: UpdateEnvFileOptions = {},
): Promise<{ wrote: boolean; report: UpdateEnvFileReport }> {
  return withPathLock(filePath, async () => {
    const { text, exists, mode } = await readOrEmpty(filePath);
    const { text: merged, ...merge } = mergeEnv(text, updates, opts);
    const secretKeys = new Set(opts.secretKeys ?? DEFAULT_SECRET_KEYS);
    const secretsWritten = [...merge.changed, ...merge.added].filter((k) => secretKeys.has(k));
    const holdsSecret = Object.keys(updates).some((k) => secretKeys.has(k));
    const wrote = merged === text ? false : await writeFileAtomicUnlocked(filePath, merged, holdsSecret ? { mode: 0o600 } : {});
    const report: UpdateEnvFileReport = { path: filePath, created: !exists && wrote, secretsWritten, ...merge };
    if (holdsSecret && exists && mode !== undefined && (mode & 0o077) !== 0 && process.platform !== "win32") {
      report.broadMode = mode;
    }
    return { wrote, report };
  });
}
