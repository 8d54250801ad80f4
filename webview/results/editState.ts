// Staged edits of one "Edit Data" result: cell changes, inserted and deleted rows. The grid shows the staged
// values (rows are changed in place, the originals kept here for Revert); the host gets only row indices and
// new values, and takes the originals from its own copy of the rows. Pure (no DOM): unit-tested under Node.
import type { CellValue, EditInfo, StagedChange } from "../../src/shared/protocol";

export class EditState {
  /** Rows the result had when editing started; later indices are inserted rows. */
  readonly baseRows: number;
  private readonly originals = new Map<number, CellValue[]>();
  private readonly changed = new Map<number, Set<number>>();
  private readonly deleted = new Set<number>();

  constructor(readonly info: EditInfo, private readonly rows: CellValue[][], private readonly onRowsAdded: () => void) {
    this.baseRows = rows.length;
  }

  get readOnly(): boolean { return this.info.readOnlyReason !== undefined; }
  get count(): number {
    let n = this.deleted.size + (this.rows.length - this.baseRows);
    for (const [row, cols] of this.changed) if (row < this.baseRows && !this.deleted.has(row) && cols.size) n++;
    return n;
  }

  canEdit(col: number): boolean { return !this.readOnly && this.info.writable[col] === true; }

  setCell(row: number, col: number, value: CellValue): void {
    if (!this.canEdit(col) || this.deleted.has(row)) return;
    const current = this.rows[row]!;
    if (row < this.baseRows && !this.originals.has(row)) this.originals.set(row, [...current]);
    current[col] = value;
    const cols = this.changed.get(row) ?? new Set<number>();
    // Typing the original value back is no change at all.
    if (row < this.baseRows && this.originals.get(row)![col] === value) cols.delete(col); else cols.add(col);
    this.changed.set(row, cols);
  }

  addRow(): number {
    this.rows.push(this.info.writable.map(() => null));
    this.changed.set(this.rows.length - 1, new Set());
    this.onRowsAdded();
    return this.rows.length - 1;
  }

  toggleDelete(rows: number[]): void {
    const all = rows.every((r) => this.deleted.has(r));
    for (const r of rows) if (r < this.baseRows) { if (all) this.deleted.delete(r); else this.deleted.add(r); }
  }

  isDeleted(row: number): boolean { return this.deleted.has(row); }
  isInserted(row: number): boolean { return row >= this.baseRows; }
  isChanged(row: number, col: number): boolean { return this.changed.get(row)?.has(col) === true; }

  /** Deletes first (a key freed can be reused), then updates, then inserts. */
  changes(): StagedChange[] {
    const out: StagedChange[] = [];
    for (const row of [...this.deleted].sort((a, b) => a - b)) out.push({ kind: "delete", row });
    for (const [row, cols] of [...this.changed].sort((a, b) => a[0] - b[0])) {
      if (row >= this.baseRows || this.deleted.has(row) || cols.size === 0) continue;
      out.push({ kind: "update", row, values: Object.fromEntries([...cols].sort((a, b) => a - b).map((c) => [String(c), this.rows[row]![c] ?? null])) });
    }
    for (let row = this.baseRows; row < this.rows.length; row++) {
      const cols = this.changed.get(row) ?? new Set<number>();
      out.push({ kind: "insert", values: Object.fromEntries([...cols].sort((a, b) => a - b).map((c) => [String(c), this.rows[row]![c] ?? null])) });
    }
    return out;
  }

  /** Stages again what `changes()` returned (a webview rebuilt after hide/show restores its edits). */
  restore(changes: StagedChange[]): void {
    for (const c of changes) {
      if (c.kind === "delete") { if (c.row < this.baseRows) this.deleted.add(c.row); continue; }
      const row = c.kind === "update" ? c.row : this.addRow();
      if (row >= this.rows.length) continue;
      for (const [k, v] of Object.entries(c.values)) this.setCell(row, Number(k), v);
    }
  }

  /** Puts every row back as it was read and drops inserted rows. Returns true when rows were removed. */
  revert(): boolean {
    for (const [row, values] of this.originals) this.rows[row] = values;
    this.originals.clear();
    this.changed.clear();
    this.deleted.clear();
    const removed = this.rows.length > this.baseRows;
    this.rows.length = this.baseRows;
    return removed;
  }
}
