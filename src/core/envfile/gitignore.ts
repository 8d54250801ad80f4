/**
 * Is the env file kept out of git, and if not, add it to `.gitignore` without
 * disturbing the rest of that file.
 */
import { execFile } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import * as path from "node:path";
import { writeFileAtomicUnlocked } from "./atomicWrite";
import { EnvFileError } from "./envFileError";
import { withPathLock } from "./pathLock";

/** The nearest existing folder at or above `dir` (the env file's folder may not exist yet). */
function existingDir(dir: string): string {
  let d = path.resolve(dir);
  while (!existsSync(d) && path.dirname(d) !== d) d = path.dirname(d);
  return d;
}

/**
 * true: git ignores the file; false: git would track it (or already does);
 * undefined: not inside a git work tree, or git is not installed.
 */
export function isGitIgnored(filePath: string, gitBinary = "git"): Promise<boolean | undefined> {
  const abs = path.resolve(filePath);
  return new Promise((resolve) => {
    execFile(
      gitBinary,
      ["check-ignore", "-q", "--", abs],
      { cwd: existingDir(path.dirname(abs)), timeout: 5000, env: { ...process.env, GIT_TERMINAL_PROMPT: "0" } },
      (err) => {
        if (!err) return resolve(true);
        // Exit 1 = not ignored; 128 = not a repository (or path outside it); ENOENT = no git.
        resolve((err as { code?: unknown }).code === 1 ? false : undefined);
      },
    );
  });
}

/** Escapes what .gitignore would otherwise read as syntax, so the entry matches this one path. */
export function gitignoreEntry(relativePath: string): string {
  const posix = relativePath.split(path.sep).join("/").replace(/^\.\/+/, "");
  if (!posix || path.posix.isAbsolute(posix) || posix.split("/").includes("..")) {
    throw new EnvFileError(`"${relativePath}" must be a path inside the repository, relative to its root.`);
  }
  return posix.replace(/[\\*?[\]]/g, "\\$&").replace(/^([#!])/, "\\$1").replace(/ $/, "\\ ");
}

function sameEntry(line: string, entry: string): boolean {
  const t = line.replace(/\r$/, "").replace(/(?<!\\)\s+$/, "");
  return t === entry || t === `/${entry}`;
}

/** Appends `relativePath` to `<repoRoot>/.gitignore` unless an identical entry exists. Returns whether it wrote. */
export function addToGitignore(repoRoot: string, relativePath: string): Promise<boolean> {
  const entry = gitignoreEntry(relativePath);
  const file = path.join(repoRoot, ".gitignore");
  return withPathLock(file, async () => {
    let text = "";
    try {
      text = await fs.readFile(file, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException)?.code !== "ENOENT") {
        throw new EnvFileError(`Could not read ${file}: ${(err as NodeJS.ErrnoException)?.code ?? String(err)}.`);
      }
    }
    if (text.split("\n").some((l) => sameEntry(l, entry))) return false;
    const newline = (text.match(/\r\n/g)?.length ?? 0) > (text.match(/(?<!\r)\n/g)?.length ?? 0) ? "\r\n" : "\n";
    const sep = text === "" || text.endsWith("\n") ? "" : newline;
    return writeFileAtomicUnlocked(file, `${text}${sep}${entry}${newline}`);
  });
}
