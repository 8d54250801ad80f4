/**
 * Recursive copy and chown for data dirs. Written by hand (not fs.cp) because
 * an online copy must tolerate files vanishing mid-copy and must be able to
 * keep a directory while leaving out its contents.
 */
import { chown, copyFile, lstat, mkdir, readdir, readlink, symlink } from "node:fs/promises";
import { join } from "node:path";

export type CopyRule = "copy" | "skip" | "emptyDir";
export interface Owner { uid: number; gid: number }

export interface CopyOptions {
  /** Decide per entry, by path relative to the source root ("/"-separated). */
  rule?: (relPath: string, isDir: boolean) => CopyRule;
  owner?: Owner;
}

export async function copyTree(src: string, dst: string, opts: CopyOptions = {}): Promise<void> {
  await mkdir(dst, { recursive: true, mode: 0o700 });
  if (opts.owner) await chown(dst, opts.owner.uid, opts.owner.gid);
  await copyDir(src, dst, "", opts);
}

async function copyDir(srcRoot: string, dstRoot: string, rel: string, opts: CopyOptions): Promise<void> {
  let entries;
  try {
    entries = await readdir(join(srcRoot, rel), { withFileTypes: true });
  } catch (err) {
    if (isGone(err)) return;
    throw err;
  }
  const files: Promise<void>[] = [];
  for (const e of entries) {
    const childRel = rel ? `${rel}/${e.name}` : e.name;
    const isDir = e.isDirectory();
    const rule = opts.rule?.(childRel, isDir) ?? "copy";
    if (rule === "skip") continue;
    const from = join(srcRoot, childRel);
    const to = join(dstRoot, childRel);
    if (isDir) {
      const st = await lstat(from).catch((err) => (isGone(err) ? undefined : Promise.reject(err)));
      if (!st) continue;
      await mkdir(to, { mode: st.mode & 0o777 });
      if (opts.owner) await chown(to, opts.owner.uid, opts.owner.gid);
      if (rule === "copy") await copyDir(srcRoot, dstRoot, childRel, opts);
    } else if (e.isSymbolicLink()) {
      await symlink(await readlink(from), to);
    } else {
      files.push(copyOne(from, to, opts.owner));
    }
    // Bounded parallelism: big directories are copied in batches.
    if (files.length >= 32) await Promise.all(files.splice(0));
  }
  await Promise.all(files);
}

async function copyOne(from: string, to: string, owner: Owner | undefined): Promise<void> {
  try {
    await copyFile(from, to);
  } catch (err) {
    if (isGone(err)) return; // dropped or recycled while we copied: WAL replay recreates it
    throw err;
  }
  if (owner) await chown(to, owner.uid, owner.gid);
}

export async function chownTree(path: string, owner: Owner): Promise<void> {
  await chown(path, owner.uid, owner.gid);
  const st = await lstat(path);
  if (!st.isDirectory()) return;
  for (const e of await readdir(path, { withFileTypes: true })) {
    await chownTree(join(path, e.name), owner);
  }
}

function isGone(err: unknown): boolean {
  return (err as NodeJS.ErrnoException)?.code === "ENOENT";
}
