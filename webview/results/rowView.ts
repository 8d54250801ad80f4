// The order in which the grid shows rows: a permutation of row indices after filter and sort.
// Rows are never copied or moved; sorting works on an Int32Array of indices so 100k rows sort in milliseconds.
// Pure (no DOM): unit-tested under Node.
import type { CellValue } from "../../src/shared/protocol";

export type SortDir = "asc" | "desc";
export interface SortSpec { col: number; dir: SortDir }

/** Case-insensitive "contains" test over all cells (or only `cols`, the shown ones); NULL never matches. */
export function makeFilter(query: string, cols: readonly number[] | null = null): ((row: CellValue[]) => boolean) | null {
  const q = query.trim();
  if (!q) return null;
  const re = new RegExp(q.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i");
  if (cols) return (row) => { for (const c of cols) { const v = row[c]; if (v !== null && v !== undefined && re.test(v)) return true; } return false; };
  return (row) => {
    for (const v of row) if (v !== null && re.test(v)) return true;
    return false;
  };
}

export interface RowComparator {
  compare: (a: number, b: number) => number;
  /** Takes in rows appended since the comparator was made. */
  extend(): void;
}

/**
 * Comparator over row indices, mirroring Postgres defaults: NULLS LAST ascending, NULLS FIRST descending;
 * numeric columns compare as numbers (NaN above every number; int8/numeric beyond 2^53 compare by their nearest
 * double); text compares by UTF-16 code units (like COLLATE "C"), fast and deterministic. Ties keep load order,
 * so the sort is stable in both directions. The sort column is extracted once into flat arrays: the comparator
 * then touches no row objects.
 */
export function makeComparator(rows: CellValue[][], spec: SortSpec, numeric: boolean): RowComparator {
  const { col } = spec;
  const sign = spec.dir === "asc" ? 1 : -1;
  let keys = new Float64Array(0);
  let nulls = new Uint8Array(0);
  const texts: string[] = [];
  let n = 0;
  const extend = () => {
    if (rows.length > keys.length) {
      const cap = Math.max(rows.length, keys.length * 2);
      const k = new Float64Array(cap); k.set(keys); keys = k;
      const z = new Uint8Array(cap); z.set(nulls); nulls = z;
    }
    for (; n < rows.length; n++) {
      const v = rows[n]![col];
      if (v === null || v === undefined) { nulls[n] = 1; if (!numeric) texts[n] = ""; continue; }
      if (numeric) keys[n] = Number(v); else texts[n] = v;
    }
  };
  extend();
  const compare = numeric
    ? (a: number, b: number) => {
      const na = nulls[a]!, nb = nulls[b]!;
      let c: number;
      if (na | nb) c = na === nb ? 0 : na ? 1 : -1;
      else {
        const ka = keys[a]!, kb = keys[b]!;
        c = ka < kb ? -1 : ka > kb ? 1 : ka === kb ? 0 : Number.isNaN(ka) ? (Number.isNaN(kb) ? 0 : 1) : -1;
      }
      return c * sign || a - b;
    }
    : (a: number, b: number) => {
      const na = nulls[a]!, nb = nulls[b]!;
      let c: number;
      if (na | nb) c = na === nb ? 0 : na ? 1 : -1;
      else { const va = texts[a]!, vb = texts[b]!; c = va < vb ? -1 : va > vb ? 1 : 0; }
      return c * sign || a - b;
    };
  return { compare, extend };
}

/**
 * Live view over a growing row array. `order === null` means identity (no filter, no sort): the common case
 * costs no memory. Appends filter and merge only the new rows, so streaming pages never re-sorts everything.
 */
export class RowView {
  private order: Int32Array | null = null;
  private orderLength = 0;
  private filter: ((row: CellValue[]) => boolean) | null = null;
  private comparator: RowComparator | null = null;
  private seen = 0;
  sort: SortSpec | null = null;
  filterText = "";
  /** The columns the filter looks at when some are hidden (null: all). */
  private filterCols: readonly number[] | null = null;

  constructor(private readonly rows: CellValue[][], private readonly isNumeric: (col: number) => boolean) {
    this.seen = rows.length;
  }

  get length(): number { return this.order ? this.orderLength : this.rows.length; }

  /** Index into the row array of the row shown at view position `i`. */
  rowAt(i: number): number { return this.order ? this.order[i]! : i; }

  setFilter(text: string): void { this.filterText = text; this.rebuild(); }
  /** Hidden columns do not match: the filter looks at the shown ones (null: all). Rebuilds only if a filter is on. */
  setFilterColumns(cols: readonly number[] | null): void {
    const same = cols === this.filterCols || (!!cols && !!this.filterCols && cols.length === this.filterCols.length && cols.every((c, i) => c === this.filterCols![i]));
    this.filterCols = cols;
    if (!same && this.filterText.trim()) this.rebuild();
  }
  setSort(spec: SortSpec | null): void { this.sort = spec; this.rebuild(); }

  /** Call after rows were pushed onto the array. */
  appended(): void {
    const from = this.seen;
    this.seen = this.rows.length;
    if (!this.order || from === this.seen) return;
    let fresh: number[] = [];
    for (let i = from; i < this.seen; i++) if (!this.filter || this.filter(this.rows[i]!)) fresh.push(i);
    if (this.sort) {
      // Sort only the fresh part, then merge it into the sorted order: O(n + k log k) per page.
      this.comparator ??= makeComparator(this.rows, this.sort, this.isNumeric(this.sort.col));
      this.comparator.extend();
      fresh = fresh.sort(this.comparator.compare);
      this.setOrder(mergeSorted(this.order.subarray(0, this.orderLength), fresh, this.comparator.compare));
    } else {
      this.ensureCapacity(this.orderLength + fresh.length);
      this.order.set(fresh, this.orderLength);
      this.orderLength += fresh.length;
    }
  }

  private rebuild(): void {
    this.filter = makeFilter(this.filterText, this.filterCols);
    this.seen = this.rows.length;
    this.comparator = null;
    if (!this.filter && !this.sort) { this.order = null; this.orderLength = 0; return; }
    let idx: Int32Array;
    if (this.filter) {
      const tmp = new Int32Array(this.rows.length);
      let n = 0;
      for (let i = 0; i < this.rows.length; i++) if (this.filter(this.rows[i]!)) tmp[n++] = i;
      idx = tmp.slice(0, n);
    } else {
      idx = new Int32Array(this.rows.length);
      for (let i = 0; i < idx.length; i++) idx[i] = i;
    }
    if (this.sort) {
      this.comparator = makeComparator(this.rows, this.sort, this.isNumeric(this.sort.col));
      idx.sort(this.comparator.compare);
    }
    this.setOrder(idx);
  }

  private setOrder(idx: Int32Array): void { this.order = idx; this.orderLength = idx.length; }

  private ensureCapacity(n: number): void {
    if (!this.order || this.order.length >= n) return;
    const grown = new Int32Array(Math.max(n, this.order.length * 2));
    grown.set(this.order.subarray(0, this.orderLength));
    this.order = grown;
  }
}

export function mergeSorted(a: Int32Array, b: number[], cmp: (x: number, y: number) => number): Int32Array {
  const out = new Int32Array(a.length + b.length);
  let i = 0, j = 0, k = 0;
  while (i < a.length && j < b.length) out[k++] = cmp(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}
