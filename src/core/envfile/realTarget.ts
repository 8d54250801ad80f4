/**
 * Where a write to an env file really lands. A symlinked `.env` (or a symlinked folder on the
 * way) is followed to its target, so the link is kept; the target may be refused when it lies
 * outside the folder the user works in (a link to `~/.bashrc` must not be rewritten by us).
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";
import { EnvFileError } from "./envFileError";

const MAX_LINKS = 40; // as the kernel's ELOOP limit

/**
 * The real path the file's content lives at. Follows every symlink, also a dangling one (its
 * target is what a write would create). A missing file resolves inside its folder's real path.
 */
export async function resolveRealTarget(filePath: string): Promise<string> {
  let p = path.resolve(filePath);
  for (let hops = 0; hops < MAX_LINKS; hops++) {
    try {
      return await fs.realpath(p);
    } catch (err) {
      if ((err as NodeJS.ErrnoException)?.code !== "ENOENT") throw err;
    }
    let link: string | undefined;
    try {
      const st = await fs.lstat(p);
      if (st.isSymbolicLink()) link = await fs.readlink(p);
    } catch (err) {
      if ((err as NodeJS.ErrnoException)?.code !== "ENOENT") throw err;
    }
    if (link === undefined) {
      // Does not exist: the folder is resolved (it may itself be a link), the name is kept.
      return path.join(await fs.realpath(path.dirname(p)), path.basename(p));
    }
    p = path.resolve(path.dirname(p), link);
  }
  throw Object.assign(new Error(`Too many symbolic links at ${filePath}`), { code: "ELOOP" });
}

/** True when `child` is `root` or lies below it (both absolute). */
export function isInside(root: string, child: string): boolean {
  const rel = path.relative(root, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/**
 * The real target of `filePath`, refused when it is outside `allowedRoot` (compared by real
 * paths, so a symlinked workspace folder still counts as itself).
 */
export async function realTargetWithin(filePath: string, allowedRoot: string | undefined): Promise<string> {
  const target = await resolveRealTarget(filePath);
  if (allowedRoot === undefined) return target;
  let root: string;
  try {
    root = await fs.realpath(allowedRoot);
  } catch {
    root = path.resolve(allowedRoot);
  }
  if (!isInside(root, target)) {
    throw new EnvFileError(
      `${filePath} leads through a symbolic link to ${target}, which is outside ${allowedRoot}. Lakebase for VS Code does not write through a link that leaves the folder: ` +
        `point the link inside the folder, or choose the real file (${target}) directly.`,
    );
  }
  return target;
}
