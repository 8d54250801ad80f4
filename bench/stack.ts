/**
 * The extension's real core stack, outside VS Code: PAT → LakebaseClient (credential minting)
 * → CredentialManager → PoolRegistry (password callback) → QueryRunner. Used by the bench workers.
 */
import { CredentialManager } from "../src/core/credentials/credentialManager";
import { PoolRegistry } from "../src/core/db/poolRegistry";
import { QueryRunner } from "../src/core/db/queryRunner";
import type { DbTarget } from "../src/core/db/types";
import { WorkspaceHttpClient } from "../src/core/http/workspaceClient";
import { LakebaseClient } from "../src/core/lakebase/client";
import type { LakebaseHttp } from "../src/core/lakebase/httpPort";
import { SecretRegistry } from "../src/core/log";
import { TlsTrust } from "../src/core/tlsTrust";

/** What the orchestrator hands a worker (argv JSON). */
export interface BenchTarget {
  workspaceUrl: string;
  pat: string;
  db: DbTarget;
  /** The emulator's CA: trusted as the lakebase.extraCaFile setting would (TLS is verified, as for users). */
  caFile?: string;
}

export interface CoreStack {
  lakebase: LakebaseClient;
  credentials: CredentialManager;
  pools: PoolRegistry;
  runner: QueryRunner;
  dispose(): Promise<void>;
}

export function buildStack(t: BenchTarget): CoreStack {
  const secrets = new SecretRegistry();
  secrets.add(t.pat);
  const tls = new TlsTrust(t.caFile);
  const http = new WorkspaceHttpClient({
    host: t.workspaceUrl,
    tls,
    profileName: t.db.profile,
    tokenSource: { getToken: async () => ({ token: t.pat }), invalidate: () => undefined },
    secrets,
  });
  const lakebase = new LakebaseClient(http as unknown as LakebaseHttp);
  const credentials = new CredentialManager({ mint: (key, signal) => lakebase.generateCredential(key.endpoint, { signal }), secrets });
  const pools = new PoolRegistry(credentials, { tls });
  const runner = new QueryRunner(pools);
  return {
    lakebase, credentials, pools, runner,
    async dispose() {
      await pools.dispose();
      credentials.dispose();
    },
  };
}
