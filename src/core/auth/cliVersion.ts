/**
 * Minimum Databricks CLI version: 0.207.1, the first whose `auth token` honours `--profile`
 * (cli#855; the Go SDK's config/cli_token_source.go uses the same floor for `--profile`).
 * An older CLI ignores `--profile`, cannot find a host without a terminal prompt, and fails
 * with "init: cannot fetch credentials" — we name the floor instead of showing that.
 * `--force-refresh` needs 0.296.0; below it we fall back to a plain `auth token`.
 */
export const MIN_CLI_VERSION: readonly [number, number, number] = [0, 207, 1];
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
