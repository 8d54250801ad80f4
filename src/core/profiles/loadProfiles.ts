import { promises as fs } from "node:fs";
import { resolveConfigLocation, resolveDefaultProfile, type ConfigLocation, type DefaultProfileChoice, type Env } from "./configLocation";
import { DEFAULT_SECTION, parseIni } from "./iniReader";
import { buildProfile, type Profile } from "./profile";

export interface ConfigProblem {
  file: string;
  /** 1-based; absent for whole-file problems (missing, unreadable). */
  line?: number;
  message: string;
  severity: "error" | "warning";
  /** Set for problems callers treat apart: the chosen default profile is not in the file. */
  code?: "missing-default-profile";
}

export interface LoadedProfiles {
  location: ConfigLocation;
  exists: boolean;
  profiles: Profile[];
  problems: ConfigProblem[];
  /** Undefined when the CLI cannot load the file: then no profile in it is the default. */
  defaultProfile: DefaultProfileChoice | undefined;
  /** `[__settings__]` keys (default_profile, auth_storage, …). */
  settings: Record<string, string>;
  /** Raw text, so a watcher can tell real changes from touch events. */
  text: string;
}

export interface LoadOptions {
  /** `lakebase.databricksConfigFile` setting, if set. */
  configFile?: string;
  /** `lakebase.defaultProfile` setting, if set. */
  defaultProfile?: string;
  env?: Env;
  platform?: NodeJS.Platform;
}

const SETTINGS_SECTION = "__settings__";

/** Reads and interprets the config file. Never throws: every failure becomes a problem. */
export async function loadProfiles(opts: LoadOptions = {}): Promise<LoadedProfiles> {
  const env = opts.env ?? process.env;
  const location = resolveConfigLocation(opts.configFile, env, opts.platform);
  let text: string;
  try {
    text = await fs.readFile(location.path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const message = code === "ENOENT"
      ? `No Databricks config file at ${location.path}${describeFrom(location)}. Run \`databricks auth login --host https://<workspace-url>\` to create one`
      : code === "EISDIR"
        ? `${location.path} is a directory, not a Databricks config file`
        : `Cannot read ${location.path} (${code ?? String(err)}); check its permissions`;
    return {
      location, exists: false, profiles: [], text: "", settings: {},
      problems: [{ file: location.path, message, severity: code === "ENOENT" && location.from === "home" ? "warning" : "error" }],
      defaultProfile: resolveDefaultProfile(opts.defaultProfile, env, undefined),
    };
  }
  return { ...interpretConfigText(text, location, opts.defaultProfile, env), text };
}

/** The pure part of loading: text → profiles + problems. */
export function interpretConfigText(text: string, location: ConfigLocation, defaultSetting: string | undefined, env: Env): Omit<LoadedProfiles, "text"> {
  const file = location.path;
  const problems: ConfigProblem[] = [];
  if (text.charCodeAt(0) === 0xfffd || text.includes("\u0000")) {
    problems.push({ file, line: 1, severity: "error", message: `${file} looks UTF-16 encoded; save it as UTF-8` });
  }
  const doc = parseIni(text);
  const iniProblems = [...doc.problems];
  const settings: Record<string, string> = {};
  for (const [k, e] of doc.sections.get(SETTINGS_SECTION)?.keys ?? []) settings[k] = e.value;

  const profiles: Profile[] = [];
  for (const section of doc.sections.values()) {
    if (section.name === SETTINGS_SECTION) continue;
    // The SDK ignores an empty or missing DEFAULT; listing it would only add noise.
    if (section.name === DEFAULT_SECTION && section.keys.size === 0) continue;
    profiles.push(buildProfile(section, file, iniProblems));
  }
  for (const p of iniProblems) problems.push({ file, line: p.line, message: p.message, severity: p.severity });
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));

  // go-ini stops at the first line it cannot read: the CLI then loads no profile at all, so
  // neither do we (the profiles stay listed, so the tree can say why each one does not work).
  const fatal = doc.problems.find((p) => p.fatal);
  if (fatal) {
    const reason = `the Databricks CLI cannot load this file: line ${fatal.line} ${fatal.fatal}; fix that line in ${file} and every profile in it works again`;
    for (const p of profiles) p.unavailable = { state: "unusable", reason };
    return { location, exists: true, profiles, problems, defaultProfile: undefined, settings };
  }

  const defaultProfile = resolveDefaultProfile(defaultSetting, env, settings.default_profile);
  if (defaultProfile.from !== "DEFAULT" && !profiles.some((p) => p.name === defaultProfile.name)) {
    const line = defaultProfile.from === "__settings__" ? doc.sections.get(SETTINGS_SECTION)?.keys.get("default_profile")?.line : undefined;
    problems.push({ file, line, severity: "error", code: "missing-default-profile", message: `${file} has no ${defaultProfile.name} profile configured (default profile chosen by ${defaultProfile.from})` });
  }
  return { location, exists: true, profiles, problems, defaultProfile, settings };
}

function describeFrom(location: ConfigLocation): string {
  if (location.from === "DATABRICKS_CONFIG_FILE") return " (from DATABRICKS_CONFIG_FILE)";
  if (location.from === "setting") return " (from the lakebase.databricksConfigFile setting)";
  return "";
}
