/**
 * A SQL tokenizer for the language features: where identifiers, strings, comments and
 * punctuation are, with exact offsets, on text that is usually half-typed. It never throws:
 * an unterminated string or quoted identifier runs to the end (`open: true`).
 */

export type TokenKind = "word" | "quoted" | "string" | "number" | "param" | "op" | "punct";

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** `word`: the identifier folded to lower case as Postgres does; `quoted`: the name inside the quotes; else the source text. */
  value: string;
  /** `word` only: upper-cased source, for keyword checks. */
  upper?: string;
  /** An unterminated quoted identifier or string (the user is typing it). */
  open?: boolean;
}

const isIdentStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 128;
const isIdentChar = (c: number) => isIdentStart(c) || (c >= 48 && c <= 57) || c === 36;
const isDigit = (c: number) => c >= 48 && c <= 57;
const OP_CHARS = "+-*/<>=~!@#%^&|`?";
const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;

/** Tokens of `text` between `from` and `to` (default: all), comments and blanks skipped. */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c <= 32) { i++; continue; }
    const ch = text[i];
    const next = text[i + 1];
    if (ch === "-" && next === "-") {
      const nl = text.indexOf("\n", i);
      i = nl < 0 || nl > to ? to : nl + 1;
      continue;
    }
    if (ch === "/" && next === "*") { i = skipBlockComment(text, i, to); continue; }
    if (ch === '"') {
      const [end, open] = skipQuoted(text, i, '"', false, to);
      const inner = text.slice(i + 1, open ? end : end - 1).replace(/""/g, '"');
      out.push({ kind: "quoted", start: i, end, value: inner, ...(open ? { open } : {}) });
      i = end;
      continue;
    }
    if (ch === "'") { i = pushString(out, text, i, i, false, to); continue; }
    if ((ch === "E" || ch === "e") && next === "'") { i = pushString(out, text, i, i + 1, true, to); continue; }
    if (ch === "$") {
      if (next !== undefined && isDigit(next.charCodeAt(0))) {
        let j = i + 1;
        while (j < to && isDigit(text.charCodeAt(j))) j++;
        out.push({ kind: "param", start: i, end: j, value: text.slice(i, j) });
        i = j;
        continue;
      }
      DOLLAR_TAG.lastIndex = i;
      const m = DOLLAR_TAG.exec(text);
      if (m) {
        const close = text.indexOf(m[0], i + m[0].length);
        const end = close < 0 || close + m[0].length > to ? to : close + m[0].length;
        out.push({ kind: "string", start: i, end, value: text.slice(i, end), ...(close < 0 ? { open: true } : {}) });
        i = end;
        continue;
      }
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < to && isIdentChar(text.charCodeAt(j))) j++;
      const src = text.slice(i, j);
      out.push({ kind: "word", start: i, end: j, value: src.toLowerCase(), upper: src.toUpperCase() });
      i = j;
      continue;
    }
    if (isDigit(c) || (ch === "." && next !== undefined && isDigit(next.charCodeAt(0)))) {
      let j = i + 1;
      while (j < to && /[0-9.eE_]/.test(text[j]) && !(text[j] === "." && text[j + 1] === ".")) j++;
      out.push({ kind: "number", start: i, end: j, value: text.slice(i, j) });
      i = j;
      continue;
    }
    if (ch === ":" && next === ":") { out.push({ kind: "op", start: i, end: i + 2, value: "::" }); i += 2; continue; }
    if (ch === ":" && next !== undefined && isIdentStart(next.charCodeAt(0)) && text[i - 1] !== ":") {
      let j = i + 1;
      while (j < to && isIdentChar(text.charCodeAt(j))) j++;
      out.push({ kind: "param", start: i, end: j, value: text.slice(i, j) });
      i = j;
      continue;
    }
    if (OP_CHARS.includes(ch)) {
      let j = i + 1;
      while (j < to && OP_CHARS.includes(text[j]) && !(text[j] === "-" && text[j + 1] === "-") && !(text[j] === "/" && text[j + 1] === "*")) j++;
      out.push({ kind: "op", start: i, end: j, value: text.slice(i, j) });
      i = j;
      continue;
    }
    out.push({ kind: "punct", start: i, end: i + 1, value: ch });
    i++;
  }
  return out;
}

function pushString(out: Token[], text: string, start: number, quoteAt: number, backslash: boolean, to: number): number {
  const [end, open] = skipQuoted(text, quoteAt, "'", backslash, to);
  out.push({ kind: "string", start, end, value: text.slice(start, end), ...(open ? { open } : {}) });
  return end;
}

function skipQuoted(text: string, i: number, quote: string, backslash: boolean, to: number): [number, boolean] {
  let j = i + 1;
  while (j < to) {
    const c = text[j];
    if (backslash && c === "\\") { j += 2; continue; }
    if (c === quote) {
      if (text[j + 1] === quote && j + 1 < to) { j += 2; continue; }
      return [j + 1, false];
    }
    j++;
  }
  return [to, true];
}

function skipBlockComment(text: string, i: number, to: number): number {
  let depth = 0;
  let j = i;
  while (j < to) {
    if (text[j] === "/" && text[j + 1] === "*") { depth++; j += 2; continue; }
    if (text[j] === "*" && text[j + 1] === "/") { depth--; j += 2; if (depth === 0) return j; continue; }
    j++;
  }
  return to;
}
