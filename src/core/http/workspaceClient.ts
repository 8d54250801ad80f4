import { redactPatterns, silentLogger, type Logger, type SecretRegistry } from "../log";
import type { TokenSource } from "../auth/tokenSource";
import type { TlsTrust } from "../tlsTrust";
import { abortableSleep } from "./abortableSleep";
import { assertCredentialTransport, carriesCredential } from "./credentialTransport";
import { createHttpsTransport } from "./httpsTransport";
import { DatabricksApiError, RequestAbortedError, parseErrorBody } from "./errors";
import { readCappedText, ResponseTooLargeError } from "./readCappedText";
import { describeNetworkFailure, networkCodeOf } from "./networkFailure";
import { DEFAULT_RETRY, isIdempotent, isRetryableNetworkCode, isRetryableStatus, nextDelay, parseRetryAfter, type RetryOptions } from "./retryPolicy";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD";
export type QueryValue = string | number | boolean | undefined | ReadonlyArray<string | number | boolean>;

export interface WorkspaceRequest {
  method: HttpMethod;
  /** Path below the host, starting with `/`, e.g. `/api/2.0/preview/scim/v2/Me`. */
  path: string;
  query?: Record<string, QueryValue>;
  /** JSON body. */
  body?: unknown;
  /** `application/x-www-form-urlencoded` body (OAuth token endpoint). */
  form?: Record<string, string>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Per-attempt timeout; defaults to the client's. */
  timeoutMs?: number;
  /** Send `Authorization: Bearer <token>` from the client's TokenSource. */
  auth: boolean;
  /** Mark a POST/PATCH as safe to repeat after a 5xx or a dropped connection. */
  idempotent?: boolean;
}

export interface WorkspaceHttpClientOptions {
  /** Normalized workspace URL, e.g. `https://adb-1.azuredatabricks.net` (no trailing slash). */
  host: string;
  /** Profile name, only for messages. */
  profileName?: string;
  tokenSource?: TokenSource;
  logger?: Logger;
  /** Used to redact server text that ends up in error messages. */
  secrets?: SecretRegistry;
  retry?: Partial<RetryOptions>;
  timeoutMs?: number;
  userAgent?: string;
  /**
   * Sent as `X-Databricks-Workspace-Id` on every authenticated (workspace) call, as the SDK does:
   * unified (single-URL) hosts route by it and answer with their login page without it.
   */
  workspaceId?: string;
  /** Largest response body read (bytes); a bigger one fails with a clear error. Default 16 MiB. */
  maxResponseBytes?: number;
  /** The transport; default node:https verifying certificates against `tls` (global fetch cannot take a CA). */
  fetch?: typeof fetch;
  /** CAs trusted by the default transport: Node's root store, plus `lakebase.extraCaFile`. */
  tls?: TlsTrust;
  /** Called with the final 401 of an authenticated call (after the one retry with a fresh token): the profile's sign-in is rejected. */
  onRejected?: (error: DatabricksApiError) => void;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
/** Lakebase answers are a few KB (lists are ≤ 100 items); 16 MiB is far above any real one. */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** The single client for every call to a Databricks workspace: auth, timeouts, retries, typed errors. */
export class WorkspaceHttpClient {
  readonly host: string;
  private readonly retry: RetryOptions;
  private readonly log: Logger;
  private readonly doFetch: typeof fetch;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(private readonly opts: WorkspaceHttpClientOptions) {
    this.host = opts.host.replace(/\/+$/, "");
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.log = opts.logger ?? silentLogger;
    this.doFetch = opts.fetch ?? createHttpsTransport(opts.tls);
    this.sleep = opts.sleep ?? abortableSleep;
    this.random = opts.random ?? Math.random;
    this.now = opts.now ?? Date.now;
  }

