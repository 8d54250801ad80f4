/**
 * Copying a branch's data dir. A running source is copied with the
 * low-level base backup API (pg_backup_start / copy / pg_backup_stop +
 * backup_label), so its open sessions are never interrupted; the copy
 * recovers to a consistent state when it first starts.
 */
import { writeFile, chown } from "node:fs/promises";
import { join } from "node:path";
import { DEFAULT_DATABASE, type Cluster } from "./cluster";
import { copyTree, type CopyRule, type Owner } from "./fileTree";

/** Directories whose contents a base backup leaves out (PostgreSQL docs, "Making a Base Backup Using the Low Level API"). */
const EMPTY_DIRS = new Set(["pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans"]);
const SKIPPED_FILES = new Set(["postmaster.pid", "postmaster.opts", "backup_label", "tablespace_map"]);

function backupRule(rel: string, isDir: boolean): CopyRule {
  if (isDir) return EMPTY_DIRS.has(rel) ? "emptyDir" : "copy";
  const name = rel.slice(rel.lastIndexOf("/") + 1);
  if (SKIPPED_FILES.has(rel) || name === "pg_internal.init" || name.startsWith("pgsql_tmp")) return "skip";
  return "copy";
}

function coldRule(rel: string): CopyRule {
  return rel === "postmaster.pid" || rel === "postmaster.opts" ? "skip" : "copy";
}

/** Copy a stopped data dir (the template, or a branch that is not running). */
export async function coldCopy(srcDir: string, dstDir: string, owner?: Owner): Promise<void> {
  await copyTree(srcDir, dstDir, { rule: coldRule, owner });
}

/** Copy a running cluster's data dir; returns the backup's end LSN. */
export async function onlineCopy(source: Cluster, dstDir: string, owner?: Owner): Promise<string> {
  const srcDir = source.opts.dataDir;
  const session = await source.connectAdmin(DEFAULT_DATABASE);
  session.on("error", () => undefined);
  let started = false;
  let stopped = false;
  try {
    // fast=true: an immediate checkpoint, so the copy does not wait up to checkpoint_timeout.
    await session.query("SELECT pg_backup_start($1, true)", [`lakebase-emulator branch copy ${Date.now()}`]);
    started = true;
    await copyTree(srcDir, dstDir, { rule: backupRule, owner });
    const { rows } = await session.query<{ lsn: string; labelfile: string; spcmapfile: string | null }>(
      "SELECT lsn::text AS lsn, labelfile, spcmapfile FROM pg_backup_stop(false)",
    );
    stopped = true;
    const { lsn, labelfile, spcmapfile } = rows[0]!;
    await writeOwned(join(dstDir, "backup_label"), labelfile, owner);
    if (spcmapfile) await writeOwned(join(dstDir, "tablespace_map"), spcmapfile, owner);
    // WAL last: it must contain everything up to the backup's end record.
    await copyTree(join(srcDir, "pg_wal"), join(dstDir, "pg_wal"), { owner });
    return lsn;
  } finally {
    if (started && !stopped) await session.query("SELECT pg_backup_stop(false)").catch(() => undefined);
    await session.end().catch(() => undefined);
  }
}

async function writeOwned(path: string, content: string, owner?: Owner): Promise<void> {
  await writeFile(path, content, { mode: 0o600 });
  if (owner) await chown(path, owner.uid, owner.gid);
}
