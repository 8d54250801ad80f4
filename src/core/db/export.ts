/**
 * Streams the WHOLE result of one query to a file, whatever its size:
 * - CSV through `COPY (query) TO STDOUT WITH (FORMAT csv, HEADER)`: the server formats,
 *   bytes are piped to the file with back-pressure (same output as psql's \copy … csv header);
 * - JSON as an array of objects (values as text or null) through a cursor, page by page.
 * Written to a temp file next to the target and renamed at the end, so a cancelled or failed
 * export never leaves a partial file behind.
 */
import { randomBytes } from "node:crypto";
import { createWriteStream, type WriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { once } from "node:events";
import type pg from "pg";
import type Cursor from "pg-cursor";
import { pgDriver } from "./pgDriver";
import { DEFAULT_PAGE_SIZE } from "../../shared/protocol";
import { splitStatements, type SqlSegment } from "../sql/splitStatements";
import type { PoolRegistry } from "./poolRegistry";
import { type QueryError, toQueryError } from "./queryError";
import { TEXT_TYPES } from "./runnerTypes";
import type { DbTarget } from "./types";

export type ExportFormat = "csv" | "json";

export interface ExportProgress { rows: number; bytes: number }

export interface ExportOptions {
  format: ExportFormat;
  path: string;
  signal?: AbortSignal;
  onProgress?: (p: ExportProgress) => void;
  /** Rows per cursor fetch for JSON (default DEFAULT_PAGE_SIZE). */
  pageSize?: number;
  /** After a cancel request, how long to wait for the server before dropping the connection. */
  cancelGraceMs?: number;
}

export interface ExportResult { path: string; rows: number; bytes: number; durationMs: number }

/** Thrown for failed or cancelled exports; carries the Postgres error fields when there are some. */
export class ExportError extends Error {
  constructor(message: string, readonly cancelled: boolean, readonly query?: QueryError) {
    super(message);
    this.name = cancelled ? "AbortError" : "ExportError";
  }
}

const COPY_PREFIX = "COPY (";

export async function exportQuery(pools: PoolRegistry, target: DbTarget, sql: string, opts: ExportOptions): Promise<ExportResult> {
  const statements = splitStatements(sql);
  if (statements.length !== 1) throw new ExportError(`Export takes exactly one query; this text has ${statements.length} statements.`, false);
  const stmt = statements[0];
  const started = Date.now();
  const tmp = join(dirname(opts.path), `.${basename(opts.path)}.${randomBytes(4).toString("hex")}.part`);
  const progress: ExportProgress = { rows: 0, bytes: 0 };
  if (opts.signal?.aborted) throw new ExportError("The export was cancelled.", true);
  const { client } = await pools.connect(target, opts.signal);
  let destroyed = false;
  let hardStop: NodeJS.Timeout | undefined;
  const onAbort = () => {
    const key = client as unknown as { processID: number | null; secretKey: number | null };
    if (key.processID !== null && key.secretKey !== null) {
      pools.cancel(target, { processID: key.processID, secretKey: key.secretKey }).catch(() => undefined);
    }
    hardStop = setTimeout(() => {
      destroyed = true;
      (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    }, opts.cancelGraceMs ?? 800);
  };
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  const onClientError = () => { destroyed = true; };
  client.on("error", onClientError);
  try {
    if (opts.format === "csv") {
      // The newline ends a trailing `-- comment`, which would otherwise swallow the closing parenthesis.
      const copySql = `${COPY_PREFIX}${stmt.text}\n) TO STDOUT WITH (FORMAT csv, HEADER)`;
      await writeCsv(client, copySql, tmp, progress, opts.onProgress).catch((err) => {
        throw wrap(err, opts.signal, { ...stmt, text: copySql, start: stmt.start - COPY_PREFIX.length });
      });
    } else {
      await writeJson(client, stmt.text, tmp, progress, opts).catch((err) => { throw wrap(err, opts.signal, stmt); });
    }
    if (opts.signal?.aborted) throw new ExportError("The export was cancelled.", true);
    await rename(tmp, opts.path);
    opts.onProgress?.({ ...progress });
    return { path: opts.path, rows: progress.rows, bytes: progress.bytes, durationMs: Date.now() - started };
  } catch (err) {
    await rm(tmp, { force: true });
    if (err instanceof ExportError) destroyed ||= err.cancelled;
    else destroyed = true;
    throw err;
  } finally {
    clearTimeout(hardStop);
    opts.signal?.removeEventListener("abort", onAbort);
    client.off("error", onClientError);
    client.release(destroyed ? true : undefined);
  }
}

function wrap(err: unknown, signal: AbortSignal | undefined, stmt: SqlSegment): ExportError {
  if (err instanceof ExportError) return err;
  if (signal?.aborted) return new ExportError("The export was cancelled.", true);
  const q = toQueryError(err, stmt, 0);
  return new ExportError(`Export failed: ${q.message}${q.sqlstate ? ` (${q.sqlstate})` : ""}`, false, q);
}

/**
 * Buffer of the COPY stream and of the file stream. With Node's 16 KB defaults the socket reader stopped
 * and restarted every few TLS records and each chunk went through a Transform of its own: the export
 * spent about twice the CPU of this (bench/exportSweep.ts: ~2.0 s → ~1.0 s of worker CPU per 1M rows).
 */
const CSV_BUFFER_BYTES = 1 << 20;

async function writeCsv(client: pg.PoolClient, copySql: string, file: string, progress: ExportProgress, onProgress?: (p: ExportProgress) => void): Promise<void> {
  const source = client.query(pgDriver().copyTo(copySql, { highWaterMark: CSV_BUFFER_BYTES }));
  // Counted beside the pipe, not in a stage of its own: 'data' listeners see the chunks pipe moves.
  source.on("data", (chunk: Buffer) => {
    progress.bytes += chunk.length;
    onProgress?.({ ...progress });
  });
  await pipeline(source, createWriteStream(file, { highWaterMark: CSV_BUFFER_BYTES }));
  // COPY's own count: CSV lines can contain newlines, so counting them would be wrong.
  progress.rows = source.rowCount;
}

async function writeJson(client: pg.PoolClient, sql: string, file: string, progress: ExportProgress, opts: ExportOptions): Promise<void> {
  const out = createWriteStream(file);
  const failed = new Promise<never>((_, reject) => out.once("error", reject));
  failed.catch(() => undefined);
  const write = async (text: string) => {
    progress.bytes += Buffer.byteLength(text);
    if (!out.write(text)) await Promise.race([once(out, "drain"), failed]);
  };
  const cursor = client.query(new (pgDriver().Cursor)(sql, undefined, { rowMode: "array", types: TEXT_TYPES }));
  const pageSize = opts.pageSize ?? DEFAULT_PAGE_SIZE;
  try {
    let keys: string[] | undefined;
    await write("[");
    for (;;) {
      const { rows, fields } = await read(cursor, pageSize);
      keys ??= uniqueKeys(fields.map((f) => f.name)).map((k) => JSON.stringify(k));
      let chunk = "";
      for (const row of rows) {
        chunk += `${progress.rows === 0 ? "\n" : ",\n"}{${row.map((v, i) => `${keys![i]}:${JSON.stringify(v)}`).join(",")}}`;
        progress.rows++;
      }
      if (chunk) await write(chunk);
      opts.onProgress?.({ ...progress });
      if (rows.length < pageSize || opts.signal?.aborted) break;
    }
    await write(progress.rows === 0 ? "]\n" : "\n]\n");
  } finally {
    await cursor.close().catch(() => undefined);
    await endStream(out);
  }
}

function read(cursor: Cursor, n: number): Promise<{ rows: Array<Array<string | null>>; fields: Array<{ name: string }> }> {
  return new Promise((resolve, reject) => {
    cursor.read(n, (err: Error | undefined, rows: unknown[], result: unknown) => {
      if (err) reject(err);
      else resolve({ rows: rows as Array<Array<string | null>>, fields: (result as { fields?: Array<{ name: string }> } | undefined)?.fields ?? [] });
    });
  });
}

/** JSON objects cannot hold two "id" keys: later duplicates become id_2, id_3 … */
export function uniqueKeys(names: string[]): string[] {
  const used = new Set<string>();
  return names.map((n) => {
    let key = n;
    for (let i = 2; used.has(key); i++) key = `${n}_${i}`;
    used.add(key);
    return key;
  });
}

function endStream(out: WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (out.destroyed || out.closed) return resolve();
    out.end(() => resolve());
    out.once("error", () => resolve());
  });
}
