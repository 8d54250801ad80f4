/**
 * Replaces a file in one step: write a temp file next to it, fsync, rename over.
 * A crash or a concurrent reader sees the old content or the new, never half of it.
 */
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { EnvFileError } from "./envFileError";
import { withPathLock } from "./pathLock";

export interface AtomicWriteOptions {
  /** Mode for a file that does not exist yet (an existing file keeps its own). Default: 0o666 minus umask. */
  mode?: number;
}

function isMissing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException)?.code === "ENOENT";
}

/** Follows a symlink so we replace its target and keep the link. Missing files resolve to themselves. */
async function resolveTarget(filePath: string): Promise<string> {
  try {
    return await fs.realpath(filePath);
  } catch (err) {
    if (isMissing(err)) return path.resolve(filePath);
    throw err;
  }
}

function describe(err: unknown, filePath: string): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case "EACCES":
    case "EPERM": return `No permission to write ${filePath} or its folder. Check the file's permissions.`;
    case "ENOENT": return `The folder of ${filePath} does not exist.`;
    case "EROFS": return `${filePath} is on a read-only file system.`;
    case "ENOSPC": return `No space left on the device holding ${filePath}.`;
    default: return `Could not write ${filePath}: ${e?.code ?? e?.message ?? String(err)}.`;
  }
}

/** The write itself, for callers that already hold the path lock. Returns false when the content was already identical. */
export async function writeFileAtomicUnlocked(filePath: string, text: string, opts: AtomicWriteOptions = {}): Promise<boolean> {
  const target = await resolveTarget(filePath);
  const data = Buffer.from(text, "utf8");
  let mode: number | undefined;
  try {
    const [stat, current] = await Promise.all([fs.stat(target), fs.readFile(target)]);
    if (current.equals(data)) return false;
    mode = stat.mode & 0o7777;
  } catch (err) {
    if (!isMissing(err)) throw new EnvFileError(describe(err, filePath));
  }

  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const handle = await fs.open(temp, "wx", mode ?? opts.mode ?? 0o666);
    try {
      await handle.writeFile(data);
      // The umask trims the mode given to open(); set the exact mode we mean.
      if (mode !== undefined || opts.mode !== undefined) await handle.chmod(mode ?? opts.mode!);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameWithRetry(temp, target);
  } catch (err) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw new EnvFileError(describe(err, filePath));
  }
  await syncDirectory(dir);
  return true;
}

/** On Windows a virus scanner or editor briefly holding the file makes rename fail with EPERM/EBUSY. */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fs.rename(from, to);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException)?.code;
      const transient = process.platform === "win32" && (code === "EPERM" || code === "EBUSY" || code === "EACCES");
      if (!transient || attempt >= 4) throw err;
      await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
    }
  }
}

/** Makes the rename itself durable. Not possible everywhere (Windows), so best effort. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await fs.open(dir, "r");
    try { await handle.sync(); } finally { await handle.close(); }
  } catch {
    // Directory fsync is unsupported on some platforms; the data itself is already synced.
  }
}

/** Writes `text` to `filePath` atomically, serialized with other writes to the same path. */
export function writeEnvFileAtomic(filePath: string, text: string, opts: AtomicWriteOptions = {}): Promise<boolean> {
  return withPathLock(filePath, () => writeFileAtomicUnlocked(filePath, text, opts));
}
