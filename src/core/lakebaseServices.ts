import type { Clock } from "./credentials/clock";
import type { CredentialManager } from "./credentials/credentialManager";
import type { PoolRegistry } from "./db/poolRegistry";
import type { QueryRunner } from "./db/queryRunner";
import { buildQueryStack, mintWith } from "./queryStack";
import type { DbTarget } from "./db/types";
import { UserFacingError } from "./errors";
import { LakebaseClient } from "./lakebase/client";
import { SecretRegistry, silentLogger, type Logger } from "./log";
import { ProfileService, type ProfileServiceOptions } from "./profiles/profileService";
import { sslModeFor } from "./db/ssl";
import { TargetStore, type KeyValueStore, type WorkspaceTarget } from "./target/targetStore";
import type { TargetSession } from "./target/targetSession";
import { TargetSessions } from "./target/targetSessions";
import type { ResolvedTarget } from "./target/resolvedTarget";
import { TlsTrust, type TlsOptions } from "./tlsTrust";
import { ComputeTracker } from "./compute/computeTracker";

export interface LakebaseServicesOptions {
  profiles: ProfileServiceOptions;
  /** Per-workspace persistence (the shell passes workspaceState). */
  workspaceStore: KeyValueStore;
  logger?: Logger & { child?(tag: string): Logger };
  secrets?: SecretRegistry;
  /** How long before expiry the background refresher renews a credential. */
  refreshBeforeExpiryMs?: number;
  /** Wall clock of the credential manager (default the system clock; the soak jumps it forward). */
  clock?: Clock;
  /** Certificate trust for every TLS connection (workspace REST, Postgres, cancel): `lakebase.extraCaFile`. */
  tls?: TlsOptions;
}

export type { ResolvedTarget } from "./target/resolvedTarget";

/**
 * The core services wired together, with no editor in sight: the extension's
 * composition root, the benchmarks and scripts all build this one object.
 */
export class LakebaseServices {
  readonly secrets: SecretRegistry;
  readonly logger: Logger;
  readonly targets: TargetStore;
  readonly credentials: CredentialManager;
  readonly pools: PoolRegistry;
  readonly runner: QueryRunner;
  /** Target lifetime: per folder, the selected target's credential lease, pool and keep-fresh, released when the target changes. */
  readonly sessions: TargetSessions;
  /** The CAs every connection trusts; `tls.setExtraCaFile()` applies a changed setting to new connections. */
  readonly tls: TlsTrust;
  /** Each endpoint's compute state (active, idle, waking…), followed through the pools' connections. */
  readonly compute: ComputeTracker;
  private readonly clients = new Map<string, LakebaseClient>();

  private constructor(readonly profiles: ProfileService, opts: LakebaseServicesOptions, tls: TlsTrust) {
    this.tls = tls;
    this.secrets = opts.secrets ?? new SecretRegistry();
    this.logger = opts.logger ?? silentLogger;
    const child = (tag: string) => opts.logger?.child?.(tag) ?? this.logger;
    this.targets = new TargetStore(opts.workspaceStore);
    // The same wiring the benchmarks and integration harnesses build (src/core/queryStack.ts).
    const stack = buildQueryStack({
      mint: mintWith((profile) => this.lakebase(profile)),
      secrets: this.secrets,
      logger: opts.logger ?? this.logger,
      policy: opts.refreshBeforeExpiryMs !== undefined ? { refreshBeforeMs: opts.refreshBeforeExpiryMs } : undefined,
      clock: opts.clock,
      tls,
    });
    this.credentials = stack.credentials;
    this.pools = stack.pools;
    this.runner = stack.runner;
    this.compute = new ComputeTracker({ readEndpoint: (profile, endpoint) => this.lakebase(profile).getEndpoint(endpoint) });
    this.pools.on("connecting", ({ target }) => void this.compute.connecting(target));
    this.pools.on("waking", ({ target }) => this.compute.waking(target));
    this.pools.on("connected", ({ target }) => this.compute.connected(target));
    this.pools.on("connectFailed", ({ target }) => this.compute.failed(target));
    this.sessions = new TargetSessions({
      targets: this.targets,
      resolveTarget: (t, signal) => this.resolveTarget(t, signal),
      credentials: this.credentials,
      pools: this.pools,
      logger: child("targets"),
    });
    // A changed config file may change a profile's host or auth: drop cached clients.
    // A credential stopped by 401/403 may work again after that, or after a sign-in (the profile validates).
    profiles.onDidChange((change) => {
      if (change.kind === "reloaded") {
        this.clients.clear();
        this.credentials.resume();
      } else if (change.profile && profiles.get(change.profile)?.state === "valid") {
        this.credentials.resume(change.profile);
      }
    });
  }

  static async create(opts: LakebaseServicesOptions): Promise<LakebaseServices> {
    const secrets = opts.secrets ?? new SecretRegistry();
    const tls = new TlsTrust(opts.tls?.extraCaFile);
    const http = { tls, ...opts.profiles.http };
    const profiles = await ProfileService.create({ ...opts.profiles, http, secrets, logger: opts.logger?.child?.("profiles") ?? opts.logger });
    return new LakebaseServices(profiles, { ...opts, secrets }, tls);
  }

  /** The Lakebase REST client for a profile (one per profile, reused). */
  lakebase(profile: string): LakebaseClient {
    let client = this.clients.get(profile);
    if (!client) {
      client = new LakebaseClient(this.profiles.http(profile), { logger: this.logger });
      this.clients.set(profile, client);
    }
    return client;
  }

  /** The folder's target, with the Postgres user resolved from the profile's identity. Opens its session. */
  async resolve(folder: string, signal?: AbortSignal): Promise<ResolvedTarget> {
    return (await this.session(folder, signal)).resolved;
  }

  /** The folder's target session (lease, pool, keep-fresh), opened on first use; throws the actionable error without a target. */
  async session(folder: string, signal?: AbortSignal): Promise<TargetSession> {
    const session = await this.sessions.open(folder, signal);
    if (!session) {
      throw new UserFacingError("No Lakebase target is selected for this workspace. Pick an endpoint in the Lakebase explorer (Use for This Workspace) or run \"Lakebase: Select Target\".", [
        { title: "Select Target", command: "lakebase.target.select" },
      ], "info");
    }
    return session;
  }

  async resolveTarget(target: WorkspaceTarget, signal?: AbortSignal): Promise<ResolvedTarget> {
    const identity = await this.profiles.identity(target.profile, { signal });
    const db: DbTarget = { profile: target.profile, endpoint: target.endpoint, host: target.host, port: 5432, database: target.database, user: identity.postgresUser };
    return {
      target,
      db,
      credentialKey: this.pools.keyOf(db),
      connection: { host: target.host, port: 5432, database: target.database, user: identity.postgresUser, sslMode: sslModeFor(target.host), extraCaFile: this.tls.file },
    };
  }

  async dispose(): Promise<void> {
    await this.sessions.dispose();
    this.credentials.dispose();
    await this.pools.dispose();
    this.profiles.dispose();
  }
}
