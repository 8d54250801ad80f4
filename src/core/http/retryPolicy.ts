/**
 * When and how long to wait before retrying a workspace request.
 *
 * - 429 and 503 are retried for every method: the server says it did not do the work.
 * - 500, 502 and 504 are retried only for idempotent methods (GET, HEAD, DELETE, PUT) or when
 *   the caller marks the request idempotent: a POST that reached the server may have run.
 * - Other 4xx are never retried (appkit#461: retrying non-transient 4xx only adds load).
 * - Connection failures before anything was sent (ECONNREFUSED, EAI_AGAIN) are retried for
 *   every method; failures after sending (ECONNRESET, timeouts) only for idempotent requests.
 */

export interface RetryOptions {
  /** Total attempts including the first. */
  maxAttempts: number;
  /** Give up once this much time has passed since the first attempt. */
  maxTotalMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Never wait longer than this for one Retry-After. */
  maxRetryAfterMs: number;
  /** Floor under the jittered delay, so a retry is never immediate. */
  minDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = {
  maxAttempts: 5,
  maxTotalMs: 60_000,
  baseDelayMs: 300,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 30_000,
  minDelayMs: 50,
};

const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "DELETE", "PUT", "OPTIONS"]);

export function isIdempotent(method: string, override?: boolean): boolean {
  return override ?? IDEMPOTENT_METHODS.has(method.toUpperCase());
}

export function isRetryableStatus(status: number, idempotent: boolean): boolean {
  if (status === 429 || status === 503) return true;
  if (status === 500 || status === 502 || status === 504) return idempotent;
  return false;
}

/** Network error codes meaning "nothing reached the server". */
const CONNECT_CODES = new Set(["ECONNREFUSED", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "UND_ERR_CONNECT_TIMEOUT"]);
/** Network error codes where the request may have been received. */
const MID_REQUEST_CODES = new Set(["ECONNRESET", "ETIMEDOUT", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);

export function isRetryableNetworkCode(code: string, idempotent: boolean): boolean {
  if (CONNECT_CODES.has(code)) return true;
  if (MID_REQUEST_CODES.has(code)) return idempotent;
  return false;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. Undefined when absent or unparsable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/** Exponential backoff with full jitter; `attempt` is 1 for the first retry. */
export function backoffDelay(attempt: number, opts: RetryOptions, random: () => number): number {
  const ceiling = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** (attempt - 1));
  return Math.max(opts.minDelayMs, Math.floor(random() * ceiling));
}

/** The delay before the next try: the server's Retry-After (capped) wins over our backoff. */
export function nextDelay(attempt: number, retryAfterMs: number | undefined, opts: RetryOptions, random: () => number): number {
  if (retryAfterMs !== undefined) return Math.max(opts.minDelayMs, Math.min(retryAfterMs, opts.maxRetryAfterMs));
  return backoffDelay(attempt, opts, random);
}