  async request<T>(req: WorkspaceRequest): Promise<T> {
    const url = this.buildUrl(req.path, req.query);
    const what = `${req.method} ${req.path}`;
    const idempotent = isIdempotent(req.method, req.idempotent);
    const timeoutMs = req.timeoutMs ?? this.opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    // Before any token is fetched: a clear-text host must not even see that one exists.
    if (carriesCredential(req)) assertCredentialTransport(url, this.opts.profileName);
    const started = this.now();
    let attempt = 0;
    let reauthenticated = false;

    for (;;) {
      attempt++;
      if (req.signal?.aborted) throw new RequestAbortedError(what);
      const headers = await this.buildHeaders(req);
      const attemptStart = this.now();
      let res: Response;
      try {
        res = await this.fetchWithTimeout(url, req, headers, timeoutMs);
      } catch (err) {
        if (req.signal?.aborted) throw new RequestAbortedError(what);
        const code = isTimeout(err) ? "ETIMEDOUT" : networkCodeOf(err);
        const retryable = isRetryableNetworkCode(code, idempotent);
        const failure = describeNetworkFailure(this.host, code, what, this.opts.profileName, timeoutMs, retryable);
        const delay = retryable ? this.delayIfAllowed(attempt, undefined, started) : undefined;
        if (delay === undefined) throw failure;
        this.log.warn(`${what}: ${code}; retry ${attempt}/${this.retry.maxAttempts - 1} in ${delay} ms`);
        await this.pause(delay, req.signal, what);
        continue;
      }

      this.log.debug(`${what} → ${res.status} in ${this.now() - attemptStart} ms (attempt ${attempt})`);
      if (res.ok) return this.parseSuccess<T>(res, req, url);

      // An error body is only used for its message: read the first bytes of it, never all of it.
      const text = await readCappedText(res, Math.min(this.maxBytes, MAX_ERROR_BODY_BYTES), { truncate: true }).catch(() => "");
      if (res.status === 401 && req.auth && this.opts.tokenSource && !reauthenticated) {
        // A token can be revoked or expire early: one fresh token, one more try, then give up.
        reauthenticated = true;
        attempt--;
        this.opts.tokenSource.invalidate();
        this.log.info(`${what}: 401, refreshing the token of ${this.profileLabel()} and retrying once`);
        continue;
      }
      const retryable = isRetryableStatus(res.status, idempotent);
      const error = this.apiError(res, text, req.method, url, retryable);
      const retryAfter = parseRetryAfter(res.headers.get("retry-after"), this.now());
      const delay = retryable ? this.delayIfAllowed(attempt, retryAfter, started) : undefined;
      if (delay === undefined) {
        if (res.status === 401 && req.auth) this.opts.onRejected?.(error);
        throw error;
      }
      this.log.warn(`${what}: ${res.status} ${error.errorCode ?? ""}; retry ${attempt}/${this.retry.maxAttempts - 1} in ${delay} ms`);
      await this.pause(delay, req.signal, what);
    }
  }

