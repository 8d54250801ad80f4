/**
 * Reads a .env text exactly the way the `dotenv` npm package (v16/v17) does,
 * and also reports WHERE each assignment sits in the original text, so the
 * writer can replace a value without touching any other byte.
 *
 * The expression and the value post-processing are dotenv's own; reusing them
 * (instead of a hand-written grammar) means "what we write" and "what the app
 * reads back" cannot drift apart, quirks included.
 */

// dotenv's LINE expression, plus the `d` flag for match indices.
const LINE = /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/dgm;

export type QuoteStyle = "none" | "single" | "double" | "backtick";

/** One `KEY=value` as dotenv sees it; offsets index the ORIGINAL text. */
export interface ScannedAssignment {
  key: string;
  /** dotenv's value for this occurrence. */
  value: string;
  keyStart: number;
  keyEnd: number;
  /** The value without the blanks dotenv trims; empty range right after the separator when there is no value. */
  valueStart: number;
  valueEnd: number;
  /** Quoting of the written value, judged from its first character, as dotenv does. */
  style: QuoteStyle;
}

/** dotenv's value clean-up: trim, strip matching outer quotes, expand \n and \r inside double quotes. */
export function dotenvValue(raw: string): string {
  let value = raw.trim();
  const maybeQuote = value[0];
  value = value.replace(/^(['"`])([\s\S]*)\1$/gm, "$2");
  if (maybeQuote === '"') {
    value = value.replace(/\\n/g, "\n");
    value = value.replace(/\\r/g, "\r");
  }
  return value;
}

function styleOf(trimmedRaw: string): QuoteStyle {
  switch (trimmedRaw[0]) {
    case "'": return "single";
    case '"': return "double";
    case "`": return "backtick";
    default: return "none";
  }
}

/**
 * dotenv rewrites CRLF and lone CR to LF before matching. We do the same, and keep
 * a table from each normalized offset back to the original one.
 */
function normalizeWithMap(text: string): { normalized: string; toOriginal: number[] } {
  const toOriginal: number[] = [];
  let normalized = "";
  for (let i = 0; i < text.length; i++) {
    toOriginal.push(i);
    if (text[i] === "\r") {
      normalized += "\n";
      if (text[i + 1] === "\n") i++;
    } else {
      normalized += text[i];
    }
  }
  toOriginal.push(text.length);
  return { normalized, toOriginal };
}

/** Every assignment dotenv would apply, in file order (a repeated key appears more than once). */
export function scanAssignments(text: string): ScannedAssignment[] {
  const { normalized, toOriginal } = normalizeWithMap(text);
  const out: ScannedAssignment[] = [];
  const re = new RegExp(LINE.source, LINE.flags);
  let match: RegExpExecArray | null;
  while ((match = re.exec(normalized)) !== null) {
    const indices = match.indices!;
    const [keyStart, keyEnd] = indices[1]!;
    const raw = match[2] ?? "";
    let valueStart: number;
    let valueEnd: number;
    if (indices[2]) {
      const trimmed = raw.trim();
      // A blank-only value (`A=   # note`) is replaced at its start, so the note keeps its spacing.
      valueStart = trimmed ? indices[2][0] + (raw.length - raw.trimStart().length) : indices[2][0];
      valueEnd = valueStart + trimmed.length;
    } else {
      // No value: dotenv's separator is lazy, so it ends at the `=` (or `: `). Find that end.
      const afterKey = normalized.slice(keyEnd);
      const sep = /^\s*=|^:\s/.exec(afterKey);
      valueStart = valueEnd = keyEnd + (sep ? sep[0].length : 0);
    }
    out.push({
      key: match[1]!,
      value: dotenvValue(raw),
      keyStart: toOriginal[keyStart]!,
      keyEnd: toOriginal[keyEnd]!,
      valueStart: toOriginal[valueStart]!,
      valueEnd: toOriginal[valueEnd]!,
      style: styleOf(raw.trim()),
    });
  }
  return out;
}

/** The values dotenv's `parse` returns (last occurrence of a key wins, as in dotenv). */
export function parseEnv(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of scanAssignments(text)) out.set(a.key, a.value);
  return out;
}

/** dotenv's value for `key`, or undefined when the key is absent. */
export function readEnvValue(text: string, key: string): string | undefined {
  return parseEnv(text).get(key);
}
