import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SecureContext } from "node:tls";
import { adminRoutes } from "./api/admin";
import { loginRoleOnRecord } from "./api/loginRoles";
import { createBranchReaper } from "./api/branchReaper";
import { branchRoutes } from "./api/branches";
import { credentialRoutes } from "./api/credentials";
import { databaseRoutes } from "./api/databases";
import { endpointRoutes } from "./api/endpoints";
import { operationRoute } from "./api/operationsRoute";
import { projectRoutes } from "./api/projects";
import { roleRoutes } from "./api/roles";
import { UnifiedHostRouter, WORKSPACE_ID, workspaceRoutes } from "./api/workspace";
import { AuthStore, type Identities } from "./auth";
import { writeConfigFile } from "./configFile";
import { createSerializer, type ControlPlane } from "./controlPlane";
import type { DataPlane, DataPlaneFactory, EndpointAddress, SuperuserConnection, TokenCheck } from "./dataPlanePort";
import { suspendEndpoint } from "./api/suspend";
import { defaultDataPlaneFactory } from "./defaultDataPlane";
import { createEmulatorFaults, type EmulatorFaults } from "./emulatorFaults";
import { FaultState } from "./faultState";
import { RequestLog, type RequestLogEntry } from "./http/requestLog";
import { Router } from "./http/router";
import { startHttpServer } from "./http/server";
import { Operations } from "./operations";
import { restoreEndpoints } from "./restore";
import { seedDemo, type SeedResult } from "./seed";
import { State } from "./state";
import { createEmulatorCa, type EmulatorCa } from "./tls";

export type { EmulatorFaults } from "./emulatorFaults";
export type { Identities } from "./auth";
export type { RequestLogEntry } from "./http/requestLog";

export interface EmulatorOptions {
  /** HTTP port on 127.0.0.1; default a free one. */
  port?: number;
  /** Keeps control-plane state, identities and Postgres data here across restarts; default a temp dir removed on stop. */
  dataDir?: string;
  /** Where to write the Databricks config file; default `<dataDir>/databrickscfg`. */
  configFile?: string;
  /** Create the sample project `demo-app` (branches production and dev, tables with rows). */
  seed?: boolean;
  /** Default lifetime of database credentials (s); default 3600. Test-only shortening. */
  credentialTtlSeconds?: number;
  /** Lifetime of workspace OAuth tokens (s); default 3600. */
  workspaceTokenLifetimeSeconds?: number;
  /** Operations answer done:false for this many polls (default 1) and at least operationMinMs (default 0). */
  operationPolls?: number;
  operationMinMs?: number;
  /** How often branches past their expire_time are removed (ms); default 1000. */
  branchReapIntervalMs?: number;
  log?: (line: string) => void;
  /** Wall clock for token and credential expiry (default Date.now); the soak moves it forward like a laptop sleep. */
  now?: () => number;
  /** For tests of the control plane alone. */
  dataPlaneFactory?: DataPlaneFactory;
  /**
   * Behave like a unified (single-URL) host: OAuth only at the account form
   * (`/oidc/accounts/<account>/…`), and workspace calls need `X-Databricks-Workspace-Id`.
   */
  unifiedHost?: boolean;
  /**
   * TLS like the service (default true): REST over https:// and front doors that require SSL,
   * with certificates from a CA made for this run (`caFile`). false: plain HTTP and TCP, for a
   * test that asks for it.
   */
  tls?: boolean;
}

export interface Emulator {
  /** http://127.0.0.1:PORT, the `host` of the config profiles. */
  workspaceUrl: string;
  configFile: string;
  /** PEM file of this run's CA (absent with tls: false): what clients trust, e.g. the `lakebase.extraCaFile` setting. */
  caFile?: string;
  /** The same CA certificate as PEM text. */
  caPem?: string;
  identities: Identities;
  faults: EmulatorFaults;
  postgres: {
    /** The front door of an endpoint (resource name), while it is open. */
    endpoint(endpointName: string): EndpointAddress | undefined;
    /** Direct backend access for a branch (resource name), bypassing the front door. */
    superuser(branchName: string): Promise<SuperuserConnection>;
    /** Set when started with seed: the sample project's production endpoint. */
    seeded?: SeedResult;
  };
  /** The front door's token check (exposed for tests). */
  checkToken: TokenCheck;
  requests(filter?: { method?: string; pathPrefix?: string }): RequestLogEntry[];
  clearRequests(): void;
  stop(): Promise<void>;
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const log = opts.log ?? (() => undefined);
  const tempDir = opts.dataDir ? undefined : mkdtempSync(join(tmpdir(), "lakebase-emulator-"));
  const dataDir = opts.dataDir ?? tempDir!;
  mkdirSync(join(dataDir, "postgres"), { recursive: true });
  const stateFile = join(dataDir, "control-plane.json");
  const identitiesFile = join(dataDir, "identities.json");
  const restored = opts.dataDir ? State.load(stateFile) : undefined;
  const auth = new AuthStore({ identities: opts.dataDir ? loadIdentities(identitiesFile) : undefined, workspaceTokenLifetimeSeconds: opts.workspaceTokenLifetimeSeconds, now: opts.now });
  if (opts.dataDir) writeFileSync(identitiesFile, JSON.stringify(auth.identities, null, 1), { mode: 0o600 });

