/**
 * Replaces a file in one step: write a temp file, fsync, rename over.
 * A crash or a concurrent reader sees the old content or the new, never half of it.
 *
 * The temp file lives in its own folder next to the target, `.lakebase-tmp-<random>/`, which
 * holds a `.gitignore` of `*` (the pytest/ruff cache convention). A temp left by a crash is then
 * ignored by git whatever the user's own rules say: `.env` ignored by an exact `.env` line would
 * not cover a sibling such as `.env.tmp`, but nothing inside a self-ignoring folder is ever
 * offered for a commit. The folder is created before the secret, and removed after the rename.
 */
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { EnvFileError } from "./envFileError";
import { withPathLock } from "./pathLock";
import { resolveRealTarget } from "./realTarget";

export const TEMP_DIR_PREFIX = ".lakebase-tmp-";
/** A temp folder older than this is a crash's leftover (a write takes milliseconds). */
const STALE_TEMP_MS = 10 * 60_000;

export interface AtomicWriteOptions {
  /** Mode for a file that does not exist yet (an existing file keeps its own). Default: 0o666 minus umask. */
  mode?: number;
  /** The file will hold a secret: it ends owner-only (group/other bits cleared, 0600 for a new file). */
  secret?: boolean;
  /**
   * What the file must still hold just before the rename (null: it must not exist). When it
   * holds something else, the temp is discarded and the result is "conflict", so the caller can
   * merge again instead of overwriting what someone saved in between.
   */
  expect?: Buffer | null;
  /** Test seam: runs after the temp file is complete, right before the re-check and the rename. */
  beforeRename?: (info: { target: string; temp: string }) => Promise<void> | void;
}

export type AtomicWriteResult = "written" | "unchanged" | "conflict";

function isMissing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException)?.code === "ENOENT";
}

function describe(err: unknown, filePath: string): string {
  if (err instanceof EnvFileError) return err.message;
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

/** The file's bytes and mode, or undefined when it does not exist. */
async function current(target: string): Promise<{ bytes: Buffer; mode: number } | undefined> {
  try {
    const [stat, bytes] = await Promise.all([fs.stat(target), fs.readFile(target)]);
    return { bytes, mode: stat.mode & 0o7777 };
  } catch (err) {
    if (isMissing(err)) return undefined;
    throw err;
  }
}

/** Owner-only: what a file holding a secret keeps of its mode. */
export function ownerOnly(mode: number): number {
  return mode & ~0o077;
}

/**
 * The write itself, for callers that already hold the path lock (and have resolved `filePath`
 * to its real target). Never writes when the content is already identical.
 */
export async function replaceFileAtomic(filePath: string, text: string, opts: AtomicWriteOptions = {}): Promise<AtomicWriteResult> {
  const target = await resolveRealTarget(filePath).catch((err) => { throw new EnvFileError(describe(err, filePath)); });
  const data = Buffer.from(text, "utf8");
  let existing: Awaited<ReturnType<typeof current>>;
  try {
    existing = await current(target);
  } catch (err) {
    throw new EnvFileError(describe(err, filePath));
  }
  if (opts.expect !== undefined && !sameContent(existing, opts.expect)) return "conflict";
  if (existing?.bytes.equals(data)) return "unchanged";

  const posix = process.platform !== "win32";
  let mode = existing?.mode ?? opts.mode;
  if (opts.secret && posix) mode = ownerOnly(mode ?? 0o600);

  const dir = path.dirname(target);
  await sweepStaleTemps(dir);
  const tempDir = path.join(dir, `${TEMP_DIR_PREFIX}${randomBytes(6).toString("hex")}`);
  // `.tmp` so writing a `.gitignore` itself cannot collide with the folder's own.
  const temp = path.join(tempDir, `${path.basename(target)}.tmp`);
  try {
    await fs.mkdir(tempDir, { mode: 0o700 });
    // Ignored before it holds anything worth committing.
    await fs.writeFile(path.join(tempDir, ".gitignore"), "# Lakebase for VS Code: temp file of an atomic write\n*\n");
    // A secret is never readable by others, not even for the moment before the chmod.
    const handle = await fs.open(temp, "wx", opts.secret ? 0o600 : (mode ?? 0o666));
    try {
      await handle.writeFile(data);
      // The umask trims the mode given to open(); set the exact mode we mean.
      if (mode !== undefined) await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await opts.beforeRename?.({ target, temp });
    // Re-check as late as possible: an editor save since the caller's read must not be lost.
    if (opts.expect !== undefined && !sameContent(await current(target), opts.expect)) return "conflict";
    await renameWithRetry(temp, target);
  } catch (err) {
    throw new EnvFileError(describe(err, filePath));
  } finally {
    await fs.rm(tempDir, { recursive: true, force: true }).catch(() => undefined);
  }
  await syncDirectory(dir);
  return "written";
}

function sameContent(now: { bytes: Buffer } | undefined, expected: Buffer | null): boolean {
  return expected === null ? now === undefined : !!now && now.bytes.equals(expected);
}

/** Removes temp folders a crashed write left behind (they are git-ignored, but hold a secret). */
async function sweepStaleTemps(dir: string): Promise<void> {
  let names: string[];
  try {
    names = (await fs.readdir(dir)).filter((n) => n.startsWith(TEMP_DIR_PREFIX));
  } catch {
    return;
  }
  const cutoff = Date.now() - STALE_TEMP_MS;
  for (const n of names) {
    const p = path.join(dir, n);
    try {
      const st = await fs.lstat(p);
      if (st.isDirectory() && st.mtimeMs < cutoff) await fs.rm(p, { recursive: true, force: true });
    } catch {
      // Gone already, or not ours to remove.
    }
  }
}

/** The write for callers that hold the path lock. Returns false when the content was already identical. */
export async function writeFileAtomicUnlocked(filePath: string, text: string, opts: AtomicWriteOptions = {}): Promise<boolean> {
  return (await replaceFileAtomic(filePath, text, { ...opts, expect: undefined })) === "written";
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
