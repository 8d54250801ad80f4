/**
 * The template data dir every branch cluster starts from: initdb once with
 * SCRAM-only authentication, small settings, a `databricks_postgres`
 * database owned by `databricks_superuser`. Clusters are file copies of it.
 */
import { spawn } from "node:child_process";
import { appendFile, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ADMIN_USER, Cluster, DEFAULT_DATABASE } from "./cluster";
import type { PgBinaries } from "./pgBinaries";
import { chownTree } from "./fileTree";

export const SUPERUSER_GROUP = "databricks_superuser";

/** Loopback only, passwords only (never trust): the front door authenticates people. */
const PG_HBA = [
  "# Written by the Lakebase emulator: SCRAM everywhere, loopback only.",
  "local all all scram-sha-256",
  "host  all all 127.0.0.1/32 scram-sha-256",
  "",
].join("\n");

/** Small and fast; fsync=off is fine for throw-away emulator data. */
const SETTINGS = [
  "",
  "# Lakebase emulator settings",
  "shared_buffers = 16MB",
  "max_connections = 50",
  "fsync = off",
  "synchronous_commit = off",
  "full_page_writes = on", // needed for online copies (base backups)
  "min_wal_size = 4MB",
  "max_wal_size = 64MB",
  "wal_keep_size = 32MB", // keeps WAL a concurrent branch copy still needs
  "password_encryption = 'scram-sha-256'",
  "lc_messages = 'C'",
  "log_min_messages = warning",
  "log_line_prefix = '%m [%p] '",
  "dynamic_shared_memory_type = posix",
  "",
].join("\n");

const SETUP_SQL = [
  `CREATE ROLE ${SUPERUSER_GROUP} NOLOGIN CREATEDB CREATEROLE BYPASSRLS`,
  `GRANT pg_read_all_data, pg_write_all_data, pg_monitor, pg_signal_backend TO ${SUPERUSER_GROUP}`,
  `CREATE DATABASE ${DEFAULT_DATABASE} OWNER ${SUPERUSER_GROUP}`,
];

export interface Template {
  dataDir: string;
  /** WAL position of the template, reported as the LSN of branches made from it. */
  lsn: string;
}

export async function buildTemplate(dir: string, bins: PgBinaries, adminPassword: string, logFile: string): Promise<Template> {
  const dataDir = join(dir, "template");
  const pwFile = join(dir, "template.pw");
  await writeFile(pwFile, adminPassword + "\n", { mode: 0o600 });
  if (bins.runAs) await chownTree(dir, bins.runAs);
  try {
    await run(bins.initdb, [
      `--pgdata=${dataDir}`, "--auth=scram-sha-256", `--username=${ADMIN_USER}`, `--pwfile=${pwFile}`,
      "--no-sync", "--no-locale", "--encoding=UTF8", "--wal-segsize=1", "--no-instructions",
    ], bins);
  } finally {
    await rm(pwFile, { force: true });
  }
  await writeFile(join(dataDir, "pg_hba.conf"), PG_HBA);
  await appendFile(join(dataDir, "postgresql.conf"), SETTINGS);
  if (bins.runAs) await chownTree(dataDir, bins.runAs);

  // One boot to create the database and roles; a clean shutdown means copies start without recovery.
  const cluster = new Cluster({ dataDir, logFile, bins, adminPassword });
  await cluster.start();
  let lsn: string;
  let walFile: string;
  try {
    const client = await cluster.connectAdmin("postgres");
    try {
      for (const sql of SETUP_SQL) await client.query(sql);
      const { rows } = await client.query<{ lsn: string; file: string }>(
        "SELECT pg_current_wal_lsn()::text AS lsn, pg_walfile_name(pg_current_wal_insert_lsn()) AS file",
      );
      ({ lsn, file: walFile } = rows[0]!);
    } finally {
      await client.end();
    }
  } finally {
    await cluster.stop();
  }
  await dropUnneededWal(join(dataDir, "pg_wal"), walFile);
  return { dataDir, lsn };
}

/**
 * After a clean shutdown, recovery needs only the segment holding the
 * shutdown checkpoint, written right after `current` (so: `current` and the
 * one after it). Older segments are history, later ones recycled blanks;
 * dropping them makes every branch copy ~20% smaller.
 */
async function dropUnneededWal(walDir: string, current: string): Promise<void> {
  const segments = (await readdir(walDir)).filter((n) => /^[0-9A-F]{24}$/.test(n)).sort();
  const keep = new Set(segments.filter((n) => n >= current).slice(0, 2));
  if (!keep.has(current)) return; // unexpected layout: keep everything
  await Promise.all(segments.filter((n) => !keep.has(n)).map((n) => rm(join(walDir, n))));
}

function run(cmd: string, args: string[], bins: PgBinaries): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...(bins.runAs ?? {}), env: { ...process.env, LC_MESSAGES: "C" }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => { output += d.toString(); });
    child.stderr.on("data", (d: Buffer) => { output += d.toString(); });
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${cmd} failed with exit code ${code}: ${output.trim().slice(-2000)}`));
    });
  });
}
