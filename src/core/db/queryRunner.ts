/**
 * Runs a SQL script: statements one after another on ONE connection (so SET, temp tables and
 * transactions carry across them), streaming results as events, with cancel and timeout.
 * Stops at the first error, like psql with ON_ERROR_STOP.
 */
import type pg from "pg";
import { DEFAULT_PAGE_SIZE } from "../../shared/protocol";
import { type Logger, silentLogger } from "../log";
import { splitStatements, type SqlSegment } from "../sql/splitStatements";
import type { PoolRegistry } from "./poolRegistry";
import { type QueryError, toQueryError } from "./queryError";
import { runStatement, type StatementContext } from "./runStatement";
import { type BoundStatement, bindStatement } from "../sql/params/bindParameters";
import type { ResultSummary, RunEvent, RunOptions, RunSummary } from "./runnerTypes";
import { changesSessionState, isCopyFromStdin, isCopyToStdout } from "./statementKind";
import { DEFAULT_MAX_RESULT_BYTES } from "./resultLimits";
import { TypeNameCache } from "./typeNames";
import { type DbTarget, targetId } from "./types";

export type SplitScript = (sql: string) => SqlSegment[];

export interface QueryRunnerOptions {
  logger?: Logger;
  split?: SplitScript;
  /** After a cancel request, how long to wait for the server before dropping the connection. */
  cancelGraceMs?: number;
}

interface NoticeLike { severity?: string; message?: string; detail?: string; hint?: string; code?: string }

const DEFAULT_MAX_NOTICES = 1_000;
/** Characters kept of one notice's message, detail or hint. */
const NOTICE_TEXT_MAX = 8_000;

function shorten(text: string | undefined): string | undefined {
  if (text === undefined || text.length <= NOTICE_TEXT_MAX) return text;
  return `${text.slice(0, NOTICE_TEXT_MAX)}… (notice shortened: ${text.length} characters)`;
}

/** Errors meaning the connection died (server restart, idle kill), not that the SQL failed. */
function isDeadConnection(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return ["57P01", "57P02", "ECONNRESET", "EPIPE"].includes(e.code ?? "") || /Connection terminated|Client has encountered a connection error|not queryable/i.test(e.message ?? "");
}

export class QueryRunner {
  private readonly typeCaches = new Map<string, TypeNameCache>();
  private readonly logger: Logger;
  private readonly split: SplitScript;
  private readonly cancelGraceMs: number;

  constructor(private readonly pools: PoolRegistry, opts: QueryRunnerOptions = {}) {
    this.logger = opts.logger ?? silentLogger;
    this.split = opts.split ?? ((sql) => splitStatements(sql));
    this.cancelGraceMs = opts.cancelGraceMs ?? 800;
  }

  async runScript(target: DbTarget, sql: string, opts: RunOptions = {}): Promise<RunSummary> {
    const startedAt = Date.now();
    const statements = this.split(sql);
    const emit = async (e: RunEvent) => { await opts.onEvent?.(e); };
    const timing = { connectMs: 0, executeMs: 0, fetchMs: 0, totalMs: 0 } as RunSummary["timing"];
    const summary: RunSummary = { results: [], timing, cancelled: false, timedOut: false, statementsRun: 0 };
    const finish = (error?: QueryError) => {
      if (error) summary.error = error;
      timing.totalMs = Date.now() - startedAt;
      return summary;
    };

    // One controller for user cancel and timeout; `reason` tells them apart.
    const stop = new AbortController();
    const onUserAbort = () => stop.abort("cancel");
    opts.signal?.addEventListener("abort", onUserAbort, { once: true });
    if (opts.signal?.aborted) stop.abort("cancel");
    const timeout = opts.timeoutMs ? setTimeout(() => stop.abort("timeout"), opts.timeoutMs) : undefined;
    const wakeSub = this.pools.on("waking", (w) => {
      if (targetId(w.target) === targetId(target)) void emit({ type: "waking", attempt: w.attempt, elapsedMs: w.elapsedMs, reason: w.reason });
    });
    try {
      if (statements.length === 0) return finish();
      for (let attempt = 1; ; attempt++) {
        let checkout;
        try {
          checkout = await this.pools.connect(target, stop.signal);
        } catch (err) {
          if (stop.signal.aborted) return finish(this.stoppedError(summary, stop.signal.reason));
          const error: QueryError = { message: (err as Error).message, sqlstate: (err as { code?: string }).code };
          await emit({ type: "error", error });
          return finish(error);
        }
        timing.connectMs += checkout.connectMs;
        if (checkout.woke) timing.wakeMs = (timing.wakeMs ?? 0) + checkout.connectMs;
        const outcome = await this.runOn(checkout.client, target, statements, opts, emit, summary, stop);
        // A pooled connection the server had already closed: nothing ran, so try once more on a new one.
        if (outcome.retry && attempt === 1 && !checkout.fresh) {
          this.logger.info("The pooled connection was closed by the server; retrying on a new connection");
          continue;
        }
        // Not retried (a new connection died too): the caller must hear why nothing ran.
        if (outcome.retry && outcome.error) await emit({ type: "error", error: outcome.error });
        return finish(outcome.error);
      }
    } finally {
      clearTimeout(timeout);
      opts.signal?.removeEventListener("abort", onUserAbort);
      wakeSub.dispose();
    }
  }

