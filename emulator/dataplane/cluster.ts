/**
 * One running PostgreSQL cluster (a data dir + a postmaster on a loopback
 * port) and a superuser client for administrative SQL.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import pg from "pg";
import type { PgBinaries } from "./pgBinaries";
import { trackProcess } from "./processRegistry";

export const ADMIN_USER = "lakebase_emulator_admin";
export const DEFAULT_DATABASE = "databricks_postgres";

export interface ClusterOptions {
  dataDir: string;
  logFile: string;
  bins: PgBinaries;
  adminPassword: string;
  /** Completed WAL segments are copied here (archive_mode): the branch's history, for point-in-time branches. */
  archiveDir?: string;
}

/** Archive recovery for one start: WAL from these archives (first match wins), up to `targetTime`, then promote. */
export interface RecoveryTarget { archives: string[]; targetTime: string }

export class Cluster {
  port = 0;
  private child: ChildProcess | undefined;
  private admin: pg.Pool | undefined;
  private exited: Promise<void> = Promise.resolve();

  constructor(readonly opts: ClusterOptions) {}

  get running(): boolean {
    return this.child !== undefined;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(recovery?: RecoveryTarget): Promise<void> {
    let lastError: Error | undefined;
    for (let attempt = 0; attempt < 5; attempt++) {
      this.port = await freePort();
      try {
        await this.spawnAndWait(recovery);
        return;
      } catch (err) {
        lastError = err as Error;
        // Another process may have taken the port between probe and bind.
        if (!/could not (bind|create listen)|Address already in use/i.test(lastError.message)) break;
      }
    }
    throw lastError ?? new Error("PostgreSQL did not start");
  }

  private async spawnAndWait(recovery?: RecoveryTarget): Promise<void> {
    const { bins, dataDir, logFile } = this.opts;
    const logFd = openSync(logFile, "a");
    const child = spawn(
      bins.postgres,
      ["-D", dataDir, "-p", String(this.port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", ...walArgs(this.opts.archiveDir, recovery)],
      { stdio: ["ignore", logFd, logFd], ...(bins.runAs ?? {}), env: { ...process.env, LC_MESSAGES: "C" } },
    );
    closeSync(logFd);
    trackProcess(child);
    this.child = child;
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
    let exitInfo: string | undefined;
    child.once("exit", (code, signal) => {
      exitInfo = `exit code ${code ?? "null"}, signal ${signal ?? "null"}`;
      if (this.child === child) this.child = undefined;
      const admin = this.admin;
      this.admin = undefined;
      admin?.end().catch(() => undefined);
    });
    child.once("error", (err) => { exitInfo = err.message; });
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (exitInfo !== undefined) {
        throw new Error(`PostgreSQL in ${dataDir} failed to start (${exitInfo}): ${await this.logTail()}`);
      }
      if (await this.isReady()) return;
      if (Date.now() > deadline) {
        await this.stop();
        throw new Error(`PostgreSQL in ${dataDir} did not become ready within 30 s: ${await this.logTail()}`);
      }
      await sleep(5);
    }
  }

  /** The postmaster writes "ready" into line 8 of postmaster.pid (what pg_ctl -w polls). */
  private async isReady(): Promise<boolean> {
    try {
      const lines = (await readFile(join(this.opts.dataDir, "postmaster.pid"), "utf8")).split("\n");
      return Number(lines[0]) === this.child?.pid && lines[7]?.trim() === "ready";
    } catch {
      return false;
    }
  }

  async logTail(): Promise<string> {
    try {
      return (await readFile(this.opts.logFile, "utf8")).split("\n").slice(-12).join("\n");
    } catch {
      return "(no log)";
    }
  }

  /** Superuser pool on databricks_postgres for administrative SQL. */
  private adminPool(): pg.Pool {
    if (!this.running) throw new Error("cluster is not running");
    if (!this.admin) {
      this.admin = new pg.Pool({
        host: "127.0.0.1", port: this.port, user: ADMIN_USER, password: this.opts.adminPassword, database: DEFAULT_DATABASE,
        application_name: "lakebase-emulator", max: 4, idleTimeoutMillis: 5_000, allowExitOnIdle: true,
      });
      this.admin.on("error", () => undefined); // an idle admin connection was terminated: the pool replaces it
    }
    return this.admin;
  }

  async connectAdmin(database: string): Promise<pg.Client> {
    if (!this.running) throw new Error("cluster is not running");
    const client = new pg.Client({
      host: "127.0.0.1", port: this.port, user: ADMIN_USER, password: this.opts.adminPassword, database,
      application_name: "lakebase-emulator",
    });
    await client.connect();
    return client;
  }

  async query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    return this.adminPool().query<R>(sql, params);
  }

  /** Fast shutdown: sessions are terminated, then a shutdown checkpoint. */
  async stop(): Promise<void> {
    const child = this.child;
    const admin = this.admin;
    this.admin = undefined;
    if (admin) await admin.end().catch(() => undefined);
    if (!child) return;
    child.kill("SIGINT");
    const timer = setTimeout(() => child.kill("SIGQUIT"), 10_000);
    await this.exited;
    clearTimeout(timer);
    this.child = undefined;
  }
}

const shq = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

/** `2026-12-01 23:01:56.297+00`: the form recovery_target_time's check accepts (not ISO's T…Z). */
function pgTimestamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new Error(`not a time: ${iso}`);
  return `${d.toISOString().replace("T", " ").replace("Z", "")}+00`;
}

function walArgs(archiveDir: string | undefined, recovery: RecoveryTarget | undefined): string[] {
  const args: string[] = [];
  if (archiveDir) args.push("-c", "archive_mode=on", "-c", `archive_command=test ! -f ${shq(archiveDir)}/%f && cp %p ${shq(archiveDir)}/%f`);
  if (recovery) {
    const fetch = recovery.archives.map((d) => `test -f ${shq(d)}/%f && exec cp ${shq(d)}/%f %p;`).join(" ");
    args.push("-c", `restore_command=${fetch} exit 1`, "-c", `recovery_target_time=${pgTimestamp(recovery.targetTime)}`, "-c", "recovery_target_action=promote");
  }
  return args;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
