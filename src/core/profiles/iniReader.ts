/**
 * A small INI reader for `~/.databrickscfg`.
 *
 * Why our own and not an npm INI package: we need line numbers for every section, key and
 * problem (so the UI can point at the bad line), and we need the exact semantics of
 * gopkg.in/ini.v1 as the Databricks CLI loads the file (`SpaceBeforeInlineComment: true`, so
 * that tokens and passwords may contain `#`). Where a user's file is ambiguous, we must read it
 * the way the CLI does, or we would authenticate with a different secret than the CLI.
 *
 * go-ini semantics mirrored here:
 * - UTF-8 BOM skipped; lines split on "\n" (so CRLF works; "\r" is trimmed as whitespace).
 * - Full-line comments start with `#` or `;` (after leading whitespace).
 * - Inline comments: only where a SPACE is followed by `#` (else by `;`): go-ini looks for the
 *   two-character strings " #" then " ;", so `token = abc#def` reads `abc#def`, a tab before `#`
 *   starts no comment, and `a ;b #c` is cut at " #". Values quoted with backticks or triple
 *   double quotes are taken verbatim (no comment cut).
 * - Key/value delimiter is the first `=` or `:`; key and value are trimmed; after the comment
 *   cut, a value wrapped in exactly one pair of `"` or `'` loses them (so `'ab;cd'` is `ab;cd`,
 *   but `'ab ;cd'` is cut to `'ab` first, as the CLI reads it); a trailing `\` continues the value
 *   on the next line.
 * - Keys and section names are case-sensitive; section names are NOT trimmed (`[ dev ]` is " dev ").
 * - Lines before the first section belong to `DEFAULT`; `[DEFAULT]` is the same section. go-ini
 *   always has a DEFAULT section, possibly empty (callers decide whether to show it).
 * - Repeated sections merge; a repeated key in one section: the last value wins.
 * - Anything after the closing `]` of a section header is ignored.
 *
 * Where go-ini stops with an error (a line without delimiter, an unclosed `[`, an empty key or
 * section name, an unterminated quote) the CLI loads nothing from the file. We keep reading (so
 * the tree can still name the profiles), record a `fatal` problem with its line number, and the
 * caller makes every profile unusable. A problem never quotes its line: it may hold a secret.
 */

export interface IniEntry {
  value: string;
  line: number;
}

export interface IniSection {
  name: string;
  /** Line of the first header (implicit DEFAULT: of its first key; 0 when empty). */
  line: number;
  keys: Map<string, IniEntry>;
}

export interface IniProblem {
  line: number;
  message: string;
  severity: "error" | "warning";
  /**
   * Set when go-ini stops here, so the Databricks CLI loads no profile from this file: what is
   * wrong with the line, as a phrase after "line N" (never the line's text).
   */
  fatal?: string;
}

export interface IniDocument {
  /** In file order of first appearance. */
  sections: Map<string, IniSection>;
  problems: IniProblem[];
}

export const DEFAULT_SECTION = "DEFAULT";
const CLI_REFUSES = "the Databricks CLI refuses to load a file with this line";
/** What a line that go-ini cannot read is, said without quoting it (it may be a pasted secret). */
const NOT_INI = "not a [section], a comment or key = value";

