/**
 * Real wiring for integration tests: emulator workspace → WorkspaceHttpClient → LakebaseClient
 * → buildQueryStack (CredentialManager → PoolRegistry → QueryRunner, as the extension wires
 * them), logging into the emulator's front door.
 */
import type { Emulator } from "../../../emulator/index";
import type { CredentialManager } from "../../../src/core/credentials/credentialManager";
import type { RefreshPolicy } from "../../../src/core/credentials/refreshPolicy";
import type { MintCredential } from "../../../src/core/credentials/types";
import type { PoolRegistry, PoolSettings } from "../../../src/core/db/poolRegistry";
import type { QueryRunner } from "../../../src/core/db/queryRunner";
import type { DbTarget } from "../../../src/core/db/types";
import { WorkspaceHttpClient } from "../../../src/core/http/workspaceClient";
import { LakebaseClient } from "../../../src/core/lakebase/client";
import { memoryLogger, SecretRegistry } from "../../../src/core/log";
import { emulatorTrust } from "../../support/emulator";
import type { TlsTrust } from "../../../src/core/tlsTrust";
import { buildQueryStack, mintWith } from "../../../src/core/queryStack";

export interface Harness {
  secrets: SecretRegistry;
  logger: ReturnType<typeof memoryLogger>;
  credentials: CredentialManager;
  pools: PoolRegistry;
  runner: QueryRunner;
  target: DbTarget;
  mint: MintCredential;
  dispose(): Promise<void>;
}

export function credentialRequests(emu: Emulator): number {
  return emu.requests({ method: "POST", pathPrefix: "/api/2.0/postgres/credentials" }).length;
}

export function makeMint(emu: Emulator, secrets: SecretRegistry, retry?: { maxAttempts: number }): MintCredential {
  const pat = emu.identities.user.pat;
  secrets.add(pat);
  const http = new WorkspaceHttpClient({
    host: emu.workspaceUrl,
    tls: emulatorTrust(emu),
    profileName: "emulator",
    tokenSource: { getToken: async () => ({ token: pat }), invalidate: () => undefined },
    secrets,
    retry: { baseDelayMs: 20, maxDelayMs: 200, minDelayMs: 10, ...retry },
  });
  const lakebase = new LakebaseClient(http);
  return mintWith(() => lakebase);
}

export function seededTarget(emu: Emulator): DbTarget {
  const seed = emu.postgres.seeded;
  if (!seed) throw new Error("start the emulator with seed: true");
  return { profile: "emulator", endpoint: seed.endpoint, host: seed.host, port: seed.port, database: seed.database, user: emu.identities.user.email };
}

/** `httpAttempts`: attempts of the HTTP client per credential request (1 = failures reach the manager). */
export function makeHarness(emu: Emulator, opts: { policy?: Partial<RefreshPolicy>; pool?: Partial<PoolSettings>; httpAttempts?: number; tls?: TlsTrust } = {}): Harness {
  const secrets = new SecretRegistry();
  const logger = memoryLogger(secrets);
  const mint = makeMint(emu, secrets, opts.httpAttempts ? { maxAttempts: opts.httpAttempts } : undefined);
  // The extension's own wiring (LakebaseServices builds its query path with buildQueryStack too).
  const stack = buildQueryStack({ mint, secrets, logger, policy: opts.policy, pool: opts.pool, tls: opts.tls ?? emulatorTrust(emu) });
  return { secrets, logger, mint, target: seededTarget(emu), ...stack };
}
