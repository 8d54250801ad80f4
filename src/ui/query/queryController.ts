/**
 * Runs SQL for the editor, the CodeLens, the panel's re-run and automation: one run at a time
 * (a new run cancels the previous one), results streamed to the panel with back-pressure, errors
 * put on the document, every run recorded in history. The work itself is the core QueryRunner's.
 */
import { randomUUID } from "node:crypto";
import * as vscode from "vscode";
import type { QueryHistory } from "../../core/history/queryHistory";
import type { RunEvent, RunSummary } from "../../core/db/runnerTypes";
import type { DbTarget } from "../../core/db/types";
import type { ResolvedTarget } from "../../core/target/resolvedTarget";
import type { ParameterValues } from "../../core/sql/params/bindParameters";
import type { EditInfo, ExtensionMessage, QueryTarget } from "../../shared/protocol";
import type { ResultsPanel } from "../results/resultsPanel";
import { querySettings } from "../settings";
import { folderKey, type Shell } from "../shell";
import type { QueryDiagnostics } from "./queryDiagnostics";
import { DEFAULT_RETURN_ROWS, type QuerySummary, statusOf, summarize, totalRows } from "./querySummary";
import { parametersForHistory } from "./queryParameters";
import { RunProgress } from "./runProgress";
import { queryTargetOf } from "./targetLabel";

export interface RunRequest {
  sql: string;
  folder: vscode.WorkspaceFolder;
  /** The document the SQL came from and the offset of its first character there (for error highlights). */
  source?: { document: vscode.TextDocument; baseOffset: number };
  /** Copy up to this many rows per result into the returned summary (default 100). */
  returnRows?: number;
  /** Run somewhere else than the folder's target (Edit Data on a branch from the explorer). */
  on?: { db: DbTarget; target: QueryTarget };
  /** Offer the first result for editing (Edit Data). */
  edit?: EditInfo;
  /** Values of the SQL's placeholders, sent as bind parameters. */
  parameters?: ParameterValues;
  /** The editor whose own target (if it has one) the run uses instead of the folder's; default: `source`'s. */
  targetDocument?: vscode.TextDocument;
}

/** A document's own target, resolved; undefined when it runs on its folder's. */
export type OwnTarget = (doc: vscode.TextDocument | undefined, signal: AbortSignal) => Promise<ResolvedTarget> | undefined;

/** What export needs to re-read a result in full: where it ran and the statement that produced it. */
export interface ResultOrigin { db: DbTarget; sql: string; statementIndex: number }

export interface RunDone { folder: vscode.WorkspaceFolder; sql: string; statementsRun: number; document?: vscode.TextDocument }

interface ActiveRun { queryId: string; abort: AbortController; done: Promise<unknown> }

export class QueryController implements vscode.Disposable {
  private active: ActiveRun | undefined;
  private lastRequest: RunRequest | undefined;
  private readonly origins = new Map<string, ResultOrigin>();
  private readonly ran = new vscode.EventEmitter<RunDone>();
  /** After every run that reached the server (the SQL language features re-read the catalog after DDL). */
  readonly onDidRun = this.ran.event;

  constructor(
    private readonly shell: Shell, private readonly panel: ResultsPanel, private readonly history: QueryHistory, private readonly diagnostics: QueryDiagnostics,
    private readonly ownTarget?: OwnTarget,
  ) {}

  get running(): boolean { return this.active !== undefined; }

  /** Cancels the running query (all of it, or only if it is `queryId`). True when something was cancelled. */
  cancel(queryId?: string): boolean {
    if (!this.active || (queryId && this.active.queryId !== queryId)) return false;
    this.active.abort.abort();
    return true;
  }

  origin(resultId: string): ResultOrigin | undefined { return this.origins.get(resultId); }

  /** Result ids of the current query in order, for commands that address a result by index. */
  resultIds(): string[] { return [...this.origins.keys()]; }

  /** The folder of the last run: what the panel's own buttons act on when no editor is active. */
  get lastFolder(): vscode.WorkspaceFolder | undefined {
    return this.lastRequest?.folder;
  }

  rerunLast(): Promise<QuerySummary> | undefined {
    // Run Again stays on the editor's target, without putting errors on a document that may have changed.
    return this.lastRequest ? this.run({ ...this.lastRequest, source: undefined, targetDocument: this.lastRequest.targetDocument ?? this.lastRequest.source?.document }) : undefined;
  }

  async run(req: RunRequest): Promise<QuerySummary> {
    const queryId = randomUUID();
    const abort = new AbortController();
    let settle!: () => void;
    const run: ActiveRun = { queryId, abort, done: new Promise<void>((r) => { settle = r; }) };
    const previous = this.active;
    this.active = run;
    this.setRunningContext(true);
    try {
      if (previous) { previous.abort.abort(); await previous.done; }
      if (abort.signal.aborted) throw new vscode.CancellationError();
      this.lastRequest = req;
      return await this.execute(req, queryId, abort);
    } catch (err) {
      // Cancelled (or replaced by a newer run) while connecting: not a failure to report.
      if (abort.signal.aborted) throw new vscode.CancellationError();
      throw err;
    } finally {
      settle();
      if (this.active === run) { this.active = undefined; this.setRunningContext(false); }
    }
  }

