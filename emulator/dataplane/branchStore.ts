/**
 * Branch records and their clusters. A branch costs nothing until something
 * needs its data (a login, a role, a database, a copy): then its data dir is
 * materialized from the template and its postmaster started.
 */
import { createHash } from "node:crypto";
import { chown, mkdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { coldCopy, onlineCopy } from "./branchCopy";
import { Cluster, sleep, type RecoveryTarget } from "./cluster";
import type { PgBinaries } from "./pgBinaries";
import type { Template } from "./template";

interface Branch {
  name: string;
  dataDir: string;
  logFile: string;
  /** Whether dataDir exists; until then the branch's data is the template. */
  materialized: boolean;
  cluster: Cluster | undefined;
  /** Serializes materialize / start / copy / delete for this branch. */
  lock: Promise<unknown>;
  /** Roles whose internal password is known to be set on this cluster. */
  knownRoles: Set<string>;
  /** The branch's archived WAL (its history since it was copied). */
  archiveDir: string;
  /** The branch it was copied from: its history before the copy is there (and further up). */
  parent?: Branch;
  /** Set until the first start: recover from the template up to a point in time instead. */
  recovery?: RecoveryTarget;
}

/** How many template copies wait ready for the next lazily materialized branches. */
const SPARE_DATA_DIRS = 2;

export interface StoreDeps {
  /** Parent of clusters/ (data dirs). */
  dataDir: string;
  logDir: string;
  bins: PgBinaries;
  template: Template;
  adminPassword: string;
  log(line: string): void;
}

export class BranchStore {
  private readonly branches = new Map<string, Branch>();
  private counter = 0;
  /** Ready copies of the template, so materializing is a rename; refilled in the background. */
  private readonly spares: Array<Promise<string | undefined>> = [];
  private readonly copies = new Set<Promise<unknown>>();
  private stopping = false;

  constructor(private readonly deps: StoreDeps) {
    this.refillSpares();
  }

  private refillSpares(): void {
    while (this.spares.length < SPARE_DATA_DIRS && !this.stopping) {
      const dir = join(this.deps.dataDir, "clusters", `spare-${++this.counter}`);
      // Copies run one after another so a refill never competes with itself for the disk.
      const previous = this.spares.at(-1) ?? Promise.resolve(undefined);
      this.spares.push(this.track(previous.then(() => coldCopy(this.deps.template.dataDir, dir, this.deps.bins.runAs)).then(
        () => dir,
        async (err: Error) => {
          this.deps.log(`data plane: preparing a spare data dir failed: ${err.message}`);
          await rm(dir, { recursive: true, force: true });
          return undefined;
        },
      )));
    }
  }

  /** Give `dataDir` the template's data: take a spare if there is one, else copy now. */
  private async materializeFromTemplate(dataDir: string): Promise<void> {
    const pending = this.spares.shift(); // claimed synchronously: concurrent callers never share a spare
    const spare = pending && (await pending);
    if (spare) await rename(spare, dataDir);
    else await this.track(coldCopy(this.deps.template.dataDir, dataDir, this.deps.bins.runAs));
    this.refillSpares();
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.copies.add(p);
    void p.finally(() => this.copies.delete(p)).catch(() => undefined);
    return p;
  }

  has(name: string): boolean {
    return this.branches.has(name);
  }

  /** `atTime` (ISO): the source's data as of then, by archive recovery of its history, not a copy of now. */
  async create(name: string, copyFrom?: string, atTime?: string): Promise<{ lsn: string }> {
    if (this.branches.has(name)) throw new Error(`branch ${name} already exists in the data plane`);
    const source = copyFrom === undefined ? undefined : this.get(copyFrom);
    const slug = `${name.replace(/[^A-Za-z0-9_-]+/g, "_").slice(-60)}-${createHash("sha1").update(name).digest("hex").slice(0, 8)}-${++this.counter}`;
    const branch: Branch = {
      name, dataDir: join(this.deps.dataDir, "clusters", slug), logFile: join(this.deps.logDir, `${slug}.log`),
      materialized: false, cluster: undefined, lock: Promise.resolve(), knownRoles: new Set(),
      archiveDir: join(this.deps.dataDir, "wal-archive", slug), parent: source,
    };
    this.branches.set(name, branch);
    await this.makeArchiveDir(branch);
    if (!source) return { lsn: this.deps.template.lsn };
    try {
      if (atTime) return await this.locked(branch, () => this.locked(source, () => this.recoverInto(source, branch, atTime)));
      return await this.locked(branch, () => this.locked(source, () => this.copyInto(source, branch)));
    } catch (err) {
      this.branches.delete(name);
      // A recovery may have started the copy's postmaster: stop it before removing its files.
      await branch.cluster?.stop().catch(() => undefined);
      await rm(branch.dataDir, { recursive: true, force: true }).catch(() => undefined);
      throw new Error(`copying branch ${source.name} to ${name} failed: ${(err as Error).message}`);
    }
  }

  private async makeArchiveDir(branch: Branch): Promise<void> {
    await mkdir(branch.archiveDir, { recursive: true, mode: 0o700 });
    const owner = this.deps.bins.runAs;
    if (owner) {
      await chown(join(this.deps.dataDir, "wal-archive"), owner.uid, owner.gid);
      await chown(branch.archiveDir, owner.uid, owner.gid);
    }
  }

  /**
   * Point in time: the template (every branch's first ancestor) replayed with the source's
   * archived WAL, and its ancestors' before it, up to `atTime`; then promoted to a branch of its own.
   */
  private async recoverInto(source: Branch, target: Branch, atTime: string): Promise<{ lsn: string }> {
    const started = Date.now();
    const cluster = source.cluster?.running ? source.cluster : await this.startLocked(source);
    // A commit after atTime ends the replay there (recovery stops at the first one past the
    // target); the segment switch sends everything so far to the archive.
    await cluster.query("SELECT pg_current_xact_id()");
    const { rows } = await cluster.query<{ seg: string }>("SELECT pg_walfile_name(pg_switch_wal()) AS seg");
    const segment = rows[0]!.seg;
    for (const deadline = Date.now() + 30_000; ;) {
      const st = await cluster.query<{ last: string | null; failed: string | null }>("SELECT last_archived_wal AS last, last_failed_wal AS failed FROM pg_stat_archiver");
      const last = st.rows[0]?.last;
      if (last && last.slice(8) >= segment.slice(8)) break;
      if (Date.now() > deadline) throw new Error(`the WAL of ${source.name} was not archived within 30 s (last ${last ?? "none"}, failed ${st.rows[0]?.failed ?? "none"})`);
      await sleep(20);
    }
    const archives: string[] = [];
    for (let b: Branch | undefined = source; b; b = b.parent) archives.push(b.archiveDir);
    await coldCopy(this.deps.template.dataDir, target.dataDir, this.deps.bins.runAs);
    await writeFile(join(target.dataDir, "recovery.signal"), "", { mode: 0o600 });
    if (this.deps.bins.runAs) await chown(join(target.dataDir, "recovery.signal"), this.deps.bins.runAs.uid, this.deps.bins.runAs.gid);
    target.materialized = true;
    target.recovery = { archives, targetTime: atTime };
    const copy = await this.startLocked(target);
    // Hot standby accepts connections while it replays: the branch is ready once promoted.
    for (const deadline = Date.now() + 60_000; (await copy.query<{ r: boolean }>("SELECT pg_is_in_recovery() AS r")).rows[0]!.r;) {
      if (Date.now() > deadline) throw new Error(`recovery of ${target.name} to ${atTime} did not finish within 60 s: ${await copy.logTail()}`);
      await sleep(20);
    }
    const lsn = (await copy.query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn")).rows[0]!.lsn;
    this.deps.log(`data plane: recovered ${source.name} as of ${atTime} into ${target.name} in ${Date.now() - started} ms (lsn ${lsn})`);
    return { lsn };
  }

  private async copyInto(source: Branch, target: Branch): Promise<{ lsn: string }> {
    const owner = this.deps.bins.runAs;
    if (source.cluster?.running) {
      const started = Date.now();
      const lsn = await onlineCopy(source.cluster, target.dataDir, owner);
      target.materialized = true;
      this.deps.log(`data plane: copied running ${source.name} to ${target.name} in ${Date.now() - started} ms (lsn ${lsn})`);
      return { lsn };
    }
    if (source.materialized) {
      await coldCopy(source.dataDir, target.dataDir, owner);
      target.materialized = true;
      // A stopped cluster was shut down cleanly; start the copy to read its position.
      const cluster = await this.startLocked(target);
      const { rows } = await cluster.query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn");
      return { lsn: rows[0]!.lsn };
    }
    // The source still holds exactly the template's data: the copy can stay lazy too.
    return { lsn: this.deps.template.lsn };
  }

  /** The branch's running cluster, materializing and starting it if needed. */
  async running(name: string): Promise<{ cluster: Cluster; knownRoles: Set<string> }> {
    const branch = this.get(name);
    const cluster = branch.cluster?.running ? branch.cluster : await this.locked(branch, () => this.startLocked(branch));
    return { cluster, knownRoles: branch.knownRoles };
  }

  private async startLocked(branch: Branch): Promise<Cluster> {
    if (branch.cluster?.running) return branch.cluster;
    if (!this.branches.has(branch.name)) throw new Error(`branch ${branch.name} was deleted`);
    const started = Date.now();
    if (!branch.materialized) {
      await this.materializeFromTemplate(branch.dataDir);
      branch.materialized = true;
    }
    const cluster = new Cluster({ dataDir: branch.dataDir, logFile: branch.logFile, bins: this.deps.bins, adminPassword: this.deps.adminPassword, archiveDir: branch.archiveDir });
    await cluster.start(branch.recovery);
    branch.recovery = undefined;
    branch.cluster = cluster;
    this.deps.log(`data plane: started ${branch.name} on 127.0.0.1:${cluster.port} in ${Date.now() - started} ms`);
    return cluster;
  }

  /** Shuts the branch's postmaster down cleanly and keeps its data dir; running() starts it again. */
  async stop(name: string): Promise<void> {
    const branch = this.branches.get(name);
    if (!branch) return;
    await this.locked(branch, async () => {
      const cluster = branch.cluster;
      branch.cluster = undefined;
      await cluster?.stop();
      if (cluster) this.deps.log(`data plane: stopped ${name} (kept its data)`);
    });
  }

  async delete(name: string): Promise<void> {
    const branch = this.branches.get(name);
    if (!branch) return;
    this.branches.delete(name);
    await this.locked(branch, async () => {
      await branch.cluster?.stop();
      branch.cluster = undefined;
      await rm(branch.dataDir, { recursive: true, force: true });
      // Its history stays while a branch copied from it may still need it.
      if (![...this.branches.values()].some((b) => b.parent === branch)) await rm(branch.archiveDir, { recursive: true, force: true });
    });
  }

  async stopAll(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.branches.values()].map((b) => this.locked(b, async () => {
      await b.cluster?.stop().catch((err: Error) => this.deps.log(`data plane: stopping ${b.name}: ${err.message}`));
      b.cluster = undefined;
    })));
    this.branches.clear();
    // No copy may still be writing when the caller removes the work dir.
    this.stopping = true;
    await Promise.allSettled([...this.copies]);
  }

  private get(name: string): Branch {
    const branch = this.branches.get(name);
    if (!branch) throw new Error(`branch ${name} does not exist in the data plane`);
    return branch;
  }

  private locked<T>(branch: Branch, fn: () => Promise<T>): Promise<T> {
    const result = branch.lock.then(fn);
    branch.lock = result.catch(() => undefined);
    return result;
  }
}