  private async runOn(
    client: pg.PoolClient, target: DbTarget, statements: SqlSegment[], opts: RunOptions,
    emit: (e: RunEvent) => Promise<void>, summary: RunSummary, stop: AbortController,
  ): Promise<{ error?: QueryError; retry?: boolean }> {
    let current = -1;
    let destroyed = false;
    let txStatus = "I";
    let hardStop: NodeJS.Timeout | undefined;
    // A cancel request hits whatever the backend runs when it arrives (it names the session, not
    // the statement): one still in flight must not reach the next user of this connection.
    let cancelSent = false;
    let cancelLanded = false;
    const connection = (client as unknown as { connection: NodeJS.EventEmitter }).connection;
    const onReady = (msg: { status?: string }) => { txStatus = msg.status ?? txStatus; };
    // A loop of RAISE NOTICE must not fill memory: keep the first ones, count the rest.
    const maxNotices = Math.max(0, opts.maxNotices ?? DEFAULT_MAX_NOTICES);
    let noticesSeen = 0;
    const onNotice = (n: NoticeLike) => {
      if (++noticesSeen > maxNotices) return;
      void emit({ type: "notice", index: current >= 0 ? current : undefined, severity: n.severity ?? "NOTICE", message: shorten(n.message) ?? "", detail: shorten(n.detail), hint: shorten(n.hint), sqlstate: n.code });
    };
    const reportDropped = async () => {
      const dropped = noticesSeen - maxNotices;
      if (dropped > 0) await emit({ type: "notice", severity: "WARNING", message: `${dropped} more notices were dropped: only the first ${maxNotices} of a run are kept.` });
    };
    const onClientError = (err: Error) => this.logger.warn(`Connection error while running a query: ${err.message}`);
    const onStop = () => {
      const key = client as unknown as { processID: number | null; secretKey: number | null };
      if (key.processID !== null && key.secretKey !== null) {
        cancelSent = true;
        this.pools.cancel(target, { processID: key.processID, secretKey: key.secretKey })
          .catch((err: Error) => this.logger.warn(`Cancel request failed: ${err.message}`));
      }
      // If the server does not stop in time, drop the connection: the caller gets control back.
      hardStop = setTimeout(() => {
        destroyed = true;
        (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
      }, this.cancelGraceMs);
    };
    connection.on("readyForQuery", onReady);
    client.on("notice", onNotice);
    client.on("error", onClientError);
    stop.signal.addEventListener("abort", onStop, { once: true });
    const ctx: StatementContext = {
      client,
      maxRows: opts.maxRows ?? 100_000,
      maxBytes: opts.maxResultBytes ?? DEFAULT_MAX_RESULT_BYTES,
      pageSize: Math.max(1, opts.pageSize ?? DEFAULT_PAGE_SIZE),
      returnRows: opts.returnRows ?? 0,
      emit,
      typeNames: (oids) => this.typeNames(target, oids),
      isCancelled: () => stop.signal.aborted,
      addTiming: (e, f) => { summary.timing.executeMs += e; summary.timing.fetchMs += f; },
    };
    let error: QueryError | undefined;
    let retry = false;
    try {
      for (let i = 0; i < statements.length; i++) {
        const stmt = statements[i];
        current = i;
        if (stop.signal.aborted) break;
        if (isCopyFromStdin(stmt.text)) {
          error = { message: "COPY … FROM STDIN needs data from the client, which the editor cannot send. Use psql's \\copy, or INSERT statements.", statementIndex: i, sqlstate: "0A000" };
          await emit({ type: "error", error });
          break;
        }
        let bound: BoundStatement | undefined;
        try {
          bound = opts.parameters ? bindStatement(stmt.text, opts.parameters) : undefined;
        } catch (err) {
          error = { message: (err as Error).message, statementIndex: i, sqlstate: "07001" };
          await emit({ type: "error", error });
          break;
        }
        await emit({ type: "statementStarted", index: i, start: stmt.start, end: stmt.end });
        try {
          const results: ResultSummary[] = await runStatement(ctx, stmt, i, bound);
          summary.results.push(...results);
          summary.statementsRun++;
          if (isCopyToStdout(stmt.text)) {
            await emit({ type: "notice", index: i, severity: "INFO", message: "COPY TO STDOUT output is not shown in the results; use Export to save a query's rows to a file." });
          }
        } catch (err) {
          if ((err as { code?: unknown }).code === "57014") cancelLanded = true;
          if (stop.signal.aborted) {
            error = this.stoppedError(summary, stop.signal.reason, i);
          } else if (i === 0 && isDeadConnection(err) && summary.results.length === 0) {
            destroyed = true;
            retry = true;
            return { retry, error: toQueryError(err, stmt, i) };
          } else {
            error = toQueryError(withSourcePosition(err, bound), stmt, i);
            if (isDeadConnection(err)) destroyed = true;
          }
          await emit({ type: "error", error });
          break;
        }
      }
      if (!error && stop.signal.aborted) {
        error = this.stoppedError(summary, stop.signal.reason, current);
        await emit({ type: "error", error });
      }
      if (!destroyed) await this.resetSession(client, statements, txStatus, emit);
      await reportDropped();
      return { error };
    } finally {
      clearTimeout(hardStop);
      stop.signal.removeEventListener("abort", onStop);
      connection.off("readyForQuery", onReady);
      client.off("notice", onNotice);
      client.off("error", onClientError);
      if (cancelSent && !cancelLanded) destroyed = true;
      client.release(destroyed ? true : undefined);
    }
  }

  /** Leaves the pooled connection as a fresh one: no open transaction, no session settings. */
  private async resetSession(client: pg.PoolClient, statements: SqlSegment[], txStatus: string, emit: (e: RunEvent) => Promise<void>): Promise<void> {
    try {
      if (txStatus !== "I") {
        await client.query("ROLLBACK");
        await emit({ type: "notice", severity: "WARNING", message: "The script left a transaction open; it was rolled back. End it with COMMIT in the same run to keep its changes." });
      }
      if (statements.some((s) => changesSessionState(s.text))) await client.query("DISCARD ALL");
    } catch (err) {
      this.logger.warn(`Resetting the session failed: ${(err as Error).message}`);
    }
  }

  private stoppedError(summary: RunSummary, reason: unknown, index?: number): QueryError {
    if (reason === "timeout") {
      summary.timedOut = true;
      return { message: "The query timed out and was cancelled.", sqlstate: "57014", statementIndex: index };
    }
    summary.cancelled = true;
    return { message: "The query was cancelled.", sqlstate: "57014", statementIndex: index };
  }

  private typeNames(target: DbTarget, oids: number[]): Promise<Map<number, string>> {
    const id = targetId(target);
    let cache = this.typeCaches.get(id);
    if (!cache) this.typeCaches.set(id, (cache = new TypeNameCache()));
    // Another connection does the lookup (this one is streaming); bounded so a full pool cannot stall a query.
    return cache.resolve(oids, (sql, params) => withTimeout(this.pools.pool(target).query<{ oid: string; name: string }>(sql, params).then((r) => r.rows), 3000));
  }
}

/** A bound statement's error position is in the text sent; the editor wants it in the text written. */
function withSourcePosition(err: unknown, bound: BoundStatement | undefined): unknown {
  const position = Number((err as { position?: string } | undefined)?.position);
  if (!bound || !Number.isInteger(position) || position <= 0) return err;
  return { ...(err as object), message: (err as Error).message, position: String(bound.sourcePosition(position)) };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error("timed out")), ms); });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
