/**
 * Credential mints per expiry. Each credential the client replaces is classified once, when
 * its first refresh starts: due (in its refresh window, expired, or none yet), rejected (the
 * server refused it at login, 28P01) or early (still fresh: a redundant mint). Retries of the
 * same replacement are not counted again. The server's count of successful mints over the
 * replacements is the figure (goal 1: one mint per expiry, no storm). A replacement still under
 * way when the soak ends (its refresh started, no "fresh" yet: a hang or a 503 burst at the end) has
 * had no chance to mint: it is `pending`, not counted as done.
 */
import type { CredentialManager } from "../../src/core/credentials/credentialManager";
import { DEFAULT_REFRESH_POLICY, refreshWindowMs } from "../../src/core/credentials/refreshPolicy";
import type { Clock } from "../../src/core/credentials/clock";

export interface MintAccount {
  due: number;
  rejected: number;
  early: number;
  /** Successful refreshes seen by the client ("fresh" events). */
  fresh: number;
  /** Replacements counted above that had not finished (no "fresh" since they started) when read. */
  pending(): number;
  dispose(): void;
}

export function trackMints(credentials: CredentialManager, clock: Clock, refreshBeforeMs: number): MintAccount {
  const policy = { ...DEFAULT_REFRESH_POLICY, refreshBeforeMs };
  const lifetime = new Map<string, number>();
  /** Per key: the credential (by expiry, or "none") whose replacement is already counted. */
  const counted = new Map<string, string>();
  const unfinished = new Set<string>();
  const account: MintAccount = { due: 0, rejected: 0, early: 0, fresh: 0, pending: () => unfinished.size, dispose: () => undefined };
  const id = (k: { profile: string; endpoint: string; identity: string }) => `${k.profile}|${k.endpoint}|${k.identity}`;
  const a = credentials.on("refreshing", (s) => {
    const key = id(s.key);
    const expire = s.expireTime?.getTime();
    const replacing = expire === undefined ? `none after ${s.lastRefresh?.getTime() ?? 0}` : String(expire);
    if (counted.get(key) === replacing) return; // a retry of the same replacement
    counted.set(key, replacing);
    unfinished.add(key);
    if (expire === undefined) {
      if (s.lastRefresh) account.rejected++; // dropped by invalidate() after a 28P01
      else account.due++;
      return;
    }
    const window = refreshWindowMs(lifetime.get(key) ?? 0, policy);
    if (clock.now() >= expire - window) account.due++;
    else account.early++;
  });
  const b = credentials.on("fresh", (s) => {
    account.fresh++;
    unfinished.delete(id(s.key));
    if (s.expireTime && s.lastRefresh) lifetime.set(id(s.key), s.expireTime.getTime() - s.lastRefresh.getTime());
  });
  account.dispose = () => { a.dispose(); b.dispose(); };
  return account;
}
