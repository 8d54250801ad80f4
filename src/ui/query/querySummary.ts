/** What a run returns to automation (`lakebase.query.run` with `{sql}`, the public API): plain JSON. */
import type { QueryError } from "../../core/db/queryError";
import type { RunSummary } from "../../core/db/runnerTypes";
import type { CellValue, QueryTiming } from "../../shared/protocol";

/** Rows per result copied into a summary unless the caller asks otherwise. */
export const DEFAULT_RETURN_ROWS = 100;

export type QueryStatus = "ok" | "error" | "cancelled" | "timeout";

export interface QueryResultSummary {
  statementIndex: number;
  command: string;
  /** Rows returned (SELECT) or affected (INSERT/UPDATE/DELETE); null when the server gives no count. */
  rowCount: number | null;
  columns: Array<{ name: string; typeName: string }>;
  /** True when the result had more rows than lakebase.query.maxRows (or more text than maxResultBytes) and fetching stopped there. */
  truncated: boolean;
  /** Which limit stopped a truncated result: "rows" (maxRows) or "bytes" (maxResultBytes). */
  cappedBy?: "rows" | "bytes";
  /** The first rows as text (only when asked for with `returnRows`). */
  rows?: CellValue[][];
}

export interface QuerySummary {
  queryId: string;
  status: QueryStatus;
  /** Human label of where it ran: "project / branch / database". */
  target: string;
  results: QueryResultSummary[];
  /** Statements that ran to completion. */
  statementsRun: number;
  timing: QueryTiming & { totalMs: number };
  notices: string[];
  error?: QueryError & { line?: number; character?: number };
}

export function statusOf(run: RunSummary): QueryStatus {
  if (run.timedOut) return "timeout";
  if (run.cancelled) return "cancelled";
  return run.error ? "error" : "ok";
}

export function summarize(queryId: string, target: string, run: RunSummary, notices: string[], errorAt?: { line: number; character: number }): QuerySummary {
  return {
    queryId,
    status: statusOf(run),
    target,
    results: run.results.map((r) => ({
      statementIndex: r.statementIndex, command: r.command, rowCount: r.rowCount, truncated: r.truncated,
      ...(r.cappedBy ? { cappedBy: r.cappedBy } : {}),
      columns: r.columns.map((c) => ({ name: c.name, typeName: c.typeName })),
      ...(r.rows ? { rows: r.rows } : {}),
    })),
    statementsRun: run.statementsRun,
    timing: run.timing,
    notices,
    ...(run.error ? { error: { ...run.error, ...errorAt } } : {}),
  };
}

/** Rows shown or affected across all results, for history. */
export function totalRows(run: RunSummary): number | null {
  const counts = run.results.map((r) => r.rowCount).filter((n): n is number => n !== null);
  return counts.length ? counts.reduce((a, b) => a + b, 0) : null;
}
