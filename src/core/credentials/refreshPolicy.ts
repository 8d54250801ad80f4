/**
 * When to refresh a credential and how long to wait after a failure. Pure functions.
 *
 * Refresh minutes early (databricks-vscode#583: a token was rejected 30 s before expiry), but
 * scale the window down for short-lived credentials so a 10-second test token is not
 * "always expiring".
 */

export interface RefreshPolicy {
  /** Refresh this long before expiry (default 5 min). */
  refreshBeforeMs: number;
  /** Upper bound of the window as a share of the credential's lifetime (default 0.2). */
  maxWindowShare: number;
  /** A token with less than this left is not handed out for a new login (default 30 s). */
  minValidityMs: number;
  /** Backoff after a transient failure. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Floor under every retry delay (appkit#461: no tight refresh loops). */
  retryMinMs: number;
  /** Longest the refresher sleeps before re-checking the wall clock (sleep/clock jumps). */
  maxTickMs: number;
}

export const DEFAULT_REFRESH_POLICY: RefreshPolicy = {
  refreshBeforeMs: 5 * 60_000,
  maxWindowShare: 0.2,
  minValidityMs: 30_000,
  retryBaseMs: 1_000,
  retryMaxMs: 60_000,
  retryMinMs: 1_000,
  maxTickMs: 30_000,
};

/** How long before expiry a credential counts as "expiring soon" and gets refreshed. */
export function refreshWindowMs(lifetimeMs: number, p: RefreshPolicy): number {
  return Math.max(0, Math.min(p.refreshBeforeMs, lifetimeMs * p.maxWindowShare));
}

/** Tokens this close to expiry are not used for new logins; scaled like the refresh window. */
export function minValidityFor(lifetimeMs: number, p: RefreshPolicy): number {
  return Math.max(0, Math.min(p.minValidityMs, lifetimeMs * p.maxWindowShare * 0.5));
}

/** Exponential backoff with full jitter and a floor; `failures` counts from 1. */
export function retryDelayMs(failures: number, p: RefreshPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(p.retryMaxMs, p.retryBaseMs * 2 ** Math.max(0, failures - 1));
  return Math.max(p.retryMinMs, Math.floor(random() * ceiling));
}
