/**
 * Connections leaked: what the Postgres backend has open for the soak's application and user,
 * against what the pool believes it holds. Read through the branch's superuser connection
 * (pg_stat_activity), bypassing the front door, so the pool's view is not asked to judge itself.
 */
import pg from "pg";
import type { Emulator } from "../../emulator/index";

export interface SessionCount { backend: number; pool: number }

export async function backendSessions(emu: Emulator, branch: string, applicationName: string, user: string): Promise<number> {
  const su = await emu.postgres.superuser(branch);
  const c = new pg.Client({ ...su, application_name: "lakebase-soak-observer" });
  await c.connect();
  try {
    const r = await c.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1 AND usename = $2", [applicationName, user]);
    return Number(r.rows[0].n);
  } finally {
    await c.end();
  }
}

/**
 * Both counts once they agree, or the last pair after `settleMs`: a session the server just
 * terminated may take a moment to leave either side; a leak is what stays.
 */
export async function settledCounts(read: () => Promise<SessionCount>, settleMs: number): Promise<SessionCount> {
  const deadline = performance.now() + settleMs;
  let c = await read();
  while (c.backend !== c.pool && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    c = await read();
  }
  return c;
}
