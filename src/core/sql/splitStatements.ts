// Splits a SQL document into statements with their offsets, for "run statement at cursor" and CodeLens.
// A small lexer in the spirit of psql's: it only needs to know where `;` is NOT a terminator.
//
// Rules (documented behaviour, pinned by tests):
// - `;` splits, except inside '…' ('' escapes), E'…' (backslash escapes too), "…" identifiers, $$…$$ / $tag$…$tag$
//   dollar quotes, -- line comments, nested /* /* */ */ comments, and BEGIN ATOMIC … END bodies (CASE … END
//   inside such a body is counted so its END does not close the body).
// - A line whose first non-blank character is `\` is a psql meta-command (\set, \gexec, \c …): it is never sent to
//   the server. It ends the statement before it (like \g does in psql) and becomes a segment of kind "psql".
// - A trailing statement without `;` is a statement. `;;` and comment-only chunks are segments of kind "empty".
// - A `--` comment on the same line after a `;` belongs to neither neighbour (an "empty" segment), so the next
//   statement starts on its own line.

export type SegmentKind = "sql" | "empty" | "psql";

export interface SqlSegment {
  kind: SegmentKind;
  /** Offset of the segment's first non-whitespace character (leading comments count). */
  start: number;
  /** Offset just past the segment: past its `;` when terminated, else past its last non-whitespace character. */
  end: number;
  /** What to send to the server: the source from `start` up to (not including) the `;`, trailing blanks removed. */
  text: string;
  /** True when the segment ended with a `;`. */
  terminated: boolean;
}

export interface SplitOptions {
  /** Also return "empty" and "psql" segments (default: only runnable "sql" statements). */
  all?: boolean;
}

const isBlank = (c: string) => c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\v";
// Char-code tests, not regexes: the language features split documents of megabytes per keystroke.
const isIdentStart = (c: string) => { const n = c.charCodeAt(0); return (n >= 97 && n <= 122) || (n >= 65 && n <= 90) || n === 95 || n >= 0x80; };
const isIdentChar = (c: string) => { const n = c.charCodeAt(0); return isIdentStart(c) || (n >= 48 && n <= 57) || n === 36; };
/** Whether text[i, i + len) is `upper` in any case (no slice: the splitter sees every word of the document). */
function wordIs(text: string, i: number, len: number, upper: string): boolean {
  if (len !== upper.length) return false;
  for (let k = 0; k < len; k++) if ((text.charCodeAt(i + k) & ~0x20) !== upper.charCodeAt(k)) return false;
  return true;
}
const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;

/** Offset just past the closing quote (or text.length if unterminated). `backslash`: E'' string rules. */
function skipQuoted(text: string, i: number, quote: string, backslash: boolean): number {
  let j = i + 1;
  while (j < text.length) {
    const c = text[j];
    if (backslash && c === "\\") { j += 2; continue; }
    if (c === quote) {
      if (text[j + 1] === quote) { j += 2; continue; }
      return j + 1;
    }
    j++;
  }
  return text.length;
}

function skipBlockComment(text: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < text.length) {
    if (text[j] === "/" && text[j + 1] === "*") { depth++; j += 2; continue; }
    if (text[j] === "*" && text[j + 1] === "/") {
      depth--; j += 2;
      if (depth === 0) return j;
      continue;
    }
    j++;
  }
  return text.length;
}

function endOfLine(text: string, i: number): number {
  const nl = text.indexOf("\n", i);
  return nl < 0 ? text.length : nl;
}

