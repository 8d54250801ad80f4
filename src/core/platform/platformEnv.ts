import path from "node:path";

export type Env = Record<string, string | undefined>;

/** Path rules of the platform, not of the machine running the tests. */
export function pathFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === "win32" ? path.win32 : path.posix;
}

/** An environment variable; on Windows names are case-insensitive (`Path`, `PATH`). */
export function envValue(env: Env, name: string, platform: NodeJS.Platform): string | undefined {
  if (platform !== "win32") return env[name];
  const key = Object.keys(env).find((k) => k.toUpperCase() === name.toUpperCase());
  return key === undefined ? undefined : env[key];
}

/** The home folder as the Databricks CLI (Go's os.UserHomeDir) sees it, or undefined. */
export function homeOf(env: Env, platform: NodeJS.Platform): string | undefined {
  const home = envValue(env, platform === "win32" ? "USERPROFILE" : "HOME", platform);
  return home && home.length > 0 ? home : undefined;
}

/** `~`, `~/x` and (on Windows) `~\x` against the home folder; anything else unchanged. */
export function expandHome(p: string, env: Env, platform: NodeJS.Platform): string {
  const home = homeOf(env, platform);
  if (!home) return p;
  if (p === "~" || p.startsWith("~/") || (platform === "win32" && p.startsWith("~\\"))) return pathFor(platform).join(home, p.slice(1));
  return p;
}

/** PATH split the platform's way; Windows entries may be quoted. Empty entries (= current folder) are dropped. */
export function pathEntries(env: Env, platform: NodeJS.Platform): string[] {
  const raw = envValue(env, "PATH", platform) ?? "";
  return raw
    .split(platform === "win32" ? ";" : ":")
    .map((e) => (platform === "win32" ? e.trim().replace(/^"(.*)"$/, "$1") : e))
    .filter((e) => e.length > 0 && pathFor(platform).isAbsolute(e));
}
