import os from "node:os";
import path from "node:path";

export type Env = Record<string, string | undefined>;

export interface ConfigLocation {
  path: string;
  /** Where the path came from, for messages. */
  from: "setting" | "DATABRICKS_CONFIG_FILE" | "home";
}

/** The user's home the way Go's os.UserHomeDir finds it (the CLI's `~`). */
export function homeDir(env: Env = process.env, platform: NodeJS.Platform = process.platform): string {
  const fromEnv = platform === "win32" ? env.USERPROFILE : env.HOME;
  return fromEnv && fromEnv.length > 0 ? fromEnv : os.homedir();
}

function expandHome(p: string, env: Env, platform: NodeJS.Platform): string {
  if (p === "~" || p.startsWith("~/") || p.startsWith("~\\")) return homeDir(env, platform) + p.slice(1);
  return p;
}

/** Explicit setting → DATABRICKS_CONFIG_FILE → ~/.databrickscfg. */
export function resolveConfigLocation(setting: string | undefined, env: Env = process.env, platform: NodeJS.Platform = process.platform): ConfigLocation {
  const p = platform === "win32" ? path.win32 : path.posix;
  if (setting && setting.trim()) return { path: p.resolve(expandHome(setting.trim(), env, platform)), from: "setting" };
  const fromEnv = env.DATABRICKS_CONFIG_FILE;
  if (fromEnv && fromEnv.trim()) return { path: p.resolve(expandHome(fromEnv.trim(), env, platform)), from: "DATABRICKS_CONFIG_FILE" };
  return { path: p.join(homeDir(env, platform), ".databrickscfg"), from: "home" };
}

export interface DefaultProfileChoice {
  name: string;
  from: "setting" | "DATABRICKS_CONFIG_PROFILE" | "__settings__" | "DEFAULT";
}

/** Explicit setting → DATABRICKS_CONFIG_PROFILE → [__settings__] default_profile → DEFAULT. */
export function resolveDefaultProfile(setting: string | undefined, env: Env, settingsDefault: string | undefined): DefaultProfileChoice {
  if (setting && setting.trim()) return { name: setting.trim(), from: "setting" };
  const fromEnv = env.DATABRICKS_CONFIG_PROFILE;
  if (fromEnv && fromEnv.trim()) return { name: fromEnv.trim(), from: "DATABRICKS_CONFIG_PROFILE" };
  if (settingsDefault && settingsDefault.trim()) return { name: settingsDefault.trim(), from: "__settings__" };
  return { name: "DEFAULT", from: "DEFAULT" };
}