  private buildUrl(path: string, query?: Record<string, QueryValue>): string {
    const url = new URL(this.host + (path.startsWith("/") ? path : `/${path}`));
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined) continue;
      const values = Array.isArray(value) ? value : [value];
      for (const v of values) url.searchParams.append(key, String(v));
    }
    return url.toString();
  }

  private async buildHeaders(req: WorkspaceRequest): Promise<Record<string, string>> {
    const headers: Record<string, string> = {
      Accept: "application/json",
      "User-Agent": this.opts.userAgent ?? "lakebase-vscode/0.1",
      ...req.headers,
    };
    if (req.form) headers["Content-Type"] = "application/x-www-form-urlencoded";
    else if (req.body !== undefined) headers["Content-Type"] = "application/json";
    if (req.auth && this.opts.workspaceId) headers["X-Databricks-Workspace-Id"] = this.opts.workspaceId;
    if (req.auth) {
      if (!this.opts.tokenSource) throw new Error(`No credentials configured for ${this.profileLabel()}`);
      const { token } = await this.opts.tokenSource.getToken(req.signal);
      this.opts.secrets?.add(token);
      headers.Authorization = `Bearer ${token}`;
    }
    return headers;
  }

  private async fetchWithTimeout(url: string, req: WorkspaceRequest, headers: Record<string, string>, timeoutMs: number): Promise<Response> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    const body = req.form ? new URLSearchParams(req.form).toString() : req.body !== undefined ? JSON.stringify(req.body) : undefined;
    // redirect "manual": a workspace never redirects API calls; following one could send the
    // bearer token elsewhere, and a login-page redirect means the host is wrong.
    const res = await this.doFetch(url, { method: req.method, headers, body, signal, redirect: "manual" });
    return res;
  }

  private get maxBytes(): number {
    return this.opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  }

  private async parseSuccess<T>(res: Response, req: WorkspaceRequest, url: string): Promise<T> {
    const method = req.method;
    let text: string;
    try {
      text = await readCappedText(res, this.maxBytes);
    } catch (err) {
      if (!(err instanceof ResponseTooLargeError)) throw err;
      throw new DatabricksApiError({
        status: res.status,
        errorCode: "RESPONSE_TOO_LARGE",
        message: `${method} ${req.path}: the answer of ${this.host} is larger than ${formatBytes(err.limit)}; stopped reading it. A Lakebase API answer is never this large — check the host of ${this.profileLabel()} (a proxy or a wrong URL?).`,
        retryable: false,
        method,
        url: url.split("?")[0]!,
      });
    }
    if (text.trim() === "") return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      const type = res.headers.get("content-type") ?? "unknown content type";
      throw new DatabricksApiError({
        status: res.status,
        errorCode: "INVALID_RESPONSE",
        message: `Expected JSON from ${this.host} but got ${type} — is ${this.host} a Databricks workspace URL (check ${this.profileLabel()})?${this.unifiedHint()}`,
        retryable: false,
        method,
        url: url.split("?")[0]!,
      });
    }
  }

  private apiError(res: Response, text: string, method: string, url: string, retryable: boolean): DatabricksApiError {
    const parsed = parseErrorBody(text);
    const requestId = parsed.requestId ?? res.headers.get("x-request-id") ?? res.headers.get("x-databricks-request-id") ?? undefined;
    let message = parsed.message ?? (text.trim() && text.length < 300 && !text.includes("<") ? text.trim() : `HTTP ${res.status} ${res.statusText}`.trim());
    if (res.status >= 300 && res.status < 400) {
      message = `${this.host} redirected the API call to ${res.headers.get("location") ?? "another page"} — check the host in ${this.profileLabel()}${this.unifiedHint()}`;
    } else if (res.status === 401) {
      // "Invalid access token." + our explanation: one sentence each, not "token. — the workspace…".
      message = `${message.replace(/[.\s]+$/, "")}. The workspace rejected the credentials of ${this.profileLabel()}: sign in again or fix the token.`;
    } else if (res.status === 403 && !parsed.message) {
      message = `${message} — ${this.profileLabel()} lacks permission for this call`;
    }
    const redact = (s: string) => (this.opts.secrets ? this.opts.secrets.redact(s) : redactPatterns(s));
    return new DatabricksApiError({
      status: res.status,
      errorCode: parsed.errorCode,
      message: redact(message),
      requestId,
      profile: this.opts.profileName,
      retryable,
      method,
      url: url.split("?")[0]!,
    });
  }

  /** The next delay, or undefined when attempts or the total time budget are used up. */
  private delayIfAllowed(attempt: number, retryAfterMs: number | undefined, started: number): number | undefined {
    if (attempt >= this.retry.maxAttempts) return undefined;
    const delay = nextDelay(attempt, retryAfterMs, this.retry, this.random);
    if (this.now() - started + delay > this.retry.maxTotalMs) return undefined;
    return delay;
  }

  private async pause(ms: number, signal: AbortSignal | undefined, what: string): Promise<void> {
    try {
      await this.sleep(ms, signal);
    } catch {
      throw new RequestAbortedError(what);
    }
  }

  /** A unified (single-URL) host shows its login page to calls without the workspace id. */
  private unifiedHint(): string {
    if (this.opts.workspaceId) return "";
    return "; on a unified (single-URL) host, add `workspace_id = <id>` to the profile (or keep `?o=<id>` in its host)";
  }

  private profileLabel(): string {
    return this.opts.profileName ? `profile ${this.opts.profileName}` : this.host;
  }
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MiB` : `${Math.round(n / 1024)} KiB`;
}

function isTimeout(err: unknown): boolean {
  const e = err as { name?: string; cause?: { name?: string } } | undefined;
  return e?.name === "TimeoutError" || e?.cause?.name === "TimeoutError";
}
