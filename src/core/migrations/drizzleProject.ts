import { existsSync, promises as fs } from "node:fs";
import * as path from "node:path";
import { UserFacingError } from "../errors";

export const DRIZZLE_CONFIG_NAMES = ["drizzle.config.ts", "drizzle.config.js", "drizzle.config.mjs", "drizzle.config.cjs", "drizzle.config.json"];
const SKIP_DIRS = new Set(["node_modules", ".git", "dist", "out", "build", ".next", ".turbo", ".vscode-test"]);

/** drizzle configs under a folder (monorepos have several), nearest first. */
export async function findDrizzleConfigs(root: string, maxDepth = 4): Promise<string[]> {
  const found: string[] = [];
  async function walk(dir: string, depth: number): Promise<void> {
    let entries: import("node:fs").Dirent[];
    try { entries = await fs.readdir(dir, { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      if (e.isFile() && DRIZZLE_CONFIG_NAMES.includes(e.name)) found.push(path.join(dir, e.name));
    }
    if (depth >= maxDepth) return;
    for (const e of entries) {
      if (e.isDirectory() && !SKIP_DIRS.has(e.name) && !e.name.startsWith(".")) await walk(path.join(dir, e.name), depth + 1);
    }
  }
  await walk(root, 0);
  return found.sort((a, b) => a.split(path.sep).length - b.split(path.sep).length || a.localeCompare(b));
}

export interface DrizzleKit {
  /** The CLI entry script, run with the current Node so no shell or npx is involved. */
  binScript: string;
  version: string;
  packageDir: string;
}

/** The project's own drizzle-kit: the one its node_modules resolves from the config's folder. */
export async function findDrizzleKit(configPath: string): Promise<DrizzleKit> {
  let dir = path.dirname(configPath);
  for (;;) {
    const pkgDir = path.join(dir, "node_modules", "drizzle-kit");
    const pkgJson = path.join(pkgDir, "package.json");
    if (existsSync(pkgJson)) {
      const pkg = JSON.parse(await fs.readFile(pkgJson, "utf8")) as { version?: string; bin?: string | Record<string, string> };
      const bin = typeof pkg.bin === "string" ? pkg.bin : (pkg.bin?.["drizzle-kit"] ?? "bin.cjs");
      return { binScript: path.join(pkgDir, bin), version: pkg.version ?? "unknown", packageDir: pkgDir };
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new UserFacingError(
    `drizzle-kit is not installed for ${path.basename(path.dirname(configPath))}. ` +
      `Install it in that project: npm install -D drizzle-kit (drizzle-kit also needs the pg driver: npm install pg drizzle-orm).`,
  );
}
