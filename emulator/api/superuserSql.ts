import pg from "pg";
import type { ControlPlane } from "../controlPlane";

/**
 * Changes the data plane's contract has no verb for (ALTER ROLE, ALTER
 * DATABASE) run as the branch's superuser, so the Postgres catalog really
 * matches what the API reports.
 */
export async function runAsSuperuser(cp: ControlPlane, branch: string, statements: string[]): Promise<void> {
  if (statements.length === 0) return;
  const conn = await cp.dataPlane.superuser(branch);
  const client = new pg.Client({ ...conn, connectionTimeoutMillis: 10000 });
  await client.connect();
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
