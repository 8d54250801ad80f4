/** Formats bench measurements as a table with ratios and the pass/fail of each target. */
export interface Row {
  name: string;
  firstPageMs: number | null;
  totalMs: number;
  rssDeltaMb: number | null;
  note?: string;
}

export interface Check { what: string; value: number; limit: number; unit: string; pass: boolean }

const fmt = (v: number | null, digits = 0) => (v === null || !Number.isFinite(v) ? "—" : v.toFixed(digits));

export function table(title: string, rows: Row[], baseline: Row): string {
  const head = ["", "first page ms", "total ms", `× ${baseline.name}`, "RSS Δ MB", "note"];
  const body = rows.map((r) => [r.name, fmt(r.firstPageMs, 1), fmt(r.totalMs), fmt(r.totalMs / baseline.totalMs, 2), fmt(r.rssDeltaMb, 1), r.note ?? ""]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [title, line(head), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}

export function checks(list: Check[]): string {
  return list.map((c) => `${c.pass ? "PASS" : "FAIL"}  ${c.what}: ${c.value.toFixed(c.unit === "×" ? 2 : 1)}${c.unit} (target ${c.unit === "×" ? "≤ " : "< "}${c.limit}${c.unit})`).join("\n");
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
