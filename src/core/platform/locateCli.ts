import fs from "node:fs";
import { findCliLocation } from "./cliLocation";
import type { Env } from "./platformEnv";

/** A regular file we may execute (on Windows: any regular file; the .exe name already says it). */
function isExecutableFile(p: string, platform: NodeJS.Platform): boolean {
  try {
    if (!fs.statSync(p).isFile()) return false;
    if (platform !== "win32") fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function listDir(dir: string): string[] {
  try { return fs.readdirSync(dir); } catch { return []; }
}

/**
 * The `databricks` CLI on this machine (see cliLocation.ts for the rules); a handful of stat calls.
 * Found on PATH: the bare name, which the spawn resolves the same way (and messages stay short).
 */
export function locateDatabricksCli(setting: string | undefined, env: Env = process.env, platform: NodeJS.Platform = process.platform): string {
  const found = findCliLocation({ platform, env, setting, listDir }, (p) => isExecutableFile(p, platform));
  return found.from === "PATH" ? "databricks" : found.path;
}
