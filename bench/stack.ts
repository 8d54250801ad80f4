/**
 * The extension's real core stack, outside VS Code: PAT → LakebaseClient (credential minting)
 * → buildQueryStack (CredentialManager → PoolRegistry → QueryRunner, as LakebaseServices wires
 * them). Used by the bench workers.
 */
import type { DbTarget } from "../src/core/db/types";
import { WorkspaceHttpClient } from "../src/core/http/workspaceClient";
import { LakebaseClient } from "../src/core/lakebase/client";
import { SecretRegistry } from "../src/core/log";
import { buildQueryStack, mintWith, type QueryStack } from "../src/core/queryStack";
import { TlsTrust } from "../src/core/tlsTrust";

/** What the orchestrator hands a worker (argv JSON). */
export interface BenchTarget {
  workspaceUrl: string;
  pat: string;
  db: DbTarget;
  /** The emulator's CA: trusted as the lakebase.extraCaFile setting would (TLS is verified, as for users). */
  caFile?: string;
}

export interface CoreStack extends QueryStack {
  lakebase: LakebaseClient;
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
  const lakebase = new LakebaseClient(http);
  // The extension's own wiring of credentials → pools → runner (LakebaseServices builds the same).
  return { lakebase, ...buildQueryStack({ mint: mintWith(() => lakebase), secrets, tls }) };
}
