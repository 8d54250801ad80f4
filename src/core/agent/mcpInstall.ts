/**
 * Copies the MCP server bundles to a folder that does not change with each extension version
 * (VS Code's global storage), so MCP client configs that point there keep working after an
 * update. Refreshed when the version differs; each file lands by rename, never half-written.
 */
import { copyFile, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";

export const MCP_BUNDLE_FILES = ["mcp-server.js", "mcp-runtime.js", "drizzlePreload.cjs"] as const;

/** Installs (or refreshes) the server into `targetDir`; returns the path of its entry point. */
export async function installMcpServer(sourceDir: string, targetDir: string, version: string): Promise<string> {
  const entry = join(targetDir, "mcp-server.js");
  const stamp = join(targetDir, "version");
  const current = await readFile(stamp, "utf8").catch(() => undefined);
  if (current === version) return entry;
  await mkdir(targetDir, { recursive: true });
  for (const file of MCP_BUNDLE_FILES) {
    const tmp = join(targetDir, `.${file}.${process.pid}.tmp`);
    await copyFile(join(sourceDir, file), tmp);
    await rename(tmp, join(targetDir, file));
  }
  await writeFile(stamp, version);
  return entry;
}
