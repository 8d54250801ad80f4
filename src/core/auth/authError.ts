/**
 * Why a profile could not produce a token, in a form the UI can act on: `kind` picks the
 * presentation, `loginCommand` (when set) is the exact command a "Log in" button should run.
 */
export type AuthErrorKind =
  | "cli-not-found"      // the databricks executable is missing
  | "cli-not-executable" // found but cannot be run (permissions)
  | "cli-too-old"        // legacy Python CLI or a Go CLI below the minimum version
  | "needs-login"        // refresh token invalid / OAuth not configured / UNAUTHENTICATED
  | "timeout"            // the CLI did not answer in time
  | "cli-error"          // any other CLI failure (stderr shown verbatim, redacted)
  | "unexpected-output"  // the CLI printed something we cannot parse
  | "invalid-client"     // OAuth M2M client id/secret rejected
  | "oauth-error"        // other OAuth token endpoint failures
  | "unsupported";       // the profile's auth type cannot give a workspace token here

export class AuthError extends Error {
  constructor(
    readonly kind: AuthErrorKind,
    readonly profile: string,
    message: string,
    readonly loginCommand?: string,
  ) {
    super(message);
    this.name = "AuthError";
  }

  /** Whether signing in again (the login command) is the fix. */
  get needsLogin(): boolean {
    return this.kind === "needs-login";
  }
}

/** `databricks auth login --host H --profile P`, quoted for a POSIX or Windows shell when needed. */
export function loginCommand(host: string, profile: string, cli = "databricks"): string {
  const q = (s: string) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `"${s.replace(/(["\\$`])/g, "\\$1")}"`);
  return `${q(cli)} auth login --host ${q(host)} --profile ${q(profile)}`;
}
