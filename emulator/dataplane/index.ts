/**
 * The Lakebase emulator's data plane: one embedded PostgreSQL cluster per
 * branch (created lazily from a template), and per endpoint a front door on
 * its own loopback address, port 5432, that logs people in with OAuth tokens.
 */
import { createHmac, randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { SecureContext } from "node:tls";
import { BranchStore } from "./branchStore";
import { ADMIN_USER, DEFAULT_DATABASE } from "./cluster";
import { FrontDoor, type BackendTarget } from "./frontDoor";
import { LoopbackAddresses } from "./loopbackAddresses";
import { locatePgBinaries } from "./pgBinaries";
import { createDatabaseOwnedBy, dropDatabaseForce, dropRoleEverywhere, ensureLoginRole, upsertRole, type RoleAttrs } from "./roleSql";
import { SUPERUSER_GROUP, buildTemplate } from "./template";
import { createWorkDirs, type WorkDirs } from "./workDirs";

export type TokenCheck = (token: string, pgUser: string, endpointName: string) => "ok" | "expired" | "unknown";
export interface DataPlaneOptions {
  rootDir: string;
  checkToken: TokenCheck;
  /**
   * The login role the control plane has on record for `user` on `branch` (the project
   * owner's, which Postgres gets at its first login). Identities with neither a Postgres role
   * nor a record are refused, as by the service. Default: none on record.
   */
  roleOnRecord?: (branch: string, user: string) => RoleAttrs | undefined;
  log?: (line: string) => void;
  /** Leave the data plane's files after stop() (for debugging; the caller cleans up). Default false. */
  keepData?: boolean;
  /**
   * Keep cluster data dirs on tmpfs (/dev/shm) instead of under rootDir; logs
   * stay under rootDir. Default true when /dev/shm has room
   * (env LAKEBASE_EMULATOR_PG_IN_MEMORY=0 turns it off).
   */
  inMemory?: boolean;
  /** The TLS certificate of a front door on this loopback IP; absent: front doors speak plain TCP. */
  tls?: (host: string) => Promise<SecureContext>;
}
export interface EndpointAddress { host: string; port: number }
export interface SuperuserConnection { host: string; port: number; user: string; password: string; database: string }
export type { RoleAttrs };
export interface DataPlane {
  start(): Promise<void>;
  /** `atTime`: the copy holds `copyFrom`'s data as of that moment (ISO time), not now. */
  createBranch(branch: string, opts?: { copyFrom?: string; atTime?: string }): Promise<{ lsn: string }>;
  deleteBranch(branch: string): Promise<void>;
  /** Stops the branch's Postgres and keeps its data (a soft-deleted branch); the next use starts it again. */
  stopBranch(branch: string): Promise<void>;
  /** The PostgreSQL major version every branch runs (after start()), e.g. 18. */
  postgresMajorVersion(): number;
  openEndpoint(endpoint: string, branch: string): Promise<EndpointAddress>;
  closeEndpoint(endpoint: string): Promise<void>;
  createDatabase(branch: string, postgresDatabase: string, ownerRole: string): Promise<void>;
  dropDatabase(branch: string, postgresDatabase: string): Promise<void>;
  createRole(branch: string, postgresRole: string, attrs: RoleAttrs): Promise<void>;
  dropRole(branch: string, postgresRole: string): Promise<void>;
  superuser(branch: string): Promise<SuperuserConnection>;
  dropAllSessions(): Promise<number>;
  /** Scales the endpoint's compute to zero: its sessions end; the next login waits wakeMs, reported through onWake. */
  suspendEndpoint(endpoint: string, wakeMs: number, onWake: (phase: "waking" | "awake") => void): Promise<number>;
  /** The first login to an endpoint idle for more than idleAfterMs (default 500) waits ms. */
  setColdStart(ms: number, idleAfterMs?: number): void;
  stop(): Promise<void>;
}

interface Endpoint { door: FrontDoor; branch: string; address: EndpointAddress }

export function createDataPlane(opts: DataPlaneOptions): DataPlane {
  const log = opts.log ?? (() => undefined);
  const secret = randomBytes(32);
  const rolePassword = (role: string): string => createHmac("sha256", secret).update(`role:${role}`).digest("base64url");
  const adminPassword = rolePassword(ADMIN_USER);
  const addresses = new LoopbackAddresses();
  const endpoints = new Map<string, Endpoint>();
  const cancelKeys = new Map<string, number>();
  const ensuring = new Map<string, Promise<void>>();
  let store: BranchStore | undefined;
  let dirs: WorkDirs | undefined;
  let stopped = false;
  let starting: Promise<void> | undefined;
  let coldStart = { ms: 0, idleAfterMs: 500 };
  let pgMajor: number | undefined;

  const branches = (): BranchStore => {
    if (stopped) throw new Error("the data plane is stopped");
    if (!store) throw new Error("the data plane is not started; call start() first");
    return store;
  };

  const cluster = async (branch: string) => (await branches().running(branch)).cluster;

  async function prepareBackend(branch: string, user: string, recheck: boolean): Promise<BackendTarget> {
    const { cluster: c, knownRoles } = await branches().running(branch);
    const password = rolePassword(user);
    if (recheck || !knownRoles.has(user)) {
      // Concurrent first logins of one identity share one CREATE ROLE.
      const key = `${branch}\0${user}`;
      let pending = ensuring.get(key);
      if (!pending) {
        pending = ensureLoginRole(c, user, password, opts.roleOnRecord?.(branch, user)).finally(() => ensuring.delete(key));
        ensuring.set(key, pending);
      }
      await pending;
      knownRoles.add(user);
    }
    return {
      port: c.port, password,
      terminate: async (pid) => { await c.query("SELECT pg_terminate_backend($1)", [pid]); },
    };
  }

  async function listenSomewhere(endpoint: string, door: FrontDoor): Promise<EndpointAddress> {
    for (const host of addresses.candidates(endpoint)) {
      for (const port of [5432, 0]) {
        try {
          const address = await door.listen(host, port);
          addresses.claim(endpoint, host);
          return address;
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (code === "EACCES" && port === 5432) continue; // not allowed to bind 5432: any port will do
          if (code === "EADDRINUSE" || code === "EADDRNOTAVAIL") break;
          throw err;
        }
      }
    }
    throw new Error(`no free loopback address for endpoint ${endpoint}`);
  }

  async function closeEndpoint(endpoint: string): Promise<void> {
    const ep = endpoints.get(endpoint);
    if (!ep) return;
    endpoints.delete(endpoint);
    await ep.door.close();
    addresses.release(ep.address.host);
  }

  return {
    start() {
      if (stopped) return Promise.reject(new Error("the data plane is stopped"));
      starting ??= (async () => {
        const started = Date.now();
        const bins = await locatePgBinaries();
        const preferMemory = opts.inMemory ?? process.env.LAKEBASE_EMULATOR_PG_IN_MEMORY !== "0";
        dirs = await createWorkDirs(opts.rootDir, bins.runAs !== undefined, preferMemory);
        const template = await buildTemplate(dirs.data, bins, adminPassword, join(dirs.logs, "template.log"));
        // PG_VERSION holds the major version initdb wrote ("18"): what the API's pg_version reports.
        pgMajor = Number((await readFile(join(template.dataDir, "PG_VERSION"), "utf8")).trim());
        store = new BranchStore({ dataDir: dirs.data, logDir: dirs.logs, bins, template, adminPassword, log });
        log(`data plane: template ready in ${Date.now() - started} ms; data in ${dirs.data}, logs in ${dirs.logs}`);
      })();
      return starting;
    },

    createBranch: async (branch, o) => branches().create(branch, o?.copyFrom, o?.atTime),

    async deleteBranch(branch) {
      for (const [name, ep] of endpoints) if (ep.branch === branch) await closeEndpoint(name);
      await branches().delete(branch);
    },

    async stopBranch(branch) {
      for (const [name, ep] of endpoints) if (ep.branch === branch) await closeEndpoint(name);
      await branches().stop(branch);
    },

    postgresMajorVersion() {
      if (pgMajor === undefined) throw new Error("the data plane is not started; call start() first");
      return pgMajor;
    },

    async openEndpoint(endpoint, branch) {
      if (!branches().has(branch)) throw new Error(`branch ${branch} does not exist in the data plane`);
      const existing = endpoints.get(endpoint);
      if (existing?.branch === branch) return existing.address;
      if (existing) await closeEndpoint(endpoint);
      const door = new FrontDoor({
        endpoint,
        checkToken: opts.checkToken,
        prepareBackend: (user, recheck) => prepareBackend(branch, user, recheck),
        isReservedRole: (user) => user === ADMIN_USER || user === SUPERUSER_GROUP || user.startsWith("pg_"),
        coldStart: () => coldStart,
        cancelKeys,
        tls: opts.tls,
        log,
      });
      const address = await listenSomewhere(endpoint, door);
      endpoints.set(endpoint, { door, branch, address });
      return address;
    },

    closeEndpoint,

    async createDatabase(branch, database, ownerRole) {
      const c = await cluster(branch);
      await ensureLoginRole(c, ownerRole, rolePassword(ownerRole), opts.roleOnRecord?.(branch, ownerRole));
      await createDatabaseOwnedBy(c, database, ownerRole);
    },

    async dropDatabase(branch, database) {
      await dropDatabaseForce(await cluster(branch), database);
    },

    async createRole(branch, role, attrs) {
      const { cluster: c, knownRoles } = await branches().running(branch);
      await upsertRole(c, role, attrs, rolePassword(role));
      knownRoles.add(role);
    },

    async dropRole(branch, role) {
      const { cluster: c, knownRoles } = await branches().running(branch);
      await dropRoleEverywhere(c, role);
      knownRoles.delete(role);
    },

    async superuser(branch) {
      const c = await cluster(branch);
      return { host: "127.0.0.1", port: c.port, user: ADMIN_USER, password: adminPassword, database: DEFAULT_DATABASE };
    },

    async dropAllSessions() {
      const counts = await Promise.all([...endpoints.values()].map((ep) => ep.door.dropSessions()));
      return counts.reduce((a, b) => a + b, 0);
    },

    async suspendEndpoint(endpoint, wakeMs, onWake) {
      const ep = endpoints.get(endpoint);
      if (!ep) throw new Error(`endpoint ${endpoint} is not open in the data plane`);
      return ep.door.suspend(wakeMs, onWake);
    },

    setColdStart(ms, idleAfterMs = 500) {
      coldStart = { ms: Math.max(0, ms), idleAfterMs };
    },

    async stop() {
      if (stopped) return;
      stopped = true;
      await starting?.catch(() => undefined); // a half-done start() must not leave files or processes behind
      await Promise.all([...endpoints.keys()].map(closeEndpoint));
      await store?.stopAll();
      if (dirs && !opts.keepData) await dirs.remove();
      log("data plane: stopped");
    },
  };
}
