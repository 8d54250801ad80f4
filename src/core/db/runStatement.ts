/**
 * Runs one statement on a checked-out connection and streams its result(s) as events.
 * Row-returning statements use pg-cursor, fetched `pageSize` rows at a time (fewer when rows are
 * wide), and stop at `maxRows` rows or `maxBytes` of text (closing the portal, so the server stops
 * producing rows). Everything else runs as a simple query whose rows are capped the same way.
 */
import type pg from "pg";
import type Cursor from "pg-cursor";
import { pgDriver } from "./pgDriver";
import type { BoundStatement } from "../sql/params/bindParameters";
import type { SqlSegment } from "../sql/splitStatements";
import { runCapped } from "./cappedQuery";
import { ResultBudget } from "./resultLimits";
import type { CellValue, ColumnInfo, ResultSummary, RunEvent } from "./runnerTypes";
import { TEXT_TYPES } from "./runnerTypes";
import { executionMode, firstKeyword } from "./statementKind";

export interface StatementContext {
  client: pg.PoolClient;
  maxRows: number;
  /** Cell text kept per result (estimated bytes); fetching stops past it. */
  maxBytes: number;
  pageSize: number;
  returnRows: number;
  emit: (e: RunEvent) => Promise<void>;
  typeNames: (oids: number[]) => Promise<Map<number, string>>;
  isCancelled: () => boolean;
  /** Time split: submit → first page is execution, the rest is fetching. */
  addTiming: (executeMs: number, fetchMs: number) => void;
}

interface FieldLike { name: string; dataTypeID: number; tableID?: number; columnID?: number }
interface ResultLike { command: string | null; rowCount: number | null; fields: FieldLike[]; rows: unknown[] }

export async function runStatement(ctx: StatementContext, stmt: SqlSegment, index: number, bound?: BoundStatement): Promise<ResultSummary[]> {
  // Bind parameters need the extended protocol: the cursor takes any statement that accepts them.
  if (bound) return [await runWithCursor(ctx, stmt, index, bound)];
  if (executionMode(stmt.text) === "cursor") {
    try {
      return [await runWithCursor(ctx, stmt, index)];
    } catch (err) {
      // "cannot insert multiple commands into a prepared statement": the simple protocol takes them.
      if ((err as { code?: string }).code !== "42601" || !/multiple commands/i.test((err as Error).message)) throw err;
    }
  }
  return runSimple(ctx, stmt, index);
}

async function columnsOf(ctx: StatementContext, fields: FieldLike[]): Promise<ColumnInfo[]> {
  const names = await ctx.typeNames(fields.map((f) => f.dataTypeID));
  return fields.map((f) => ({
    name: f.name, typeOid: f.dataTypeID, typeName: names.get(f.dataTypeID) ?? String(f.dataTypeID),
    // Where the column comes from (0: an expression): lets a one-table result be edited.
    ...(f.tableID ? { tableOid: f.tableID, tableColumn: f.columnID } : {}),
  }));
}

/**
 * One page. pg-cursor counts itself done at CommandComplete and answers the read only at
 * ReadyForQuery, so a connection lost in between would leave the read waiting forever:
 * the connection ending rejects it.
 */
function readPage(cursor: Cursor, n: number, client: pg.PoolClient): Promise<{ rows: CellValue[][]; result: ResultLike }> {
  return new Promise((resolve, reject) => {
    const onEnd = () => reject(Object.assign(new Error("Connection terminated unexpectedly"), { code: "ECONNRESET" }));
    client.once("end", onEnd);
    cursor.read(n, (err: Error | undefined, rows: unknown[], result: unknown) => {
      client.off("end", onEnd);
      if (err) reject(err);
      else resolve({ rows: rows as CellValue[][], result: result as ResultLike });
    });
  });
}

/**
 * Closes the portal (and ends the implicit transaction) when done or stopped early. After an
 * error there is nothing to close (the cursor already sent Sync), and on a dead connection
 * close() would wait forever for a ReadyForQuery, keeping the connection checked out.
 */
