/**
 * Where the `databricks` CLI is, as pure rules (the file system is injected).
 * VS Code started from the macOS Dock or a Windows shortcut gets a minimal PATH, so after PATH we
 * look where the documented installers put the CLI: Homebrew, WinGet, Chocolatey, Scoop, install.sh.
 */
import { envValue, expandHome, homeOf, pathEntries, pathFor, type Env } from "./platformEnv";

export interface CliLocationInput {
  platform: NodeJS.Platform;
  env: Env;
  /** `lakebase.databricksCliPath` (or a profile's databricks_cli_path): used as given when set. */
  setting?: string;
  /** Names in a folder (for WinGet's versioned package folders); none when omitted. */
  listDir?: (dir: string) => string[];
}

/** Executable name: Windows runs `databricks.exe` (a .cmd cannot be spawned without a shell). */
function exeName(platform: NodeJS.Platform): string {
  return platform === "win32" ? "databricks.exe" : "databricks";
}

function usualPlaces(input: CliLocationInput): string[] {
  const { platform, env } = input;
  const p = pathFor(platform);
  const home = homeOf(env, platform);
  const exe = exeName(platform);
  if (platform === "win32") {
    const places: string[] = [];
    const localAppData = envValue(env, "LOCALAPPDATA", platform) ?? (home ? p.join(home, "AppData", "Local") : undefined);
    if (localAppData) {
      const winget = p.join(localAppData, "Microsoft", "WinGet");
      places.push(p.join(winget, "Links", exe));
      // WinGet without a Links entry (no symlink rights): Packages\Databricks.DatabricksCLI_<source id>\databricks.exe
      const packages = p.join(winget, "Packages");
      for (const name of input.listDir?.(packages) ?? []) {
        if (name.startsWith("Databricks.DatabricksCLI")) places.push(p.join(packages, name, exe));
      }
    }
    places.push(p.join(envValue(env, "ChocolateyInstall", platform) ?? "C:\\ProgramData\\chocolatey", "bin", exe));
    if (home) places.push(p.join(home, "scoop", "shims", exe));
    return places;
  }
  const homeBins = home ? [p.join(home, ".local", "bin", exe), p.join(home, "bin", exe)] : [];
  if (platform === "darwin") return ["/opt/homebrew/bin/databricks", "/usr/local/bin/databricks", ...homeBins];
  return ["/usr/local/bin/databricks", "/home/linuxbrew/.linuxbrew/bin/databricks", ...homeBins];
}

/** Every place probed, in order, without duplicates: PATH first, then the usual install places. */
export function cliCandidates(input: CliLocationInput): string[] {
  const p = pathFor(input.platform);
  const exe = exeName(input.platform);
  const all = [...pathEntries(input.env, input.platform).map((dir) => p.join(dir, exe)), ...usualPlaces(input)];
  const seen = new Set<string>();
  return all.filter((c) => {
    const key = input.platform === "win32" ? c.toLowerCase() : c;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export interface CliLocation {
  path: string;
  from: "setting" | "PATH" | "install-place" | "not-found";
}

/**
 * The CLI to run. A setting wins (Windows adds `.exe` when the setting has no extension and that
 * file exists); else the first candidate `isExecutable` accepts; else the bare name, so the spawn
 * error (ENOENT) tells the user to install the CLI or set the path.
 */
export function findCliLocation(input: CliLocationInput, isExecutable: (path: string) => boolean): CliLocation {
  const setting = input.setting?.trim();
  if (setting) {
    const expanded = expandHome(setting, input.env, input.platform);
    if (input.platform === "win32" && pathFor("win32").extname(expanded) === "" && isExecutable(`${expanded}.exe`)) return { path: `${expanded}.exe`, from: "setting" };
    return { path: expanded, from: "setting" };
  }
  const onPath = new Set(pathEntries(input.env, input.platform).map((dir) => pathFor(input.platform).join(dir, exeName(input.platform))));
  const hit = cliCandidates(input).find((c) => isExecutable(c));
  if (hit) return { path: hit, from: onPath.has(hit) ? "PATH" : "install-place" };
  return { path: exeName(input.platform), from: "not-found" };
}

export function findCli(input: CliLocationInput, isExecutable: (path: string) => boolean): string {
  return findCliLocation(input, isExecutable).path;
}