  private async execute(req: RunRequest, queryId: string, abort: AbortController): Promise<QuerySummary> {
    const settings = querySettings(req.folder.uri);
    const targetDocument = req.targetDocument ?? req.source?.document;
    const resolved = req.on ? undefined : await (this.ownTarget?.(targetDocument, abort.signal) ?? this.shell.services.resolve(folderKey(req.folder), abort.signal));
    const db = req.on?.db ?? resolved!.db;
    const target = req.on?.target ?? queryTargetOf(resolved!.target);
    if (req.source) this.diagnostics.clear(req.source.document.uri);
    this.origins.clear();
    this.panel.show();
    this.post({ type: "queryStarted", queryId, sql: req.sql, target, startedAt: Date.now() });

    const progress = new RunProgress(`Lakebase: running on ${target.label}`, () => abort.abort());
    const notices: string[] = [];
    let results = 0;
    let resultId = "";
    let loaded = 0;
    let rowsTotal = 0;
    const onEvent = async (e: RunEvent): Promise<void> => {
      switch (e.type) {
        case "statementStarted": progress.set(`Statement ${e.index + 1}…`); break;
        case "resultStarted":
          resultId = `${queryId}/${results}`;
          loaded = 0;
          this.origins.set(resultId, { db, sql: req.sql, statementIndex: e.index });
          this.post({ type: "resultStarted", resultId, queryId, index: results, columns: e.columns, ...(req.edit && results === 0 ? { edit: req.edit } : {}) });
          results++;
          break;
        case "rows":
          loaded += e.rows.length;
          rowsTotal += e.rows.length;
          this.post({ type: "rows", resultId, rows: e.rows, totalLoaded: loaded });
          progress.set(`${rowsTotal.toLocaleString()} rows loaded`);
          await this.panel.caughtUp(resultId, settings.pageSize);
          break;
        case "resultDone":
          this.post({
            type: "resultDone", resultId, command: e.command, rowCount: e.rowCount, truncated: e.truncated, limit: settings.maxRows,
            ...(e.cappedBy ? { cappedBy: e.cappedBy } : {}), ...(e.cappedBy === "bytes" ? { limitBytes: settings.maxResultBytes } : {}),
          });
          break;
        case "notice": {
          const text = [e.message, e.detail && `DETAIL: ${e.detail}`, e.hint && `HINT: ${e.hint}`].filter(Boolean).join("\n");
          notices.push(`${e.severity}: ${text}`);
          this.post({ type: "notice", queryId, severity: e.severity, message: text });
          break;
        }
        case "waking":
          progress.set(`Waiting for the compute to wake up (attempt ${e.attempt})…`);
          if (e.attempt === 1) this.post({ type: "notice", queryId, severity: "INFO", message: "The compute is waking up from scale-to-zero; the query starts when it accepts connections." });
          break;
        case "error": break; // reported once, from the summary
      }
    };
    let summary: RunSummary;
    try {
      summary = await this.shell.services.runner.runScript(db, req.sql, {
        signal: abort.signal, maxRows: settings.maxRows, maxResultBytes: settings.maxResultBytes, pageSize: settings.pageSize, timeoutMs: settings.timeoutMs || undefined, returnRows: req.returnRows ?? DEFAULT_RETURN_ROWS, onEvent,
        ...(req.parameters ? { parameters: req.parameters } : {}),
      });
    } catch (err) {
      this.post({ type: "queryError", queryId, message: (err as Error).message });
      throw err;
    } finally {
      progress.dispose();
    }
    this.ran.fire({ folder: req.folder, sql: req.sql, statementsRun: summary.statementsRun, ...(targetDocument && !req.on ? { document: targetDocument } : {}) });
    const errorAt = this.reportError(req, summary);
    const status = statusOf(summary);
    if (summary.error) {
      const { message, detail, hint, sqlstate } = summary.error;
      // A user's cancel and the timeout setting are outcomes, not SQL errors; lines are the file's own.
      const outcome = status === "cancelled" || status === "timeout" ? status : undefined;
      this.post({ type: "queryError", queryId, message, detail, hint, sqlstate, position: positionInScript(req.sql, summary.error.scriptOffset),
        outcome, ...(errorAt ? { line: errorAt.line + 1, column: errorAt.character + 1 } : {}) });
    } else {
      this.post({ type: "queryDone", queryId, timing: summary.timing });
    }
    await this.history.add({
      target: { profile: db.profile, endpoint: db.endpoint, database: db.database, user: db.user, label: target.label },
      sql: req.sql, durationMs: summary.timing.totalMs, rows: totalRows(summary),
      status: status === "ok" ? "ok" : status === "error" ? "error" : "cancelled",
      ...(summary.error ? { error: summary.error.message } : {}),
      ...(req.parameters ? { parameters: parametersForHistory(req.parameters, (t) => this.shell.log.redact(t)) } : {}),
    }).catch((err: Error) => this.shell.log.logger.warn(`Saving query history failed: ${err.message}`));
    return summarize(queryId, target.label, summary, notices, errorAt);
  }

  /** Puts a real error (not a cancel) on the source document; returns its 0-based line/character. */
  private reportError(req: RunRequest, summary: RunSummary): { line: number; character: number } | undefined {
    if (!summary.error || statusOf(summary) !== "error" || !req.source) return undefined;
    const d = this.diagnostics.report(req.source.document, req.sql, req.source.baseOffset, summary.error);
    return d ? { line: d.range.start.line, character: d.range.start.character } : undefined;
  }

  private post(msg: ExtensionMessage): void { this.panel.post(msg); }

  private setRunningContext(running: boolean): void {
    void vscode.commands.executeCommand("setContext", "lakebase.queryRunning", running);
  }

  dispose(): void { this.active?.abort.abort(); this.ran.dispose(); }
}

/** The webview's caret wants a 1-based position in characters (code points) of the whole script. */
function positionInScript(sql: string, scriptOffset: number | undefined): number | undefined {
  return scriptOffset === undefined ? undefined : [...sql.slice(0, scriptOffset)].length + 1;
}
