/**
 * How much of one result the client keeps: at most `maxRows` rows and `maxBytes` of cell text.
 * Bytes are estimated from the text values (each character plus a small per-cell overhead),
 * which is what the results panel holds; exact to the byte is not needed to bound memory.
 */
import type { CellValue } from "../../shared/protocol";

export type CapReason = "rows" | "bytes";

export interface ResultLimits {
  maxRows: number;
  maxBytes: number;
}

export const DEFAULT_MAX_RESULT_BYTES = 64 * 2 ** 20;
/** Upper bound of one cursor page in bytes: wide rows get smaller pages. */
const PAGE_BYTES = 4 * 2 ** 20;
const CELL_OVERHEAD = 8;

export function cellBytes(v: CellValue | undefined): number {
  return CELL_OVERHEAD + (typeof v === "string" ? v.length : 0);
}

export function rowBytes(row: ReadonlyArray<CellValue>): number {
  let n = CELL_OVERHEAD;
  for (const v of row) n += cellBytes(v);
  return n;
}

/** Counts what one result has kept so far and decides what still fits. */
export class ResultBudget {
  rows = 0;
  bytes = 0;
  cappedBy: CapReason | undefined;

  constructor(readonly limits: ResultLimits) {}

  get full(): boolean { return this.cappedBy !== undefined; }

  /** Whether one more row of `size` bytes fits; records why not when it does not. */
  admit(size: number): boolean {
    if (this.cappedBy) return false;
    if (this.rows >= this.limits.maxRows) { this.cappedBy = "rows"; return false; }
    if (this.bytes + size > this.limits.maxBytes) { this.cappedBy = "bytes"; return false; }
    this.rows++;
    this.bytes += size;
    return true;
  }

  /** The leading rows of `page` that fit; the rest is dropped and the budget is full. */
  take(page: CellValue[][]): CellValue[][] {
    let i = 0;
    while (i < page.length && this.admit(rowBytes(page[i]))) i++;
    return i === page.length ? page : page.slice(0, i);
  }

  /**
   * Rows to ask the server for next: a page, no more than could still fit (plus one, to learn
   * whether the result goes on), and fewer when rows are wide, so one page stays a few MB.
   */
  nextPage(pageSize: number): number {
    const byRows = this.limits.maxRows - this.rows + 1;
    if (this.rows === 0) return Math.max(1, Math.min(pageSize, byRows));
    const avg = Math.max(1, this.bytes / this.rows);
    const byBytes = Math.floor((this.limits.maxBytes - this.bytes) / avg) + 1;
    const byPage = Math.floor(PAGE_BYTES / avg);
    return Math.max(1, Math.min(pageSize, byRows, byBytes, byPage));
  }
}
