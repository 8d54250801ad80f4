/**
 * A lossless line model of a .env file: joining every line's `text + eol` gives back
 * the original string byte for byte. Assignments are located with dotenv's own
 * scanner, so a multi-line quoted value is one entry spanning several physical lines.
 */
import { scanAssignments, type QuoteStyle } from "./dotenvScan";

export type LineEnding = "" | "\n" | "\r\n" | "\r" | "\u2028" | "\u2029";
export type EnvLineKind = "blank" | "comment" | "assignment" | "other";

export interface EnvLine {
  kind: EnvLineKind;
  /** The line without its final line ending (may hold inner line breaks for a multi-line value). */
  text: string;
  eol: LineEnding;
  /** Only for assignments. */
  assignment?: {
    key: string;
    /** dotenv's value. */
    value: string;
    style: QuoteStyle;
    exported: boolean;
    /** Offsets of the written value inside `text` (quotes included, surrounding blanks excluded). */
    valueStart: number;
    valueEnd: number;
  };
}

export interface EnvDocument {
  /** The file starts with a UTF-8 byte order mark (kept inside the first line's text). */
  bom: boolean;
  /** The ending new lines should use: the file's majority style, LF when it has none. */
  newline: "\n" | "\r\n";
  lines: EnvLine[];
}

interface PhysicalLine { start: number; end: number; eol: LineEnding }

// The same terminators JavaScript's multiline `^`/`$` know, so dotenv can never
// start a match in the middle of one of our lines.
const TERMINATOR = /\r\n|\n|\r|\u2028|\u2029/g;

function physicalLines(text: string): PhysicalLine[] {
  const out: PhysicalLine[] = [];
  let start = 0;
  for (const m of text.matchAll(TERMINATOR)) {
    out.push({ start, end: m.index, eol: m[0] as LineEnding });
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push({ start, end: text.length, eol: "" });
  return out;
}

function lineIndexOf(lines: PhysicalLine[], offset: number, from: number): number {
  let i = from;
  while (i < lines.length - 1 && lines[i]!.end + lines[i]!.eol.length <= offset) i++;
  return i;
}

function classify(text: string): EnvLineKind {
  const body = text.replace(/^\uFEFF/, "");
  if (/^\s*$/.test(body)) return "blank";
  if (/^\s*#/.test(body)) return "comment";
  return "other";
}

function detectNewline(lines: PhysicalLine[]): "\n" | "\r\n" {
  let crlf = 0;
  let lf = 0;
  for (const l of lines) {
    if (l.eol === "\r\n") crlf++;
    else if (l.eol === "\n") lf++;
  }
  return crlf > lf ? "\r\n" : "\n";
}

export function parseEnvDocument(text: string): EnvDocument {
  const phys = physicalLines(text);
  const lines: EnvLine[] = [];
  let next = 0; // first physical line not yet emitted
  for (const a of scanAssignments(text)) {
    const first = lineIndexOf(phys, a.keyStart, next);
    const last = lineIndexOf(phys, Math.max(a.valueEnd, a.keyEnd + 1) - 1, first);
    for (; next < first; next++) {
      const p = phys[next]!;
      const t = text.slice(p.start, p.end);
      lines.push({ kind: classify(t), text: t, eol: p.eol });
    }
    const start = phys[first]!.start;
    const prefix = text.slice(start, a.keyStart);
    lines.push({
      kind: "assignment",
      text: text.slice(start, phys[last]!.end),
      eol: phys[last]!.eol,
      assignment: {
        key: a.key,
        value: a.value,
        style: a.style,
        exported: /(^|\s)export\s/.test(prefix),
        valueStart: a.valueStart - start,
        valueEnd: a.valueEnd - start,
      },
    });
    next = last + 1;
  }
  for (; next < phys.length; next++) {
    const p = phys[next]!;
    const t = text.slice(p.start, p.end);
    lines.push({ kind: classify(t), text: t, eol: p.eol });
  }
  return { bom: text.startsWith("\uFEFF"), newline: detectNewline(phys), lines };
}

export function serializeEnvDocument(doc: EnvDocument): string {
  return doc.lines.map((l) => l.text + l.eol).join("");
}
