/**
 * Turns one statement with placeholders into what the extended protocol sends: the statement with
 * each placeholder written as `$k` (numbered 1… for this statement alone, so a statement that uses
 * only `:b` of a script's `:a` and `:b` gets one parameter) and the values in that order. Values are
 * never written into the SQL text. Postgres's error positions in the sent text map back to the
 * statement as written.
 */
import { orderKeys, type Placeholder, placeholdersIn } from "./scanParameters";

/** A value per key (`$1`, `:name`); `null` is SQL NULL. */
export type ParameterValues = Readonly<Record<string, string | null>>;

export interface BoundStatement {
  text: string;
  values: Array<string | null>;
  /** A 1-based character position in `text` (as Postgres reports it) → the same place in the original statement. */
  sourcePosition(position: number): number;
}

export class MissingParameterError extends Error {
  constructor(readonly keys: string[]) {
    super(`No value was given for ${keys.join(", ")}: run it again and fill in every parameter.`);
    this.name = "MissingParameterError";
  }
}

/** Undefined when the statement has no placeholders (it is sent as it is). */
export function bindStatement(text: string, values: ParameterValues, placeholders: Placeholder[] = placeholdersIn(text)): BoundStatement | undefined {
  if (placeholders.length === 0) return undefined;
  const keys = orderKeys(placeholders);
  const missing = keys.filter((k) => !Object.prototype.hasOwnProperty.call(values, k));
  if (missing.length > 0) throw new MissingParameterError(missing);
  const number = new Map(keys.map((k, i) => [k, i + 1]));
  let out = "";
  let last = 0;
  // [offset in the sent text, original offset, length change] per placeholder, for error positions.
  const shifts: Array<{ at: number; delta: number; end: number }> = [];
  for (const p of [...placeholders].sort((a, b) => a.start - b.start)) {
    out += text.slice(last, p.start);
    const written = `$${number.get(p.key)!}`;
    const at = out.length;
    out += written;
    shifts.push({ at, end: at + written.length, delta: (p.end - p.start) - written.length });
    last = p.end;
  }
  out += text.slice(last);
  const sent = out;
  return {
    text: sent,
    values: keys.map((k) => values[k] ?? null),
    sourcePosition: (position) => {
      // Characters (code points) → UTF-16 offset in the sent text → original offset → characters.
      const offset = codePointsToOffset(sent, position - 1);
      let delta = 0;
      let inside: number | undefined;
      for (const s of shifts) {
        if (s.at > offset) break;
        if (offset < s.end) { inside = s.at + delta; break; } // inside a placeholder: its start
        delta += s.delta;
      }
      const original = inside ?? offset + delta;
      return [...text.slice(0, original)].length + 1;
    },
  };
}

function codePointsToOffset(text: string, count: number): number {
  let offset = 0;
  for (let n = 0; n < count && offset < text.length; n++) {
    const c = text.charCodeAt(offset);
    offset += c >= 0xd800 && c <= 0xdbff && offset + 1 < text.length ? 2 : 1;
  }
  return offset;
}
