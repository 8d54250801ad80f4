/**
 * Credential mints per expiry. A refresh is due when the credential it replaces has entered
 * its refresh window (or expired, or there was none); one started earlier is redundant. The
 * server's count of successful mints over the due refreshes is the figure (goal 1: no storm).
 */
import type { CredentialManager } from "../../src/core/credentials/credentialManager";
import { DEFAULT_REFRESH_POLICY, refreshWindowMs } from "../../src/core/credentials/refreshPolicy";
import type { Clock } from "../../src/core/credentials/clock";

export interface MintAccount {
  /** Refreshes started when they were due. */
  due: number;
  /** Refreshes started while the cached credential was still fresh. */
  early: number;
  /** Successful refreshes seen by the client ("fresh" events). */
  fresh: number;
  dispose(): void;
}

export function trackMints(credentials: CredentialManager, clock: Clock, refreshBeforeMs: number): MintAccount {
  const policy = { ...DEFAULT_REFRESH_POLICY, refreshBeforeMs };
  /** Lifetime of the credential each key holds, to size its window. */
  const lifetime = new Map<string, number>();
  const account: MintAccount = { due: 0, early: 0, fresh: 0, dispose: () => undefined };
  const id = (k: { profile: string; endpoint: string; identity: string }) => `${k.profile}|${k.endpoint}|${k.identity}`;
  const a = credentials.on("refreshing", (s) => {
    const now = clock.now();
    const expire = s.expireTime?.getTime();
    const window = refreshWindowMs(lifetime.get(id(s.key)) ?? 0, policy);
    if (expire === undefined || now >= expire - window) account.due++;
    else account.early++;
  });
  const b = credentials.on("fresh", (s) => {
    account.fresh++;
    if (s.expireTime && s.lastRefresh) lifetime.set(id(s.key), s.expireTime.getTime() - s.lastRefresh.getTime());
  });
  account.dispose = () => { a.dispose(); b.dispose(); };
  return account;
}