  const state = restored ?? new State();
  const timing = { polls: opts.operationPolls ?? 1, minMs: opts.operationMinMs ?? 0 };
  const ops = new Operations({ ...timing });
  const faults = new FaultState();
  const checkToken: TokenCheck = (token, pgUser, endpointName) => auth.checkCredential(token, pgUser, endpointName);
  let ca: EmulatorCa | undefined;
  try {
    ca = opts.tls === false ? undefined : await createEmulatorCa(join(dataDir, "tls"));
  } catch (err) {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    throw new Error(`Could not create the emulator's TLS certificates: ${(err as Error).message}`);
  }
  const doorContexts = new Map<string, Promise<SecureContext>>();
  const doorTls = ca && ((host: string): Promise<SecureContext> => {
    // Loopback IPs come back when endpoints reopen: one certificate per IP for the whole run.
    let ctx = doorContexts.get(host);
    if (!ctx) {
      ctx = ca.issue([host]).then((c) => c.context);
      ctx.catch(() => doorContexts.delete(host));
      doorContexts.set(host, ctx);
    }
    return ctx;
  });
  const dataPlane: DataPlane = (opts.dataPlaneFactory ?? defaultDataPlaneFactory)({ rootDir: join(dataDir, "postgres"), checkToken, roleOnRecord: (branch, user) => loginRoleOnRecord(state, branch, user), tls: doorTls, log: (l) => log(`[dataplane] ${l}`) });

  let saveTimer: NodeJS.Timeout | undefined;
  const save = () => {
    saveTimer = undefined;
    if (opts.dataDir) state.save(stateFile);
  };
  const cp: ControlPlane = {
    state,
    ops,
    dataPlane,
    auth,
    faults,
    credentialTtlSeconds: opts.credentialTtlSeconds ?? 3600,
    changed: () => {
      if (opts.dataDir && !saveTimer) saveTimer = setTimeout(save, 50);
    },
    log,
    serialize: createSerializer(),
  };
  const emulatorFaults = createEmulatorFaults({ faults, auth, ops, dataPlane, defaults: { ...timing, workspaceTokenLifetimeSeconds: auth.workspaceTokenLifetimeSeconds } });

  const api = opts.unifiedHost ? new UnifiedHostRouter(WORKSPACE_ID) : new Router();
  const open = new Router();
  const admin = new Router();
  const requestLog = new RequestLog();
  const base = "/api/2.0/postgres";
  let workspaceUrl = "";
  workspaceRoutes(auth, api, open, () => workspaceUrl, { unifiedHost: opts.unifiedHost });
  projectRoutes(cp, api, base);
  branchRoutes(cp, api, base);
  endpointRoutes(cp, api, base);
  databaseRoutes(cp, api, base);
  roleRoutes(cp, api, base);
  credentialRoutes(cp, api, base);
  operationRoute(ops, api, base);
  adminRoutes(admin, { faults: emulatorFaults, requestLog, state, suspendEndpoint: (name, wakeMs) => suspendEndpoint(cp, name, wakeMs) });

  try {
    await dataPlane.start();
  } catch (err) {
    await dataPlane.stop().catch(() => undefined);
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    throw new Error(`Could not start the emulator's Postgres data plane: ${(err as Error).message}`);
  }
  let http;
  try {
    const restCert = ca && await ca.issue(["127.0.0.1", "localhost"]);
    http = await startHttpServer({ api, open, admin, auth, faults, requestLog, log }, opts.port ?? 0, restCert && { key: restCert.key, cert: restCert.chain });
  } catch (err) {
    await dataPlane.stop();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(code === "EADDRINUSE" ? `Port ${opts.port} is already in use; choose another with --port or omit it for a free port.` : `Could not start the emulator: ${(err as Error).message}`);
  }
  workspaceUrl = http.url;
  const reaper = createBranchReaper(cp, opts.branchReapIntervalMs ?? 1000);
  const configFile = opts.configFile ?? join(dataDir, "databrickscfg");
  writeConfigFile(configFile, workspaceUrl, auth.identities);
  log(`workspace listening on ${workspaceUrl}`);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await http.close();
    await reaper.stop();
    await ops.settle();
    if (saveTimer) {
      clearTimeout(saveTimer);
      save();
    }
    await dataPlane.stop();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  };

  const emulator: Emulator = {
    workspaceUrl,
    configFile,
    caFile: ca?.caFile,
    caPem: ca?.caPem,
    identities: auth.identities,
    faults: emulatorFaults,
    postgres: {
      endpoint: (name) => state.endpoints.get(name)?._address,
      superuser: (branch) => dataPlane.superuser(branch),
    },
    checkToken,
    requests: (filter) => requestLog.list(filter),
    clearRequests: () => requestLog.clear(),
    stop,
  };
  try {
    if (restored) await restoreEndpoints(cp);
    if (opts.seed) emulator.postgres.seeded = await seedDemo(emulator, dataPlane);
  } catch (err) {
    await stop();
    throw err;
  }
  // After restore: a branch that expired while the emulator was down goes now, not mid-restore.
  reaper.start();
  return emulator;
}

function loadIdentities(file: string): Identities | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Identities;
  } catch {
    return undefined;
  }
}
