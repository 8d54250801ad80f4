/**
 * Decides whether a failed credential request is worth retrying.
 * Structural on purpose: works with DatabricksApiError ({status, errorCode}), NetworkError
 * ({code}) and plain Node errors, without importing the HTTP client.
 */
import type { CredentialErrorInfo } from "./types";

export function isAbortError(err: unknown): boolean {
  return !!err && typeof err === "object" && (err as { name?: string }).name === "AbortError";
}

function statusOf(err: unknown): number | undefined {
  if (!err || typeof err !== "object") return undefined;
  const e = err as { status?: unknown; statusCode?: unknown };
  const s = typeof e.status === "number" ? e.status : typeof e.statusCode === "number" ? e.statusCode : undefined;
  return s;
}

/**
 * Workspace sign-in failures (AuthError from the token source) carry no HTTP status, yet only the
 * user can fix most of them: a new login, a new client secret, installing the CLI. A CLI timeout,
 * a CLI error or an OAuth endpoint error may pass, so those stay transient.
 */
const FATAL_AUTH_KINDS = new Set(["needs-login", "invalid-client", "cli-not-found", "cli-not-executable", "cli-too-old", "unsupported"]);

function needsUser(err: unknown): boolean {
  if (!err || typeof err !== "object") return false;
  const e = err as { name?: unknown; kind?: unknown };
  return e.name === "AuthError" && typeof e.kind === "string" && FATAL_AUTH_KINDS.has(e.kind);
}

/**
 * Transient: network failures, 408, 429, 5xx, and anything without an HTTP status (a timeout,
 * a reset socket). Fatal: every other 4xx: 401/403 need the user to sign in or get access,
 * 400/404 mean the endpoint is wrong; retrying them only adds load (appkit#461).
 */
export function isTransient(err: unknown): boolean {
  if (needsUser(err)) return false;
  const status = statusOf(err);
  if (status === undefined) return true;
  return status === 408 || status === 429 || status >= 500;
}

export function toErrorInfo(err: unknown, at: Date): CredentialErrorInfo {
  const status = statusOf(err);
  const errorCode = err && typeof err === "object" ? (err as { errorCode?: unknown }).errorCode : undefined;
  const raw = err instanceof Error ? err.message : String(err);
  return {
    message: explain(status, raw),
    status,
    errorCode: typeof errorCode === "string" ? errorCode : undefined,
    fatal: !isTransient(err),
    at,
  };
}

function explain(status: number | undefined, raw: string): string {
  if (status === 401) return `Not signed in to the workspace (401): ${raw}. Sign in again (databricks auth login) and retry.`;
  if (status === 403) return `Not allowed to generate a database credential for this endpoint (403): ${raw}. Ask for access to the project, or pick another profile.`;
  if (status === 404) return `Endpoint not found (404): ${raw}. It may have been deleted; refresh the explorer.`;
  if (status !== undefined && status < 500 && status !== 408 && status !== 429) return `Credential request rejected (${status}): ${raw}`;
  return raw;
}
