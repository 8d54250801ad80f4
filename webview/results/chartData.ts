// What a chart of a result shows: the default axes (first text column × first numeric one) and the points,
// read from the rows in the order the grid shows them (filter and sort included). Pure (no DOM, no Chart.js).
import type { CellValue, ChartKind, ColumnInfo } from "../../src/shared/protocol";
import { isNumericType } from "./copyFormats";

/** Column index for x, or ROW_NUMBER for "the row's position" (a result with nothing else to put on x). */
export const ROW_NUMBER = -1;
/** A chart draws this many rows at most: more bars or points than pixels tell nothing and cost seconds. */
export const MAX_CHART_POINTS = 5_000;

export interface ChartAxes { x: number; y: number }

export interface ChartSeries {
  /** x as text, one per point (the category axis of bar and line charts, the tooltip of scatter). */
  labels: string[];
  /** x as a number for a scatter chart: numeric columns as they are, dates and times as epoch ms, else null. */
  xs: Array<number | null>;
  /** y as a number; NULL or text that is not a number gives a gap (null). */
  ys: Array<number | null>;
  /** "number" and "time" x values can go on a linear axis; "category" ones only on a category axis. */
  xKind: "number" | "time" | "category";
  /** Rows in the view; `labels.length` of them are drawn. */
  total: number;
  truncated: boolean;
}

const TIME_TYPES = new Set(["date", "timestamp", "timestamptz", "timestamp without time zone", "timestamp with time zone"]);
// money is numeric to the grid but its text ("$1,234.00") is no number: not offered as y.
const isChartNumber = (c: ColumnInfo) => isNumericType(c.typeName) && c.typeName.toLowerCase() !== "money";
const isTime = (c: ColumnInfo) => TIME_TYPES.has(c.typeName.toLowerCase());

/** Columns that can go on y: the numeric ones. */
export function numericColumns(columns: ColumnInfo[]): number[] {
  return columns.flatMap((c, i) => (isChartNumber(c) ? [i] : []));
}

/**
 * First text column × the first numeric column after it (else the first numeric one): "id, customer, orders"
 * charts orders by customer, not the id; undefined when no column is numeric.
 */
export function defaultAxes(columns: ColumnInfo[]): ChartAxes | undefined {
  const nums = numericColumns(columns);
  if (nums.length === 0) return undefined;
  const text = columns.findIndex((c) => !isChartNumber(c));
  if (text >= 0) return { x: text, y: nums.find((i) => i > text) ?? nums[0]! };
  // Only numbers: the first on x and the next on y ("id, score"), or the row number for a lone column.
  return nums.length > 1 ? { x: nums[0]!, y: nums[1]! } : { x: ROW_NUMBER, y: nums[0]! };
}

/** Axes by column name (what the Chart command passes), falling back to the defaults for what it leaves out. */
export function axesByName(columns: ColumnInfo[], x: string | undefined, y: string | undefined): ChartAxes | undefined {
  const base = defaultAxes(columns);
  if (!base) return undefined;
  const xi = x === undefined ? base.x : x === "#" ? ROW_NUMBER : columns.findIndex((c) => c.name === x);
  const yi = y === undefined ? base.y : columns.findIndex((c) => c.name === y);
  if (xi === -1 && x !== "#") throw new Error(`The result has no column "${x}" for x. Columns: ${columns.map((c) => c.name).join(", ")}.`);
  if (yi < 0 || !isChartNumber(columns[yi]!)) throw new Error(`"${y}" is not a numeric column of the result; y takes one of: ${numericColumns(columns).map((i) => columns[i]!.name).join(", ")}.`);
  return { x: xi, y: yi };
}

const toNumber = (v: CellValue | undefined): number | null => {
  if (v === null || v === undefined || v.trim() === "") return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};

const toTime = (v: CellValue | undefined): number | null => {
  if (v === null || v === undefined) return null;
  // Postgres text: "2024-03-01 09:30:00+00" (space, short offset): make it ISO so Date.parse reads it everywhere.
  const iso = v.replace(" ", "T").replace(/([+-]\d{2})$/, "$1:00");
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
};

/** The points of `axes` over the first MAX_CHART_POINTS rows of the view. */
export function buildSeries(columns: ColumnInfo[], length: number, rowAt: (viewIndex: number) => CellValue[], axes: ChartAxes): ChartSeries {
  const n = Math.min(length, MAX_CHART_POINTS);
  const xCol = axes.x === ROW_NUMBER ? undefined : columns[axes.x];
  const xKind = !xCol || isChartNumber(xCol) ? "number" : isTime(xCol) ? "time" : "category";
  const labels = new Array<string>(n);
  const xs = new Array<number | null>(n);
  const ys = new Array<number | null>(n);
  for (let i = 0; i < n; i++) {
    const row = rowAt(i);
    const xv = axes.x === ROW_NUMBER ? String(i + 1) : row[axes.x];
    labels[i] = xv ?? "NULL";
    xs[i] = xKind === "number" ? toNumber(xv) : xKind === "time" ? toTime(xv) : null;
    ys[i] = toNumber(row[axes.y]);
  }
  return { labels, xs, ys, xKind, total: length, truncated: length > n };
}

/** A scatter chart needs a numeric (or time) x; with a text x it plots against the category axis instead. */
export const scatterOnCategories = (kind: ChartKind, s: ChartSeries) => kind === "scatter" && s.xKind === "category";

/** A file name for the PNG: "chart-total-by-customer.png". */
export function chartFileName(columns: ColumnInfo[], axes: ChartAxes): string {
  const part = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "column";
  const x = axes.x === ROW_NUMBER ? "row" : part(columns[axes.x]!.name);
  return `chart-${part(columns[axes.y]!.name)}-by-${x}.png`;
}