export function parseIni(input: string): IniDocument {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const lines = text.split("\n");
  const sections = new Map<string, IniSection>();
  const problems: IniProblem[] = [];
  const sectionNamed = (name: string, line: number): IniSection => {
    let s = sections.get(name);
    if (s && s.line === 0) s.line = line; // explicit [DEFAULT] after implicit keys
    if (!s) {
      s = { name, line, keys: new Map() };
      sections.set(name, s);
    }
    return s;
  };
  let current: IniSection | undefined = sectionNamed(DEFAULT_SECTION, 0);

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i]!.replace(/^\s+/, "");
    if (line.trim() === "" || line[0] === "#" || line[0] === ";") continue;

    if (line[0] === "[") {
      const close = line.lastIndexOf("]");
      const name = close === -1 ? "" : line.slice(1, close);
      if (close === -1 || name === "") {
        const what = close === -1 ? "unclosed section header (no closing ])" : "empty section name []";
        problems.push({ line: lineNo, severity: "error", fatal: `has an ${what}`, message: `${what}; ${CLI_REFUSES}. Keys below it are ignored until the next section` });
        current = undefined;
        continue;
      }
      if (name !== name.trim()) {
        problems.push({ line: lineNo, severity: "warning", message: `section name "${name}" has leading/trailing spaces; the Databricks CLI keeps them as part of the profile name` });
      }
      current = sectionNamed(name, lineNo);
      continue;
    }

    const key = readKey(line);
    if (!key) {
      problems.push({ line: lineNo, severity: "error", fatal: `is ${NOT_INI}`, message: `${NOT_INI}; ${CLI_REFUSES}` });
      continue;
    }
    if (key.name === "") {
      problems.push({ line: lineNo, severity: "error", fatal: "has an empty key name", message: `empty key name; ${CLI_REFUSES}` });
      continue;
    }
    const read = readValue(line.slice(key.valueStart), lines, i);
    i = read.lastLineIndex;
    if (read.unterminated) {
      problems.push({ line: lineNo, severity: "error", fatal: `has a quoted value for "${key.name}" that is never closed`, message: `unterminated quoted value for "${key.name}"; ${CLI_REFUSES}` });
    }
    if (!current) continue;
    // Keys before any header: point the implicit DEFAULT section at its first key.
    if (current.line === 0) current.line = lineNo;
    current.keys.set(key.name, { value: read.value, line: lineNo });
  }

  return { sections, problems };
}

function readKey(line: string): { name: string; valueStart: number } | undefined {
  // go-ini: a key may be quoted with `"`, `"""` (lines longer than 6) or a backtick.
  const quote = line[0] === '"' ? (line.length > 6 && line.startsWith('"""') ? '"""' : '"') : line[0] === "`" ? "`" : undefined;
  if (quote) {
    const end = line.indexOf(quote, quote.length);
    if (end === -1) return undefined;
    const rest = line.slice(end + quote.length);
    const d = rest.search(/[=:]/);
    if (d === -1) return undefined;
    return { name: line.slice(quote.length, end).trim(), valueStart: end + quote.length + d + 1 };
  }
  const d = line.search(/[=:]/);
  if (d === -1) return undefined;
  return { name: line.slice(0, d).trim(), valueStart: d + 1 };
}

interface ReadValue {
  value: string;
  lastLineIndex: number;
  unterminated?: boolean;
}

function readValue(raw: string, lines: string[], index: number): ReadValue {
  const line = raw.replace(/^\s+/, "");
  if (line === "") return { value: "", lastLineIndex: index };

  const valQuote = line.length > 3 && line.startsWith('"""') ? '"""' : line[0] === "`" ? "`" : undefined;
  if (valQuote) {
    const body = line.slice(valQuote.length);
    const pos = body.lastIndexOf(valQuote);
    if (pos !== -1) return { value: body.slice(0, pos), lastLineIndex: index };
    // Multi-line quoted value: raw lines (with their "\n") until the closing quote.
    let value = body + "\n";
    for (let j = index + 1; j < lines.length; j++) {
      const next = lines[j]!;
      const p = next.lastIndexOf(valQuote);
      if (p !== -1) return { value: value + next.slice(0, p), lastLineIndex: j };
      value += next + "\n";
    }
    return { value: "", lastLineIndex: lines.length - 1, unterminated: true };
  }

  let value = line.trim();
  if (value.endsWith("\\")) return readContinuation(value.slice(0, -1), lines, index);
  // SpaceBeforeInlineComment: " #" wins over an earlier " ;" (go-ini tries them in that order).
  let comment = value.indexOf(" #");
  if (comment === -1) comment = value.indexOf(" ;");
  if (comment !== -1) value = value.slice(0, comment).trim();
  if (hasSurroundingQuote(value, "'") || hasSurroundingQuote(value, '"')) value = value.slice(1, -1);
  return { value, lastLineIndex: index };
}

function readContinuation(start: string, lines: string[], index: number): ReadValue {
  let value = start;
  let j = index;
  while (j + 1 < lines.length) {
    j++;
    const next = lines[j]!.trim();
    if (next === "") break;
    value += next;
    if (!value.endsWith("\\")) break;
    value = value.slice(0, -1);
  }
  return { value, lastLineIndex: j };
}

function hasSurroundingQuote(s: string, q: string): boolean {
  return s.length >= 2 && s[0] === q && s[s.length - 1] === q && s.indexOf(q, 1) === s.length - 1;
}
