/** A Postgres error as the editor needs it: text fields plus a position inside the whole script. */
import { errorPositionToOffset, type SqlSegment } from "../sql/splitStatements";

export interface QueryError {
  message: string;
  detail?: string;
  hint?: string;
  sqlstate?: string;
  /** Index of the failing statement in the script. */
  statementIndex?: number;
  /** 1-based character position inside the statement, as Postgres reported it. */
  position?: number;
  /** 0-based offset (UTF-16 units) of that position in the whole script, for highlighting. */
  scriptOffset?: number;
  /** Where the error is inside a function body or an internally generated query. */
  where?: string;
  internalQuery?: string;
}

interface PgErrorFields {
  message?: string; detail?: string; hint?: string; code?: string; position?: string;
  where?: string; internalQuery?: string;
}

export function toQueryError(err: unknown, statement?: SqlSegment, statementIndex?: number): QueryError {
  const e = (err ?? {}) as PgErrorFields;
  const out: QueryError = { message: typeof e.message === "string" && e.message ? e.message : String(err) };
  if (e.detail) out.detail = e.detail;
  if (e.hint) out.hint = e.hint;
  if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) out.sqlstate = e.code;
  if (e.where) out.where = e.where;
  if (e.internalQuery) out.internalQuery = e.internalQuery;
  if (statementIndex !== undefined) out.statementIndex = statementIndex;
  const position = e.position ? Number(e.position) : NaN;
  if (Number.isInteger(position) && position > 0) {
    out.position = position;
    if (statement) out.scriptOffset = errorPositionToOffset(statement, position);
  }
  return out;
}
