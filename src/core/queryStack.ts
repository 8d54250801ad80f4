/**
 * The query path wired together: credentials (minted on demand, refreshed while leased) →
 * pools (logging in with them) → runner. `LakebaseServices` builds its own with this, and so do
 * the benchmarks and the integration harnesses, so they measure and test the extension's wiring.
 */
import type { Clock } from "./credentials/clock";
import { CredentialManager } from "./credentials/credentialManager";
import type { RefreshPolicy } from "./credentials/refreshPolicy";
import type { MintCredential } from "./credentials/types";
import { PoolRegistry, type PoolSettings } from "./db/poolRegistry";
import { QueryRunner } from "./db/queryRunner";
import type { LakebaseClient } from "./lakebase/client";
import type { Logger, SecretRegistry } from "./log";
import type { TlsTrust } from "./tlsTrust";

export interface QueryStackOptions {
  mint: MintCredential;
  secrets: SecretRegistry;
  /** With `child`, each part logs under its own tag (credentials, db, query). */
  logger?: Logger & { child?(tag: string): Logger };
  tls: TlsTrust;
  policy?: Partial<RefreshPolicy>;
  pool?: Partial<PoolSettings>;
  clock?: Clock;
}

export interface QueryStack {
  credentials: CredentialManager;
  pools: PoolRegistry;
  runner: QueryRunner;
  /** Closes the pools, then stops the refreshers. */
  dispose(): Promise<void>;
}

export function buildQueryStack(o: QueryStackOptions): QueryStack {
  const child = (tag: string) => o.logger?.child?.(tag) ?? o.logger;
  const credentials = new CredentialManager({ mint: o.mint, secrets: o.secrets, logger: child("credentials"), policy: o.policy, clock: o.clock });
  const pools = new PoolRegistry(credentials, { settings: o.pool, logger: child("db"), tls: o.tls });
  const runner = new QueryRunner(pools, { logger: child("query") });
  return {
    credentials, pools, runner,
    async dispose() {
      await pools.dispose();
      credentials.dispose();
    },
  };
}

/** Mints Lakebase credentials with a profile's client (`POST /api/2.0/postgres/credentials`). */
export function mintWith(client: (profile: string) => Pick<LakebaseClient, "generateCredential">): MintCredential {
  return (key, signal) => client(key.profile).generateCredential(key.endpoint, { signal });
}
