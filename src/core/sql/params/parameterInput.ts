/**
 * What the parameter prompt needs besides the box itself: reading a typed value (`NULL` is SQL
 * NULL, anything else is the text as typed, quotes included), a warning for a value the inferred
 * type will refuse (the server still decides), and the per-document memory of last values.
 */
import type { ParameterValues } from "./bindParameters";

/** `NULL` in any case (blanks around it ignored) is SQL NULL; everything else is sent as typed. */
export function parseParameterInput(typed: string): string | null {
  return typed.trim().toUpperCase() === "NULL" ? null : typed;
}

/** What the box shows for a remembered value. */
export function formatParameterInput(value: string | null | undefined): string {
  return value === null ? "NULL" : (value ?? "");
}

const INTEGER = /^(smallint|integer|bigint|int|int2|int4|int8|serial|bigserial|smallserial)$/;
const NUMERIC = /^(numeric|decimal|real|double precision|float4|float8)(\(.*\))?$/;

/** A warning (not a refusal) when the value cannot be of the inferred type. */
export function parameterWarning(typed: string, type: string | undefined): string | undefined {
  if (!type || parseParameterInput(typed) === null) return undefined;
  const v = typed.trim();
  if (INTEGER.test(type) && !/^[+-]?\d+$/.test(v)) return `${type} expects a whole number; the server will refuse "${short(typed)}".`;
  if (NUMERIC.test(type) && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v) && !/^[+-]?(nan|infinity|inf)$/i.test(v)) return `${type} expects a number; the server will refuse "${short(typed)}".`;
  if (type === "boolean" && !/^(t|f|true|false|y|n|yes|no|on|off|1|0)$/i.test(v)) return `boolean expects true or false; the server will refuse "${short(typed)}".`;
  return undefined;
}

function short(s: string): string {
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

/** Last values per document (URI), newest document last, at most `limit` documents. */
export type RememberedParameters = Record<string, Record<string, string | null>>;

export function rememberParameters(all: RememberedParameters | undefined, document: string, values: ParameterValues, keep: (value: string) => boolean, limit = 50): RememberedParameters {
  const merged: Record<string, string | null> = { ...(all?.[document] ?? {}) };
  for (const [k, v] of Object.entries(values)) {
    // A value that looks like a secret is not written to workspace storage.
    if (v === null || keep(v)) merged[k] = v;
    else delete merged[k];
  }
  const rest = Object.entries(all ?? {}).filter(([d]) => d !== document);
  return Object.fromEntries([...rest.slice(Math.max(0, rest.length - (limit - 1))), [document, merged]]);
}
