/**
 * Shared set-up for data plane integration tests: a real data plane over
 * embedded PostgreSQL, with a small in-test token table standing in for the
 * control plane's credential store.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { createDataPlane, type DataPlane, type EndpointAddress, type RoleAttrs } from "../../../emulator/dataplane/index";

export type Verdict = "ok" | "expired" | "unknown";

export class TokenTable {
  private readonly tokens = new Map<string, { user: string; expired: boolean }>();
  readonly checks: Array<{ user: string; endpoint: string }> = [];
  issue(token: string, user: string): string {
    this.tokens.set(token, { user, expired: false });
    return token;
  }
  expire(token: string): void {
    const t = this.tokens.get(token);
    if (t) t.expired = true;
  }
  check = (token: string, user: string, endpoint: string): Verdict => {
    this.checks.push({ user, endpoint });
    const t = this.tokens.get(token);
    if (!t || t.user !== user) return "unknown";
    return t.expired ? "expired" : "ok";
  };
}

/**
 * The control plane's role records, as far as the data plane asks: the project owner's role is
 * on record from project creation (made in Postgres at its first login). By default
 * dev@example.com owns every branch; `setOwner` changes that for one branch.
 */
export class RoleRecords {
  private readonly owners = new Map<string, string>();
  setOwner(branch: string, user: string): void {
    this.owners.set(branch, user);
  }
  lookup = (branch: string, user: string): RoleAttrs | undefined =>
    (this.owners.get(branch) ?? "dev@example.com") === user ? { login: true, superuserMember: true } : undefined;
}

export interface Harness {
  dp: DataPlane;
  tokens: TokenTable;
  roles: RoleRecords;
  rootDir: string;
  logs: string[];
  /** Where the cluster data dirs live (tmpfs or under rootDir), from the start-up log line. */
  dataDir: string;
  dispose(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const rootDir = mkdtempSync(join(tmpdir(), "dataplane-test-"));
  const tokens = new TokenTable();
  const roles = new RoleRecords();
  const logs: string[] = [];
  const dp = createDataPlane({ rootDir, checkToken: tokens.check, roleOnRecord: roles.lookup, log: (l) => logs.push(l) });
  await dp.start();
  const dataDir = logs.map((l) => /data in (\S+),/.exec(l)?.[1]).find(Boolean);
  if (!dataDir) throw new Error(`start-up log does not name the data dir: ${logs.join("\n")}`);
  return {
    dp, tokens, roles, rootDir, logs, dataDir,
    async dispose() {
      await dp.stop();
      rmSync(rootDir, { recursive: true, force: true });
    },
  };
}

/**
 * A data plane for one describe block with one branch and its primary endpoint open
 * (registers before/after). The getters are valid inside tests and later hooks.
 */
export function useBranchEndpoint(branch: string): { h(): Harness; addr(): EndpointAddress } {
  let h: Harness | undefined;
  let addr: EndpointAddress | undefined;
  before(async () => {
    h = await startHarness();
    await h.dp.createBranch(branch);
    addr = await h.dp.openEndpoint(`${branch}/endpoints/primary`, branch);
  });
  after(async () => { await h?.dispose(); });
  return { h: () => h!, addr: () => addr! };
}

export function clientFor(addr: EndpointAddress, user: string, password: string, database = "databricks_postgres", extra: pg.ClientConfig = {}): pg.Client {
  const c = new pg.Client({ host: addr.host, port: addr.port, user, password, database, connectionTimeoutMillis: 20_000, ...extra });
  c.on("error", () => undefined); // asserted through query/connect rejections instead
  return c;
}

export async function connected(addr: EndpointAddress, user: string, password: string, database?: string): Promise<pg.Client> {
  const c = clientFor(addr, user, password, database);
  await c.connect();
  return c;
}

/** Postgres processes whose command line mentions this directory. */
export function postgresProcessesUnder(dir: string): string[] {
  const out = execFileSync("ps", ["-eo", "pid,args"], { encoding: "utf8" });
  return out.split("\n").filter((l) => l.includes(dir) && /postgres/.test(l) && !l.includes("ps -eo"));
}

export async function rejection(p: Promise<unknown>): Promise<Error & { code?: string; hint?: string }> {
  try {
    await p;
  } catch (err) {
    return err as Error & { code?: string; hint?: string };
  }
  throw new Error("expected the promise to reject");
}
