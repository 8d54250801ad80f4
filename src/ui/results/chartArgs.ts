/** The argument of `lakebase.results.chart`, checked: {kind?: "bar"|"line"|"scatter", x?, y? (column names), close?: true}. */
import { UserFacingError } from "../../core/errors";
import { CHART_KINDS, type ChartKind } from "../../shared/protocol";

export interface ChartRequest { action: "open" | "close"; kind?: ChartKind; x?: string; y?: string }

export function chartArgs(arg: unknown): ChartRequest {
  if (arg === undefined || arg === null) return { action: "open" };
  const a = arg as Record<string, unknown>;
  const ok = typeof arg === "object" && (a.kind === undefined || CHART_KINDS.includes(a.kind as ChartKind))
    && (a.x === undefined || typeof a.x === "string") && (a.y === undefined || typeof a.y === "string") && (a.close === undefined || typeof a.close === "boolean");
  if (!ok) throw new UserFacingError('lakebase.results.chart takes {kind?: "bar" | "line" | "scatter", x?: column name ("#" for the row number), y?: numeric column name, close?: true}.');
  if (a.close === true) return { action: "close" };
  return { action: "open", kind: a.kind as ChartKind | undefined, x: a.x as string | undefined, y: a.y as string | undefined };
}
