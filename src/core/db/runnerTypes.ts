/** Events and results of running a script; shapes match src/shared/protocol.ts where they meet. */
import type { CellValue, ColumnInfo, QueryTiming } from "../../shared/protocol";
import type { QueryError } from "./queryError";
import type { CapReason } from "./resultLimits";
import type { ParameterValues } from "../sql/params/bindParameters";

export type { CellValue, ColumnInfo } from "../../shared/protocol";

export type RunEvent =
  | { type: "statementStarted"; index: number; start: number; end: number }
  | { type: "resultStarted"; index: number; columns: ColumnInfo[] }
  | { type: "rows"; index: number; rows: CellValue[][] }
  /** `cappedBy` says which limit stopped a truncated result. */
  | { type: "resultDone"; index: number; command: string; rowCount: number | null; truncated: boolean; cappedBy?: CapReason }
  | { type: "notice"; index?: number; severity: string; message: string; detail?: string; hint?: string; sqlstate?: string }
  | { type: "waking"; attempt: number; elapsedMs: number; reason: string }
  | { type: "error"; error: QueryError };

/** Awaited: a slow consumer slows the fetching (back-pressure), so memory stays bounded. */
export type RunEventHandler = (event: RunEvent) => void | Promise<void>;

export interface RunOptions {
  signal?: AbortSignal;
  /** Rows kept per result; fetching stops after this many (default 100,000). */
  maxRows?: number;
  /** Cell text kept per result, in (estimated) bytes; fetching stops past it (default 64 MB). */
  maxResultBytes?: number;
  /** Notices kept per run (default 1,000); the rest are counted in one closing notice. */
  maxNotices?: number;
  /** Rows per `rows` event and per cursor fetch (default DEFAULT_PAGE_SIZE, 1,000). */
  pageSize?: number;
  onEvent?: RunEventHandler;
  /** Client-side limit for the whole script; on expiry it is cancelled like a user cancel. */
  timeoutMs?: number;
  /** Copy up to this many rows per result into the summary (automation, tests). Default 0. */
  returnRows?: number;
  /**
   * Values of the script's `$n` / `:name` placeholders, sent as bind parameters (never written
   * into the SQL). Absent: statements are sent as written.
   */
  parameters?: ParameterValues;
}

export interface ResultSummary {
  statementIndex: number;
  command: string;
  rowCount: number | null;
  columns: ColumnInfo[];
  truncated: boolean;
  /** Which limit stopped a truncated result: maxRows or maxResultBytes. */
  cappedBy?: CapReason;
  rows?: CellValue[][];
}

export interface RunTiming extends QueryTiming {
  totalMs: number;
}

export interface RunSummary {
  results: ResultSummary[];
  timing: RunTiming;
  error?: QueryError;
  cancelled: boolean;
  timedOut: boolean;
  /** Statements that ran to completion. */
  statementsRun: number;
}

/** Values exactly as Postgres prints them: no parsing into JS numbers/dates. */
export const TEXT_TYPES = { getTypeParser: () => (value: string) => value };
