/**
 * Minimum Databricks CLI version: 0.205.0.
 * Why: the Go CLI replaced the legacy Python CLI (0.18.x, no `auth` command) at 0.200 (public
 * preview). `auth token --profile P -o json` printing {access_token, token_type, expiry} and
 * profiles written with `auth_type = databricks-cli` are what we rely on; 0.205 is the first
 * release of the 0.20x line we treat as stable for them. Older 0.20x builds may work, but
 * we name one floor so the error message can say exactly what to install.
 */
export const MIN_CLI_VERSION: readonly [number, number, number] = [0, 205, 0];
export const MIN_CLI_VERSION_TEXT = MIN_CLI_VERSION.join(".");

export interface CliVersion {
  version: [number, number, number];
  text: string;
  /** The legacy pip-installed CLI ("Version 0.18.0"). */
  legacyPython: boolean;
}

/** Parses `databricks --version`: Go CLI "Databricks CLI v0.240.0", Python CLI "Version 0.18.0". */
export function parseCliVersion(output: string): CliVersion | undefined {
  const m = /(\d+)\.(\d+)\.(\d+)/.exec(output);
  if (!m) return undefined;
  const version: [number, number, number] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const legacyPython = /^\s*Version\s+\d/m.test(output) || (version[0] === 0 && version[1] < 100);
  return { version, text: `${m[1]}.${m[2]}.${m[3]}`, legacyPython };
}

export function isCliTooOld(v: CliVersion): boolean {
  if (v.legacyPython) return true;
  for (let i = 0; i < 3; i++) {
    if (v.version[i]! !== MIN_CLI_VERSION[i]) return v.version[i]! < MIN_CLI_VERSION[i]!;
  }
  return false;
}
