/**
 * How a value is written so that `dotenv` (npm), `@dotenvx/dotenvx` and docker
 * compose all read back the same string.
 *
 * Rules, in the order they are tried when we are free to choose:
 * 1. unquoted  — only for a conservative character set: letters, digits and `_ . / : @ % + , ~ -`.
 *    Hosts, ports, endpoint names, e-mails, PATs and JWTs all fit. Anything with blanks,
 *    `#`, quotes, `=`, `$`, backslashes, newlines or non-ASCII is quoted instead; an empty
 *    value is written `""` (a bare `KEY=` followed by a line that starts with a quote is read
 *    by dotenv as that quote's value).
 * 2. "double"  — when the value has no `"`, `\` or `$`: dotenv keeps backslashes literally but
 *    dotenvx/compose treat them as escapes, and dotenvx/compose expand `$`. Newlines and
 *    carriage returns are written as `\n` / `\r`, which all three expand.
 * 3. 'single'  — when the value has no `'`, no carriage return and does not end in `\`: literal
 *    in all three tools (no `$` expansion). A newline is written as a real line break.
 *    (dotenv reads `\'` as an escaped quote, so `'abc\'` could run on to a later line's quote.)
 * 4. `backtick` — dotenv and dotenvx only; last resort for values holding both quote kinds
 *    (same limits as single quotes).
 * So a value holding `"`, `\` or `$` together with a carriage return, with a trailing `\`, or with
 * both `'` and a backtick has no faithful spelling; the writer refuses it rather than corrupt it.
 *
 * When a line already uses a style, that style is kept if it can hold the new value.
 */
import type { QuoteStyle } from "./dotenvScan";

const UNQUOTED_SAFE = /^[A-Za-z0-9_./:@%+,~-]+$/;

export function canWriteAs(value: string, style: QuoteStyle): boolean {
  switch (style) {
    case "none": return UNQUOTED_SAFE.test(value);
    case "double": return !/["\\$]/.test(value);
    case "single": return !/['\r]|\\$/.test(value);
    case "backtick": return !/[`\r]|\\$/.test(value);
  }
}

const PREFERENCE: QuoteStyle[] = ["none", "double", "single", "backtick"];

/** The style the value is written in, or undefined when no style can hold it. */
export function chooseStyle(value: string, keep?: QuoteStyle): QuoteStyle | undefined {
  if (keep && canWriteAs(value, keep)) return keep;
  return PREFERENCE.find((s) => canWriteAs(value, s));
}

/**
 * The value as it appears after `KEY=`, or undefined when it cannot be written faithfully.
 * `newline` is used for literal line breaks inside single/backtick quotes (the file's style).
 */
export function formatEnvValue(value: string, keep?: QuoteStyle, newline = "\n"): string | undefined {
  const style = chooseStyle(value, keep);
  switch (style) {
    case undefined: return undefined;
    case "none": return value;
    case "double": return `"${value.replace(/\n/g, "\\n").replace(/\r/g, "\\r")}"`;
    case "single": return `'${value.replace(/\n/g, newline)}'`;
    case "backtick": return `\`${value.replace(/\n/g, newline)}\``;
  }
}
