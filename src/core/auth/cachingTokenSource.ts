import type { AccessToken, TokenSource } from "./tokenSource";

export interface CachingOptions {
  /** Refresh this long before expiry (default 5 min). Shrunk for short-lived tokens. */
  refreshMarginMs?: number;
  /** How long to reuse a token whose expiry is unknown (default 60 s). */
  unknownExpiryTtlMs?: number;
  now?: () => number;
}

/**
 * Caches a fetched token until shortly before it expires, and makes concurrent callers share one
 * fetch (single-flight). The shared fetch is not tied to any caller's AbortSignal: one caller
 * giving up must not fail the others; each caller only stops waiting.
 */
export class CachingTokenSource implements TokenSource {
  private cached: { token: AccessToken; reuseUntil: number } | undefined;
  private inflight: Promise<AccessToken> | undefined;
  private generation = 0;
  private readonly margin: number;
  private readonly unknownTtl: number;
  private readonly now: () => number;

  constructor(private readonly fetchToken: (forceRefresh: boolean) => Promise<AccessToken>, opts: CachingOptions = {}) {
    this.margin = opts.refreshMarginMs ?? 5 * 60_000;
    this.unknownTtl = opts.unknownExpiryTtlMs ?? 60_000;
    this.now = opts.now ?? Date.now;
  }

  getToken(signal?: AbortSignal): Promise<AccessToken> {
    if (signal?.aborted) return Promise.reject(abortError());
    if (this.cached && this.now() < this.cached.reuseUntil) return Promise.resolve(this.cached.token);
    if (!this.inflight) {
      const gen = this.generation;
      const forceRefresh = this.forceNext;
      this.forceNext = false;
      this.inflight = this.fetchToken(forceRefresh)
        .then((token) => {
          if (gen === this.generation) this.cached = { token, reuseUntil: this.reuseUntil(token) };
          return token;
        })
        .finally(() => {
          if (gen === this.generation) this.inflight = undefined;
        });
    }
    return signal ? raceAbort(this.inflight, signal) : this.inflight;
  }

  private forceNext = false;

  /** Drops the cached token; the next fetch asks the backend to refresh, not to reuse. */
  invalidate(): void {
    this.generation++;
    this.cached = undefined;
    this.inflight = undefined;
    this.forceNext = true;
  }

  private reuseUntil(token: AccessToken): number {
    const now = this.now();
    if (!token.expiresAt) return now + this.unknownTtl;
    const lifetime = token.expiresAt.getTime() - now;
    // A 10-minute token with a 5-minute margin would be fetched on every call; use half its life.
    const margin = Math.min(this.margin, Math.max(0, lifetime / 2));
    return token.expiresAt.getTime() - margin;
  }
}

function abortError(): Error {
  const e = new Error("Token request was cancelled");
  e.name = "AbortError";
  return e;
}

function raceAbort<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError());
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
