/** A workspace access token and when it stops working (absent: unknown / never). */
export interface AccessToken {
  token: string;
  expiresAt?: Date;
}

/**
 * Produces bearer tokens for one workspace profile. `invalidate()` drops any cached token so the
 * next `getToken()` fetches a fresh one (the HTTP client calls it once after a 401).
 */
export interface TokenSource {
  getToken(signal?: AbortSignal): Promise<AccessToken>;
  invalidate(): void;
}