export function splitStatements(text: string, options: SplitOptions = {}): SqlSegment[] {
  const out: SqlSegment[] = [];
  let segStart = -1;      // first non-blank offset of the current segment, -1 when none yet
  let hasCode = false;    // the current segment has a token that is not a comment
  let atLineStart = true; // only blanks since the last newline (for psql meta-commands)
  let prevBegin = false;  // the last token was the word BEGIN (comments and blanks between do not count)
  let atomicDepth = 0;    // >0 inside BEGIN ATOMIC … END

  const push = (kind: SegmentKind, start: number, end: number, textEnd: number, terminated: boolean) => {
    out.push({ kind, start, end, text: text.slice(start, textEnd).trimEnd(), terminated });
  };
  const flush = (endExclusive: number, terminated: boolean) => {
    if (segStart < 0) return;
    let end = endExclusive;
    if (!terminated) while (end > segStart && isBlank(text[end - 1]!)) end--;
    push(hasCode ? "sql" : "empty", segStart, end, terminated ? end - 1 : end, terminated);
    segStart = -1; hasCode = false; prevBegin = false; atomicDepth = 0;
  };

  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (isBlank(c)) { if (c === "\n") atLineStart = true; i++; continue; }

    if (c === "\\" && atLineStart) {
      flush(i, false);
      const eol = endOfLine(text, i);
      let end = eol;
      while (end > i && isBlank(text[end - 1]!)) end--;
      push("psql", i, end, end, false);
      i = eol;
      continue;
    }
    atLineStart = false;
    if (segStart < 0) segStart = i;
    const next = text[i + 1];

    if (c === "-" && next === "-") { i = endOfLine(text, i); continue; }
    if (c === "/" && next === "*") { i = skipBlockComment(text, i); continue; }
    if (c === ";" && atomicDepth === 0) {
      flush(i + 1, true);
      i++;
      // A `-- note` right after `;` on the same line is a separate (empty) segment.
      let j = i;
      while (j < text.length && (text[j] === " " || text[j] === "\t")) j++;
      if (text[j] === "-" && text[j + 1] === "-") {
        const eol = endOfLine(text, j);
        let end = eol;
        while (end > j && isBlank(text[end - 1]!)) end--;
        push("empty", j, end, end, false);
        i = eol;
      }
      continue;
    }
    hasCode = true;

    if (c === "'") { i = skipQuoted(text, i, "'", false); prevBegin = false; continue; }
    if (c === '"') { i = skipQuoted(text, i, '"', false); prevBegin = false; continue; }
    if (c === "$") {
      DOLLAR_TAG.lastIndex = i;
      const m = DOLLAR_TAG.exec(text);
      if (m) {
        const close = text.indexOf(m[0], i + m[0].length);
        i = close < 0 ? text.length : close + m[0].length;
        prevBegin = false;
        continue;
      }
      i++;
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < text.length && isIdentChar(text[j]!)) j++;
      const len = j - i;
      if (len === 1 && (c === "E" || c === "e") && text[j] === "'") { i = skipQuoted(text, j, "'", true); prevBegin = false; continue; }
      if (atomicDepth > 0) {
        if (wordIs(text, i, len, "CASE")) atomicDepth++;
        else if (wordIs(text, i, len, "END")) atomicDepth--;
      } else if (prevBegin && wordIs(text, i, len, "ATOMIC")) {
        atomicDepth = 1;
      }
      prevBegin = wordIs(text, i, len, "BEGIN");
      i = j;
      continue;
    }
    // Digits, operators, punctuation: part of the statement, nothing to track.
    prevBegin = false;
    i++;
  }
  flush(text.length, false);
  return options.all ? out : out.filter((s) => s.kind === "sql");
}

/**
 * The runnable statement under the cursor. A cursor right after a `;` belongs to the statement it ends; in the
 * blank space between statements the nearest preceding one wins, except on the line where the next one starts.
 */
export function statementAt(text: string, offset: number, statements: SqlSegment[] = splitStatements(text)): SqlSegment | undefined {
  let prev: SqlSegment | undefined;
  let next: SqlSegment | undefined;
  for (const s of statements) {
    if (offset >= s.start && offset <= s.end) return s;
    if (s.end < offset) prev = s;
    else if (s.start > offset && !next) next = s;
  }
  if (next && !text.slice(offset, next.start).includes("\n") && (!prev || text.slice(prev.end, offset).includes("\n"))) return next;
  return prev ?? next;
}

/**
 * Document offset of a Postgres error `position` (1-based, counted in characters of the statement text).
 * Postgres counts code points; JavaScript strings count UTF-16 units, so astral characters are stepped over.
 */
export function errorPositionToOffset(statement: SqlSegment, position: number): number {
  let units = 0;
  let chars = 1;
  for (const ch of statement.text) {
    if (chars >= position) break;
    units += ch.length;
    chars++;
  }
  return statement.start + units;
}
