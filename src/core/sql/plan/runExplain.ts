import type { QueryRunner } from "../../db/queryRunner";
import type { DbTarget } from "../../db/types";
import type { ParameterValues } from "../params/bindParameters";
import { UserFacingError } from "../../errors";
import { splitStatements } from "../splitStatements";
import { changesData, type ExplainedPlan, explainSql, parseExplain } from "./explainPlan";

export interface ExplainRun {
  plan: ExplainedPlan;
  /** EXPLAIN's JSON as Postgres printed it. */
  raw: string;
  statement: string;
  analyze: boolean;
  /** ANALYZE of a data-changing statement ran inside a transaction that was rolled back. */
  rolledBack: boolean;
}

/**
 * EXPLAIN (or EXPLAIN ANALYZE) of one statement on the target. ANALYZE really runs the statement:
 * one that changes data runs between BEGIN and ROLLBACK on the same session, so nothing stays.
 * `confirm` is asked first in that case; answering false cancels. `parameters` are the values of
 * the statement's `$n` / `:name` placeholders, sent as bind parameters as Run sends them.
 */
export async function runExplain(
  runner: Pick<QueryRunner, "runScript">, db: DbTarget, sql: string,
  opts: { analyze: boolean; signal?: AbortSignal; confirm?: (statement: string) => Promise<boolean>; parameters?: ParameterValues },
): Promise<ExplainRun | undefined> {
  const statements = splitStatements(sql);
  if (statements.length !== 1) throw new UserFacingError(statements.length ? "Explain works on one statement: put the cursor in it or select only it." : "There is no statement to explain here.");
  const statement = statements[0].text;
  const rollback = opts.analyze && changesData(statement);
  if (rollback && opts.confirm && !(await opts.confirm(statement))) return undefined;
  const explain = explainSql(statement, opts.analyze);
  const script = rollback ? `BEGIN;\n${explain};\nROLLBACK` : explain;
  const summary = await runner.runScript(db, script, { signal: opts.signal, returnRows: 1, maxRows: 1, ...(opts.parameters ? { parameters: opts.parameters } : {}) });
  if (summary.error) {
    const e = summary.error;
    throw new UserFacingError(`EXPLAIN failed: ${e.message}${e.sqlstate ? ` (SQLSTATE ${e.sqlstate})` : ""}${e.hint ? `. Hint: ${e.hint}` : ""}`);
  }
  const result = summary.results.find((r) => r.columns[0]?.name === "QUERY PLAN");
  const raw = result?.rows?.[0]?.[0];
  if (typeof raw !== "string") throw new UserFacingError("EXPLAIN returned no plan.");
  return { plan: parseExplain(raw), raw, statement, analyze: opts.analyze, rolledBack: rollback };
}
