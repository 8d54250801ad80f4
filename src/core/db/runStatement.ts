/**
 * Runs one statement on a checked-out connection and streams its result(s) as events.
 * Row-returning statements use pg-cursor, fetched `pageSize` rows at a time, and stop at
 * `maxRows` (closing the portal, so the server stops producing rows).
 */
import type pg from "pg";
import Cursor from "pg-cursor";
import type { SqlSegment } from "../sql/splitStatements";
import type { CellValue, ColumnInfo, ResultSummary, RunEvent } from "./runnerTypes";
import { TEXT_TYPES } from "./runnerTypes";
import { executionMode, firstKeyword } from "./statementKind";

export interface StatementContext {
  client: pg.PoolClient;
  maxRows: number;
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

export async function runStatement(ctx: StatementContext, stmt: SqlSegment, index: number): Promise<ResultSummary[]> {
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

function readPage(cursor: Cursor, n: number): Promise<{ rows: CellValue[][]; result: ResultLike }> {
  return new Promise((resolve, reject) => {
    cursor.read(n, (err: Error | undefined, rows: unknown[], result: unknown) => {
      if (err) reject(err);
      else resolve({ rows: rows as CellValue[][], result: result as ResultLike });
    });
  });
}

async function runWithCursor(ctx: StatementContext, stmt: SqlSegment, index: number): Promise<ResultSummary> {
  const cursor = ctx.client.query(new Cursor(stmt.text, undefined, { rowMode: "array", types: TEXT_TYPES }));
  const started = Date.now();
  let firstAt: number | undefined;
  let total = 0;
  let truncated = false;
  let result: ResultLike | undefined;
  let columns: ColumnInfo[] = [];
  const kept: CellValue[][] = [];
  try {
    for (;;) {
      const remaining = ctx.maxRows - total;
      // Ask for one extra row on the last page to learn whether the result goes on.
      const want = Math.min(ctx.pageSize, remaining + 1);
      const page = await readPage(cursor, want);
      result = page.result ?? result;
      if (firstAt === undefined) {
        firstAt = Date.now();
        columns = await columnsOf(ctx, result?.fields ?? []);
        await ctx.emit({ type: "resultStarted", index, columns });
      }
      let rows = page.rows;
      if (rows.length > remaining) {
        rows = rows.slice(0, remaining);
        truncated = true;
      }
      total += rows.length;
      if (rows.length > 0) {
        if (kept.length < ctx.returnRows) kept.push(...rows.slice(0, ctx.returnRows - kept.length));
        await ctx.emit({ type: "rows", index, rows });
      }
      if (truncated || page.rows.length < want || ctx.isCancelled()) break;
    }
  } finally {
    // Closes the portal (and ends the implicit transaction) whether done, truncated or failed.
    await cursor.close().catch(() => undefined);
  }
  const done = Date.now();
  ctx.addTiming((firstAt ?? done) - started, done - (firstAt ?? done));
  // When stopped early there is no CommandComplete: the command comes from the text.
  const command = (!truncated && result?.command) || firstKeyword(stmt.text);
  // CommandComplete after a paged Execute counts only that last page, so count ourselves.
  const rowCount = total;
  await ctx.emit({ type: "resultDone", index, command, rowCount, truncated });
  return { statementIndex: index, command, rowCount, columns, truncated, ...(ctx.returnRows > 0 ? { rows: kept } : {}) };
}

async function runSimple(ctx: StatementContext, stmt: SqlSegment, index: number): Promise<ResultSummary[]> {
  const started = Date.now();
  const raw = (await ctx.client.query({ text: stmt.text, rowMode: "array", types: TEXT_TYPES })) as unknown as ResultLike | ResultLike[];
  ctx.addTiming(Date.now() - started, 0);
  const out: ResultSummary[] = [];
  for (const r of Array.isArray(raw) ? raw : [raw]) {
    const columns = await columnsOf(ctx, r.fields ?? []);
    await ctx.emit({ type: "resultStarted", index, columns });
    const rows = (r.rows ?? []) as CellValue[][];
    const keep = Math.min(rows.length, ctx.maxRows);
    for (let i = 0; i < keep; i += ctx.pageSize) await ctx.emit({ type: "rows", index, rows: rows.slice(i, Math.min(keep, i + ctx.pageSize)) });
    const truncated = rows.length > ctx.maxRows;
    const command = r.command ?? firstKeyword(stmt.text);
    await ctx.emit({ type: "resultDone", index, command, rowCount: r.rowCount, truncated });
    out.push({ statementIndex: index, command, rowCount: r.rowCount, columns, truncated, ...(ctx.returnRows > 0 ? { rows: rows.slice(0, ctx.returnRows) } : {}) });
  }
  return out;
}
