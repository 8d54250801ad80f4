/**
 * Typed errors of the workspace HTTP client. Messages are built from server text that is
 * redacted before it gets here; no token, secret or Authorization header ever appears.
 */

export interface ApiErrorInit {
  status: number;
  errorCode?: string;
  message: string;
  requestId?: string;
  retryable: boolean;
  method: string;
  url: string;
  /** The profile whose call it was, when known (for the fix: sign in as that profile). */
  profile?: string;
}

/** A workspace answered with a non-2xx status. */
export class DatabricksApiError extends Error {
  readonly status: number;
  /** `error_code` of the body (`error` for OAuth endpoints), e.g. `NOT_FOUND`, `invalid_client`. */
  readonly errorCode: string | undefined;
  readonly requestId: string | undefined;
  /** True when the failure is transient (429/503, …) and the caller may try again later. */
  readonly retryable: boolean;
  readonly method: string;
  /** Request URL without its query string. */
  readonly url: string;
  readonly profile: string | undefined;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.name = "DatabricksApiError";
    this.status = init.status;
    this.errorCode = init.errorCode;
    this.requestId = init.requestId;
    this.retryable = init.retryable;
    this.method = init.method;
    this.url = init.url;
    this.profile = init.profile;
  }
}

export type NetworkErrorCode = "ECONNREFUSED" | "ECONNRESET" | "ETIMEDOUT" | "ENOTFOUND" | "EAI_AGAIN" | "TLS" | string;

/** The workspace could not be reached at all (no HTTP status). */
export class NetworkError extends Error {
  readonly code: NetworkErrorCode;
  readonly host: string;
  readonly retryable: boolean;
  constructor(message: string, code: NetworkErrorCode, host: string, retryable: boolean) {
    super(message);
    this.name = "NetworkError";
    this.code = code;
    this.host = host;
    this.retryable = retryable;
  }
}

/** Thrown when the caller's AbortSignal fires; never retried. */
export class RequestAbortedError extends Error {
  constructor(what: string) {
    super(`${what} was cancelled`);
    this.name = "AbortError";
  }
}

/** Pulls the usual error fields out of a Databricks (or OAuth) error body. */
export function parseErrorBody(text: string): { errorCode?: string; message?: string; requestId?: string } {
  let body: unknown;
  try { body = JSON.parse(text); } catch { return {}; }
  if (!body || typeof body !== "object") return {};
  const b = body as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" && v.length > 0 ? v : undefined);
  const errorCode = str(b.error_code) ?? str(b.error);
  const message = str(b.message) ?? str(b.error_description) ?? str(b.detail);
  let requestId: string | undefined;
  if (Array.isArray(b.details)) {
    for (const d of b.details) {
      if (d && typeof d === "object" && str((d as Record<string, unknown>).request_id)) {
        requestId = (d as Record<string, string>).request_id;
      }
    }
  }
  return { errorCode, message, requestId };
}
