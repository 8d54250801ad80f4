/**
 * Where a data plane keeps its files. Logs go under the caller's rootDir.
 * Cluster data dirs go to a temp dir on tmpfs (/dev/shm) when there is room:
 * emulator data is throw-away, and copying a template there is ~15x faster
 * than on a busy disk. Stale tmpfs dirs of dead processes are swept.
 */
import { chmod, mkdir, mkdtemp, readdir, rm, stat, statfs } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

const SHM = "/dev/shm";
const SHM_PREFIX = "lakebase-dataplane-";
const MIN_FREE_BYTES = 2 * 1024 ** 3;

export interface WorkDirs {
  /** Holds template/ and clusters/; readable by the postgres OS user. */
  data: string;
  logs: string;
  inMemory: boolean;
  remove(): Promise<void>;
}

export async function createWorkDirs(rootDir: string, runAsPostgres: boolean, preferMemory: boolean): Promise<WorkDirs> {
  const root = resolve(rootDir);
  await mkdir(root, { recursive: true });
  const base = await mkdtemp(join(root, "dataplane-"));
  const logs = join(base, "logs");
  await mkdir(logs);
  const inMemory = preferMemory && (await shmHasRoom());
  let data: string;
  if (inMemory) {
    await sweepStaleShmDirs();
    data = await mkdtemp(join(SHM, `${SHM_PREFIX}${process.pid}-`));
  } else {
    if (runAsPostgres) await letPostgresTraverse(root);
    data = join(base, "data");
    await mkdir(data);
  }
  await mkdir(join(data, "clusters"));
  if (runAsPostgres) for (const d of [base, data, join(data, "clusters")]) await chmod(d, 0o711);
  return {
    data, logs, inMemory,
    async remove() {
      await rm(data, { recursive: true, force: true });
      await rm(base, { recursive: true, force: true });
    },
  };
}

async function shmHasRoom(): Promise<boolean> {
  try {
    const fs = await statfs(SHM);
    return fs.bavail * fs.bsize >= MIN_FREE_BYTES;
  } catch {
    return false;
  }
}

/** Data dirs left by a data plane whose process died without stop(). */
async function sweepStaleShmDirs(): Promise<void> {
  for (const name of await readdir(SHM).catch(() => [] as string[])) {
    if (!name.startsWith(SHM_PREFIX)) continue;
    const pid = Number(name.slice(SHM_PREFIX.length).split("-")[0]);
    if (Number.isInteger(pid) && pid > 0 && !isAlive(pid)) await rm(join(SHM, name), { recursive: true, force: true }).catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * When root, clusters run as the postgres OS user, who must reach the data
 * dir. We only widen directories that are ours to widen (rootDir and anything
 * under the system temp dir); elsewhere we explain what to do.
 */
async function letPostgresTraverse(rootDir: string): Promise<void> {
  const tmp = resolve(tmpdir());
  for (let dir = rootDir; dir !== dirname(dir); dir = dirname(dir)) {
    const st = await stat(dir);
    if ((st.mode & 0o001) !== 0) continue;
    if (dir === rootDir || dir.startsWith(tmp + "/")) await chmod(dir, (st.mode & 0o7777) | 0o011);
    else throw new Error(`the postgres OS user cannot reach ${rootDir}: ${dir} is not searchable by others (chmod o+x ${dir} or choose another rootDir)`);
  }
}
