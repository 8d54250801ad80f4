/**
 * Sorting connection failures: a rejected credential (rotate once), a compute that is still
 * waking from scale-to-zero (retry with backoff), or anything else (fail with a clear message).
 */

import { certificateProblem, isCertificateError } from "../tlsTrust";

export type ConnectFailureKind = "bad-credential" | "waking" | "fatal";

interface PgLikeError { code?: unknown; message?: unknown }

/** Messages seen while a serverless compute starts or a proxy has no backend yet. */
const WAKING_MESSAGES = [
  /connection terminated unexpectedly/i,
  /connection terminated due to connection timeout/i,
  /timeout expired/i,
  /the database system is starting up/i,
  /compute (is )?(starting|waking|not (yet )?(ready|available))/i,
  /endpoint is (starting|waking|not ready)/i,
  /database is not available/i,
  /please retry/i,
  /socket hang up/i,
];

const WAKING_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "57P03", "08006", "08001", "08004"]);

export function classifyConnectError(err: unknown): ConnectFailureKind {
  const e = (err ?? {}) as PgLikeError;
  const code = typeof e.code === "string" ? e.code : "";
  const message = typeof e.message === "string" ? e.message : "";
  if (code === "28P01") return "bad-credential";
  if (WAKING_CODES.has(code)) return "waking";
  if (WAKING_MESSAGES.some((re) => re.test(message))) return "waking";
  return "fatal";
}

/** Postgres's (and the service's) wording when the login role is missing. */
const MISSING_ROLE = /role "[^"]*" does not exist/;

/**
 * A one-line, actionable description of a failed login. Never includes the password.
 * `endpoint`: the endpoint's resource name, to name the branch where a missing role belongs.
 */
export function explainConnectError(err: unknown, where: string, endpoint?: string): string {
  const e = (err ?? {}) as PgLikeError & { hint?: unknown };
  const code = typeof e.code === "string" ? e.code : "";
  const message = typeof e.message === "string" ? e.message : String(err);
  const hint = typeof e.hint === "string" ? ` ${e.hint}` : "";
  switch (code) {
    case "28P01":
      return `Login to ${where} was refused even with a new credential: ${message}.${hint} Check that the Postgres user matches the identity of the profile.`;
    case "28000":
      if (MISSING_ROLE.test(message)) {
        const branch = /\/branches\/([^/]+)/.exec(endpoint ?? "")?.[1];
        return `Login to ${where} was refused: ${message}. Only the project owner can log in until a Postgres role exists for an identity: `
          + `run "Lakebase: Create Postgres Role for a Databricks Identity" on ${branch ? `branch ${branch}` : "the branch"} as the project owner, then try again.`;
      }
      return `Login to ${where} was refused: ${message}.${hint} Check the Postgres role for this identity exists on the branch.`;
    case "3D000":
      return `Database not found on ${where}: ${message}. Pick an existing database.`;
    case "ENOTFOUND":
      return `Cannot resolve the host of ${where}: ${message}. Check the endpoint host and your network/VPN.`;
    default:
      if (isCertificateError(code)) return certificateProblem(where, code, message);
      return `Could not connect to ${where}: ${message}${code ? ` (${code})` : ""}.${hint}`;
  }
}
