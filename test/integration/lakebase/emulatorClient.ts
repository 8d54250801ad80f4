import pg from "pg";
import { PatTokenSource } from "../../../src/core/auth/patTokenSource";
import { WorkspaceHttpClient } from "../../../src/core/http/workspaceClient";
import { LakebaseClient, type LakebaseClientOptions } from "../../../src/core/lakebase/client";
import { endpointHost } from "../../../src/core/lakebase/describe";
import { collect } from "../../../src/core/lakebase/paging";
import type { DatabaseRef } from "../../../src/core/explorer/schemaReader";
import type { DataPlaneFactory } from "../../../emulator/dataPlanePort";
import type { Emulator } from "../../../emulator/index";
import { emulatorTrust, emuSsl } from "../../support/emulator";

/**
 * The client as the extension builds it: the real workspace HTTP client (auth, retries, typed
 * errors) with the emulator user's PAT. Short retry delays keep fault tests quick.
 */
export function lakebaseClient(emu: Emulator, opts: LakebaseClientOptions = {}, token = emu.identities.user.pat): LakebaseClient {
  const http = new WorkspaceHttpClient({
    host: emu.workspaceUrl,
    tls: emulatorTrust(emu),
    profileName: "emulator",
    tokenSource: new PatTokenSource(token),
    retry: { baseDelayMs: 20, maxDelayMs: 200, maxRetryAfterMs: 200 },
    timeoutMs: 20_000,
  });
  return new LakebaseClient(http, { pollBackoff: { initialMs: 5, maxMs: 40, factor: 2 }, ...opts });
}

/**
 * A data plane that runs no Postgres, for suites that only exercise the REST control plane
 * (e.g. 105 projects for pagination), so they don't start a Postgres cluster per branch.
 */
export const controlPlaneOnly: DataPlaneFactory = () => {
  let next = 1;
  const addresses = new Map<string, { host: string; port: number }>();
  return {
    start: async () => undefined,
    createBranch: async () => ({ lsn: "0/1A2B3C4" }),
    deleteBranch: async () => undefined,
    stopBranch: async () => undefined,
    suspendEndpoint: async () => 0,
    postgresMajorVersion: () => 18,
    openEndpoint: async (endpoint) => {
      const addr = addresses.get(endpoint) ?? { host: `127.77.${Math.floor(next / 250)}.${(next++ % 250) + 1}`, port: 5432 };
      addresses.set(endpoint, addr);
      return addr;
    },
    closeEndpoint: async (endpoint) => void addresses.delete(endpoint),
    createDatabase: async () => undefined,
    dropDatabase: async () => undefined,
    createRole: async () => undefined,
    dropRole: async () => undefined,
    superuser: async () => {
      throw new Error("controlPlaneOnly: this suite runs no Postgres");
    },
    dropAllSessions: async () => 0,
    setColdStart: () => undefined,
    stop: async () => undefined,
  };
};

/**
 * pg pools through the emulator's front door, one per database, logging in with a fresh Lakebase
 * credential (password callback, like the official driver) as the emulator user. This is the
 * test's own stand-in for the pool registry that backs the explorer in the extension.
 */
export function credentialPools(emu: Emulator, client: LakebaseClient): { connect(ref: DatabaseRef): Promise<pg.Pool>; end(): Promise<void> } {
  const pools = new Map<string, Promise<pg.Pool>>();
  const open = async (ref: DatabaseRef): Promise<pg.Pool> => {
    const endpoints = await collect(client.listEndpoints(ref.branchName));
    const rw = endpoints.find((e) => e.status?.endpoint_type === "ENDPOINT_TYPE_READ_WRITE");
    const host = rw && endpointHost(rw);
    const addr = rw && emu.postgres.endpoint(rw.name);
    if (!rw || !host || !addr) throw new Error(`No open read-write endpoint on ${ref.branchName}`);
    const pool = new pg.Pool({
      host,
      ssl: emuSsl(emu, host),
      port: addr.port,
      user: emu.identities.user.email,
      database: ref.postgresDatabase,
      password: async () => (await client.generateCredential(rw.name)).token,
      max: 2,
    });
    // An idle connection dropped by the server (emulator stopping) must not crash the run.
    pool.on("error", () => undefined);
    return pool;
  };
  return {
    connect(ref) {
      let p = pools.get(ref.databaseName);
      if (!p) pools.set(ref.databaseName, (p = open(ref)));
      return p;
    },
    async end() {
      for (const p of pools.values()) await (await p.catch(() => undefined))?.end();
      pools.clear();
    },
  };
}
