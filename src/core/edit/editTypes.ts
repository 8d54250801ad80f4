/** Editing a table's rows: what the grid stages and the core turns into SQL. Plain data, no I/O. */
import type { CellValue } from "../../shared/protocol";

export interface EditColumn {
  name: string;
  /** The column's type as SQL (format_type), e.g. "integer", "character varying(20)", "jsonb", "text[]". */
  sqlType: string;
  /** Generated (stored) columns and identity ALWAYS columns cannot be written. */
  writable: boolean;
}

export interface EditTable {
  schema: string;
  table: string;
  /** Every column, in table order: the order of the rows an Edit Data result holds. */
  columns: EditColumn[];
  /** Primary-key column names, in key order. */
  key: string[];
}

/** One staged change. `original` is the whole row as it was read (text format, table column order). */
export type RowChange =
  | { kind: "update"; original: CellValue[]; values: Record<string, CellValue> }
  /** Columns left out get their DEFAULT. */
  | { kind: "insert"; values: Record<string, CellValue> }
  | { kind: "delete"; original: CellValue[] };

export interface EditStatement {
  sql: string;
  params: Array<CellValue | CellValue[]>;
  /** Indices of the changes it applies, in order: one, or a batch of consecutive changes of the same shape. */
  changes: number[];
  /**
   * Updates and deletes must touch exactly their rows: one that matches nothing changed (or went) since it was
   * read. Single statements are checked by their row count, batches by the ordinals they return.
   */
  check: "none" | "rowCount" | "ordinals";
}

export type EditOutcome =
  | { status: "applied"; inserted: number; updated: number; deleted: number; ms: number }
  /** Nothing was applied: the transaction was rolled back. */
  | { status: "conflict"; change: number; message: string }
  | { status: "error"; change?: number; message: string; sqlstate?: string; detail?: string };
