import { redactPatterns, type SecretRegistry } from "../log";
import { AuthError, loginCommand } from "./authError";
import { MIN_CLI_VERSION_TEXT } from "./cliVersion";

export interface CliFailure {
  profile: string;
  host: string;
  cliPath: string;
  /** Node's error code for spawn failures (ENOENT, EACCES). */
  spawnCode?: string;
  timedOut: boolean;
  timeoutMs: number;
  exitCode?: number | null;
  stderr: string;
  secrets?: SecretRegistry;
}

const INSTALL_HINT = `Install the Databricks CLI ≥ ${MIN_CLI_VERSION_TEXT} (https://docs.databricks.com/dev-tools/cli/install.html) or set lakebase.databricksCliPath`;

/** stderr that means "this CLI does not know `auth token` or our flags". */
export function looksLikeOldCli(stderr: string): boolean {
  return /unknown (shorthand )?flag|No such command|unknown command|Usage: databricks \[OPTIONS\]/i.test(stderr);
}

/**
 * Maps a failed `databricks auth token` run to an AuthError. The real CLI reports every failure
 * as plain `Error: …` text on stderr (cobra), never as JSON. Known failures get a specific
 * kind and the login command; anything else is shown verbatim (trimmed and redacted), since the
 * CLI's own words are the most useful thing we have (cli#3628, cli#1589).
 */
export function classifyCliFailure(f: CliFailure): AuthError {
  const login = loginCommand(f.host, f.profile);
  const cmd = `databricks auth token --profile ${f.profile}`;
  if (f.spawnCode === "ENOENT") {
    return new AuthError("cli-not-found", f.profile, `The Databricks CLI was not found (looked for "${f.cliPath}"). ${INSTALL_HINT}.`);
  }
  if (f.spawnCode === "EACCES" || f.spawnCode === "EPERM") {
    return new AuthError("cli-not-executable", f.profile, `The Databricks CLI at "${f.cliPath}" cannot be executed (${f.spawnCode}); check its permissions or set lakebase.databricksCliPath.`);
  }
  if (f.timedOut) {
    return new AuthError("timeout", f.profile,
      `\`${cmd}\` did not finish within ${Math.round(f.timeoutMs / 1000)} s (it may be waiting for the OS keyring or a login). Run \`${login}\` in a terminal, then try again.`, login);
  }
  const stderr = cleanStderr(f.stderr, f.secrets);
  // "refresh token is invalid": CLI ≥ 0.230 rewrites the SDK's error to it; older CLIs print the
  // token endpoint's raw OAuth answer, whose error is invalid_grant.
  if (/refresh token is invalid|invalid_grant/i.test(stderr)) {
    return new AuthError("needs-login", f.profile, `Profile ${f.profile} needs a new login: the refresh token is invalid or expired. Run \`${login}\`.`, login);
  }
  if (/cached token has no refresh token/i.test(stderr)) {
    // The SDK's ErrMissingRefreshToken: the cached login cannot be renewed, only replaced.
    return new AuthError("needs-login", f.profile, `Profile ${f.profile} needs a new login: its cached login has no refresh token and cannot be renewed. Run \`${login}\`.`, login);
  }
  // Every CLI since 0.200 keeps this wording for a missing cache entry (cmd/auth/token.go compatSubstring).
  if (/databricks OAuth is not configured for this host/i.test(stderr)) {
    return new AuthError("needs-login", f.profile, `Profile ${f.profile} has not been logged in on this machine (databricks OAuth is not configured for this host). Run \`${login}\`.`, login);
  }
  const detail = stderr || "(no output on stderr)";
  return new AuthError("cli-error", f.profile, `\`${cmd}\` failed (exit code ${f.exitCode ?? "unknown"}): ${detail}`, login);
}

export function tooOldError(profile: string, cliPath: string, versionText: string | undefined, legacyPython: boolean): AuthError {
  const found = legacyPython
    ? `the legacy Python Databricks CLI${versionText ? ` ${versionText}` : ""}`
    : versionText ? `Databricks CLI ${versionText}` : "a Databricks CLI that does not support `auth token -o json`";
  return new AuthError("cli-too-old", profile, `"${cliPath}" is ${found}; Lakebase needs the Databricks CLI ≥ ${MIN_CLI_VERSION_TEXT}. ${INSTALL_HINT}.`);
}

function cleanStderr(stderr: string, secrets?: SecretRegistry): string {
  const trimmed = stderr.trim();
  const clipped = trimmed.length > 2000 ? `${trimmed.slice(0, 2000)}…` : trimmed;
  return secrets ? secrets.redact(clipped) : redactPatterns(clipped);
}