function closeCursor(cursor: Cursor, client: pg.PoolClient): Promise<void> {
  if ((cursor as unknown as { state?: string }).state === "error") return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => { client.off("end", done); resolve(); };
    client.once("end", done);
    cursor.close().then(done, done);
  });
}

async function runWithCursor(ctx: StatementContext, stmt: SqlSegment, index: number, bound?: BoundStatement): Promise<ResultSummary> {
  const cursor = ctx.client.query(new (pgDriver().Cursor)(bound?.text ?? stmt.text, bound?.values, { rowMode: "array", types: TEXT_TYPES }));
  const started = Date.now();
  const budget = new ResultBudget({ maxRows: ctx.maxRows, maxBytes: ctx.maxBytes });
  let firstAt: number | undefined;
  let result: ResultLike | undefined;
  let columns: ColumnInfo[] = [];
  const kept: CellValue[][] = [];
  try {
    for (;;) {
      const want = budget.nextPage(ctx.pageSize);
      const page = await readPage(cursor, want, ctx.client);
      result = page.result ?? result;
      if (firstAt === undefined) {
        firstAt = Date.now();
        columns = await columnsOf(ctx, result?.fields ?? []);
        await ctx.emit({ type: "resultStarted", index, columns });
      }
      const rows = budget.take(page.rows);
      if (rows.length > 0) {
        if (kept.length < ctx.returnRows) kept.push(...rows.slice(0, ctx.returnRows - kept.length));
        await ctx.emit({ type: "rows", index, rows });
      }
      if (budget.full || page.rows.length < want || ctx.isCancelled()) break;
    }
  } finally {
    await closeCursor(cursor, ctx.client);
  }
  const done = Date.now();
  ctx.addTiming((firstAt ?? done) - started, done - (firstAt ?? done));
  const truncated = budget.full;
  // When stopped early there is no CommandComplete: the command comes from the text.
  const command = (!truncated && result?.command) || firstKeyword(stmt.text);
  // CommandComplete after a paged Execute counts only that last page, so count ourselves.
  // A statement without a result set (EXECUTE of an INSERT) reports what it affected.
  const rowCount = !truncated && columns.length === 0 && typeof result?.rowCount === "number" ? result.rowCount : budget.rows;
  const cappedBy = budget.cappedBy;
  await ctx.emit({ type: "resultDone", index, command, rowCount, truncated, ...(cappedBy ? { cappedBy } : {}) });
  return { statementIndex: index, command, rowCount, columns, truncated, ...(cappedBy ? { cappedBy } : {}), ...(ctx.returnRows > 0 ? { rows: kept } : {}) };
}

async function runSimple(ctx: StatementContext, stmt: SqlSegment, index: number): Promise<ResultSummary[]> {
  const started = Date.now();
  const raw = await runCapped(ctx.client, stmt.text, { maxRows: ctx.maxRows, maxBytes: ctx.maxBytes });
  ctx.addTiming(Date.now() - started, 0);
  const out: ResultSummary[] = [];
  for (const r of raw) {
    const columns = await columnsOf(ctx, r.fields);
    await ctx.emit({ type: "resultStarted", index, columns });
    const rows = r.rows;
    for (let i = 0; i < rows.length; i += ctx.pageSize) await ctx.emit({ type: "rows", index, rows: rows.slice(i, i + ctx.pageSize) });
    const cappedBy = r.cappedBy;
    const truncated = cappedBy !== undefined;
    const command = r.command ?? firstKeyword(stmt.text);
    await ctx.emit({ type: "resultDone", index, command, rowCount: r.rowCount, truncated, ...(cappedBy ? { cappedBy } : {}) });
    out.push({ statementIndex: index, command, rowCount: r.rowCount, columns, truncated, ...(cappedBy ? { cappedBy } : {}), ...(ctx.returnRows > 0 ? { rows: rows.slice(0, ctx.returnRows) } : {}) });
  }
  return out;
}
