/**
 * A simple-protocol query (any statement, several results) that keeps at most a budget of rows
 * per result: rows past it are counted by the server's CommandComplete but never parsed or kept,
 * so a statement that returns rows outside the cursor (CALL, a fallback) cannot fill memory.
 */
import type pg from "pg";
import { pgDriver } from "./pgDriver";
import { type CapReason, ResultBudget, type ResultLimits, rowBytes } from "./resultLimits";
import type { CellValue } from "./runnerTypes";
import { TEXT_TYPES } from "./runnerTypes";

export interface CappedResult {
  command: string | null;
  rowCount: number | null;
  fields: Array<{ name: string; dataTypeID: number }>;
  rows: CellValue[][];
  cappedBy?: CapReason;
}

type Callback = (err: Error | undefined, result: unknown) => void;

type BaseQuery = new (config: pg.QueryConfig & { rowMode: "array"; types: typeof TEXT_TYPES }, callback: Callback) => {
  handleDataRow(msg: { fields: Array<string | null> }): void;
};

let cappedQuery: ReturnType<typeof defineCappedQuery> | undefined;

// pg's Query handles the protocol; only its per-row step is narrowed here. Defined at first use: pg loads then.
const defineCappedQuery = (base: BaseQuery) => class CappedQuery extends base {
  private budget: ResultBudget;
  private current: unknown;

  constructor(text: string, private readonly limits: ResultLimits, callback: Callback) {
    super({ text, rowMode: "array", types: TEXT_TYPES }, callback);
    this.budget = new ResultBudget(limits);
  }

  override handleDataRow(msg: { fields: Array<string | null> }): void {
    // A new result of a multi-statement string starts a new budget.
    const result = (this as unknown as { _result: { capped?: CapReason } })._result;
    if (result !== this.current) {
      this.current = result;
      this.budget = new ResultBudget(this.limits);
    }
    if (!this.budget.admit(rowBytes(msg.fields))) {
      result.capped = this.budget.cappedBy;
      return;
    }
    super.handleDataRow(msg);
  }
};

export function runCapped(client: pg.ClientBase, text: string, limits: ResultLimits): Promise<CappedResult[]> {
  return new Promise((resolve, reject) => {
    cappedQuery ??= defineCappedQuery(pgDriver().pg.Query as unknown as BaseQuery);
    const q = new cappedQuery(text, limits, (err, raw) => {
      if (err) return reject(err);
      const list = (Array.isArray(raw) ? raw : [raw]) as Array<CappedResult & { capped?: CapReason }>;
      resolve(list.map((r) => ({ command: r.command, rowCount: r.rowCount, fields: r.fields ?? [], rows: (r.rows ?? []) as CellValue[][], cappedBy: r.capped })));
    });
    // A Submittable: pg returns it (not a promise) and reports through the callback above.
    client.query(q as unknown as pg.Submittable);
  });
}
