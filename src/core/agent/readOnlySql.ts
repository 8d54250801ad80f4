/**
 * Agent SQL on a connection of its own, inside `BEGIN READ ONLY`: the server, not a keyword
 * list, refuses writes. The connection starts from a discarded session and is destroyed
 * afterwards, so no session state comes in from the pool and nothing a statement does to its
 * session (SET …, SET SESSION CHARACTERISTICS …) outlives the call.
 */
import type Cursor from "pg-cursor";
import { pgDriver } from "../db/pgDriver";
import type { PoolRegistry } from "../db/poolRegistry";
import { TEXT_TYPES } from "../db/runnerTypes";
import { builtinTypeName } from "../db/typeNames";
import type { DbTarget } from "../db/types";

export interface ReadOnlyColumn { name: string; type: string }

export interface ReadOnlyResult {
  command: string;
  columns: ReadOnlyColumn[];
  rows: unknown[][];
  /** More rows existed than `maxRows`; the portal was closed, so the server stopped producing them. */
  truncated: boolean;
  /** Rows affected as the server counted them (statements without rows), else rows read. */
  rowCount: number | null;
  notices: string[];
  ms: number;
}

export interface ReadOnlyOptions {
  maxRows: number;
  timeoutMs: number;
  signal?: AbortSignal;
}

interface BackendKeyed { processID: number | null; secretKey: number | null }

function readPage(cursor: Cursor, n: number): Promise<{ rows: unknown[][]; result: { command?: string; rowCount?: number | null; fields?: Array<{ name: string; dataTypeID: number }> } }> {
  return new Promise((resolve, reject) => {
    cursor.read(n, (err: Error | undefined, rows: unknown[], result: unknown) => {
      if (err) reject(err);
      else resolve({ rows: rows as unknown[][], result: (result ?? {}) as never });
    });
  });
}

/** Runs one statement (already checked to be one) read-only; Postgres errors are thrown as they came. */
export async function runReadOnly(pools: PoolRegistry, db: DbTarget, statement: string, opts: ReadOnlyOptions): Promise<ReadOnlyResult> {
  const checkout = await pools.connect(db, opts.signal);
  const client = checkout.client;
  const notices: string[] = [];
  const onNotice = (n: { severity?: string; message?: string }) => { if (notices.length < 20) notices.push(`${n.severity ?? "NOTICE"}: ${n.message ?? ""}`); };
  client.on("notice", onNotice);
  // A cancel from the caller (a model host stopping the call) reaches the server too.
  const onAbort = () => {
    const key = client as unknown as BackendKeyed;
    if (key.processID !== null && key.secretKey !== null) {
      pools.cancel(db, { processID: key.processID, secretKey: key.secretKey }).catch(() => undefined);
    }
  };
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  const started = Date.now();
  try {
    // A pooled connection may carry a user session's state (SET ROLE, search_path, temp tables):
    // start from a clean session, as on a new connection.
    await client.query("DISCARD ALL");
    await client.query("BEGIN READ ONLY");
    // A SELECT takes the transaction's snapshot, so from here on the server refuses
    // `SET TRANSACTION READ WRITE` ("must be set before any query"). The timeout is the
    // server's own: a runaway statement is cancelled there, not just abandoned here.
    await client.query("SELECT set_config('statement_timeout', $1, true)", [String(Math.max(1, Math.round(opts.timeoutMs)))]);
    const cursor = client.query(new (pgDriver().Cursor)(statement, undefined, { rowMode: "array", types: TEXT_TYPES }));
    const rows: unknown[][] = [];
    let truncated = false;
    let result: Awaited<ReturnType<typeof readPage>>["result"] = {};
    try {
      // One extra row tells whether the result goes on.
      const page = await readPage(cursor, opts.maxRows + 1);
      result = page.result;
      truncated = page.rows.length > opts.maxRows;
      rows.push(...page.rows.slice(0, opts.maxRows));
    } finally {
      await cursor.close().catch(() => undefined);
    }
    const columns = (result.fields ?? []).map((f) => ({ name: f.name, type: builtinTypeName(f.dataTypeID) ?? `oid ${f.dataTypeID}` }));
    const command = result.command ?? statement.trim().split(/\s+/)[0].toUpperCase();
    const rowCount = columns.length > 0 ? rows.length : (result.rowCount ?? null);
    return { command, columns, rows, truncated, rowCount, notices, ms: Date.now() - started };
  } finally {
    opts.signal?.removeEventListener("abort", onAbort);
    client.off("notice", onNotice);
    await client.query("ROLLBACK").catch(() => undefined);
    // Never back into the pool: the session may carry whatever the statement set.
    client.release(true);
  }
}
