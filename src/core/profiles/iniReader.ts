/**
 * A small INI reader for `~/.databrickscfg`.
 *
 * Why our own and not an npm INI package: we need line numbers for every section, key and
 * problem (so the UI can point at the bad line), and we need the exact semantics of
 * gopkg.in/ini.v1 (`ini.Load` with default options), which is what the Databricks CLI and Go SDK
 * use to read this file. Where a user's file is ambiguous, we must read it the way the CLI does.
 *
 * go-ini semantics mirrored here:
 * - UTF-8 BOM skipped; lines split on "\n" (so CRLF works; "\r" is trimmed as whitespace).
 * - Full-line comments start with `#` or `;` (after leading whitespace).
 * - Inline comments: a value is cut at the FIRST `#` or `;` anywhere in it (IgnoreInlineComment
 *   and SpaceBeforeInlineComment are false by default), unless the value is quoted with
 *   backticks or triple double quotes. `token = abc#def` reads as `abc`.
 * - Key/value delimiter is the first `=` or `:`; key and value are trimmed; a value surrounded by
 *   one pair of `"` or `'` loses them; a trailing `\` continues the value on the next line.
 * - Keys and section names are case-sensitive; section names are NOT trimmed (`[ dev ]` is " dev ").
 * - Lines before the first section belong to `DEFAULT`; `[DEFAULT]` is the same section. go-ini
 *   always has a DEFAULT section, possibly empty (callers decide whether to show it).
 * - Repeated sections merge; a repeated key in one section: the last value wins.
 * - Anything after the closing `]` of a section header is ignored.
 *
 * Where go-ini stops with an error (a line without delimiter, an unclosed `[`, an empty key or
 * section name) the CLI refuses the whole file. We keep reading, record a problem with its line
 * number, and say that the CLI will fail too.
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
}

export interface IniDocument {
  /** In file order of first appearance. */
  sections: Map<string, IniSection>;
  problems: IniProblem[];
}

export const DEFAULT_SECTION = "DEFAULT";
const CLI_REFUSES = "the Databricks CLI refuses to load a file with this line";

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
        const what = close === -1 ? `unclosed section header ${line.trim()}` : "empty section name []";
        problems.push({ line: lineNo, severity: "error", message: `${what}; ${CLI_REFUSES}. Keys below it are ignored until the next section` });
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
      problems.push({ line: lineNo, severity: "error", message: `expected "key = value", a [section] or a comment, got "${preview(line)}"; ${CLI_REFUSES}` });
      continue;
    }
    if (key.name === "") {
      problems.push({ line: lineNo, severity: "error", message: `empty key name; ${CLI_REFUSES}` });
      continue;
    }
    const read = readValue(line.slice(key.valueStart), lines, i);
    i = read.lastLineIndex;
    if (read.unterminated) {
      problems.push({ line: lineNo, severity: "error", message: `unterminated quoted value for "${key.name}"; ${CLI_REFUSES}` });
    }
    if (!current) continue;
    // Keys before any header: point the implicit DEFAULT section at its first key.
    if (current.line === 0) current.line = lineNo;
    current.keys.set(key.name, { value: read.value, line: lineNo });
  }

  return { sections, problems };
}

function preview(line: string): string {
  const t = line.trim();
  // A line that may be a pasted secret (a run of 12+ token characters: PATs, client secrets,
  // short passwords) is never echoed, not even in part: the line number is enough to find it.
  if (/[A-Za-z0-9_+/=.-]{12,}/.test(t)) return "(content not shown: it may hold a secret)";
  return t.length > 24 ? `${t.slice(0, 12)}…` : t;
}

function readKey(line: string): { name: string; valueStart: number } | undefined {
  const quote = line[0] === '"' ? '"' : line[0] === "`" ? "`" : undefined;
  if (quote) {
    const end = line.indexOf(quote, 1);
    if (end === -1) return undefined;
    const rest = line.slice(end + 1);
    const d = rest.search(/[=:]/);
    if (d === -1) return undefined;
    return { name: line.slice(1, end).trim(), valueStart: end + 1 + d + 1 };
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
  const comment = value.search(/[#;]/);
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
