import { splitStatements } from "../splitStatements";
import { NOT_AN_ALIAS, RELATION_CONTEXT } from "./keywords";
import { type Token, tokenize } from "./lexer";

/** A FROM item, INSERT/UPDATE/DELETE target or REFERENCES target named in the statement. */
export interface TableRef {
  /** Qualifier as written (folded unless quoted); absent when unqualified. */
  schema?: string;
  /** Absent for a subquery in FROM (`(SELECT …) AS sub`). */
  name?: string;
  alias?: string;
  /** Token index of the opening parenthesis the ref sits in (-1: top level of the statement). */
  group: number;
  /** Token index where the ref's name starts. */
  at: number;
}

export interface StatementContext {
  /** Offset of the statement's first character in the document. */
  start: number;
  tokens: Token[];
  /** Tokens before this index are before the cursor; the identifier being typed (if any) is at this index. */
  cursorIndex: number;
  /** The cursor is inside a comment, a string literal or a number: nothing to complete. */
  inert: boolean;
  /** The identifier being typed at the cursor (word or quoted), if any. */
  partial?: Token;
  refs: TableRef[];
  /** Names defined by WITH in this statement. */
  ctes: Set<string>;
  /** Opening-paren token index for every token (-1 at top level). */
  groupOf: number[];
  /** Groups enclosing the cursor, innermost first, ending with -1. */
  cursorGroups: number[];
}

const isName = (t: Token | undefined): t is Token => t !== undefined && (t.kind === "word" || t.kind === "quoted");

/** Past this size only the text near the cursor is split: the statement at the cursor rarely spans more. */
const WINDOW = 64 * 1024;

/** The statement around `offset`, tokenized, with the tables it names and where the cursor is in it. */
export function statementContext(text: string, offset: number): StatementContext {
  const [start, end] = statementBounds(text, offset);
  const tokens = tokenize(text, start, end);
  let cursorIndex = tokens.length;
  let partial: Token | undefined;
  let inert = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.end < offset) continue;
    if (t.start >= offset) { cursorIndex = i; break; }
    if (t.kind === "word" || t.kind === "quoted") { partial = t; cursorIndex = i; break; }
    // Right after `.`, `(`, an operator or a closed string: that token is before the cursor.
    if (t.end === offset && !t.open) continue;
    cursorIndex = i;
    inert = true; // inside a string literal or a number
    break;
  }
  const prevEnd = cursorIndex > 0 ? tokens[cursorIndex - 1].end : start;
  const gap = text.slice(prevEnd, partial ? partial.start : offset);
  if (/--[^\n]*$/.test(gap) || gap.lastIndexOf("/*") > gap.lastIndexOf("*/")) inert = true;
  const groupOf = groups(tokens);
  return {
    start, tokens, cursorIndex, partial, inert, groupOf,
    cursorGroups: enclosingGroups(tokens, cursorIndex),
    refs: tableRefs(tokens, groupOf),
    ctes: cteNames(tokens),
  };
}

function statementBounds(text: string, offset: number): [number, number] {
  let base = 0;
  let slice = text;
  if (text.length > WINDOW * 2) {
    base = Math.max(0, offset - WINDOW);
    // Start the window on a line boundary so a line comment is not cut in half.
    const nl = text.lastIndexOf("\n", base);
    base = nl < 0 ? 0 : nl + 1;
    slice = text.slice(base, Math.min(text.length, offset + WINDOW));
  }
  const rel = offset - base;
  let start = 0;
  let end = slice.length;
  for (const s of splitStatements(slice, { all: true })) {
    if (s.kind === "psql") continue;
    if (s.terminated && s.end <= rel) { start = s.end; continue; }
    if (s.start > rel) { end = s.start; break; }
    start = Math.min(s.start, rel);
    end = s.terminated ? s.end - 1 : slice.length;
    break;
  }
  return [base + start, base + end];
}

function groups(tokens: Token[]): number[] {
  const out: number[] = new Array<number>(tokens.length);
  const stack: number[] = [-1];
  tokens.forEach((t, i) => {
    if (t.value === ")" && t.kind === "punct" && stack.length > 1) stack.pop();
    out[i] = stack[stack.length - 1];
    if (t.value === "(" && t.kind === "punct") stack.push(i);
  });
  return out;
}

function enclosingGroups(tokens: Token[], cursorIndex: number): number[] {
  const stack: number[] = [-1];
  for (let i = 0; i < cursorIndex && i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== "punct") continue;
    if (t.value === "(") stack.push(i);
    else if (t.value === ")" && stack.length > 1) stack.pop();
  }
  return stack.reverse();
}

/** Reads `a.b.c` at `i`: the parts and the index after them. */
export function readQualified(tokens: Token[], i: number): { parts: string[]; next: number } {
  const parts: string[] = [];
  let j = i;
  while (isName(tokens[j])) {
    parts.push(tokens[j].value);
    j++;
    if (tokens[j]?.value === "." && isName(tokens[j + 1])) { j++; continue; }
    break;
  }
  return { parts, next: j };
}

function tableRefs(tokens: Token[], groupOf: number[]): TableRef[] {
  const refs: TableRef[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== "word" || !RELATION_CONTEXT.has(t.upper!)) continue;
    // `DISTINCT FROM`, `EXTRACT(x FROM y)`, `substring(s FROM …)`: FROM inside a call is not a FROM clause.
    if (t.upper === "FROM" && groupOf[i] !== -1 && !opensSelect(tokens, groupOf[i])) continue;
    const list = t.upper === "FROM" || t.upper === "JOIN" || t.upper === "UPDATE";
    let j = i + 1;
    for (;;) {
      while (tokens[j]?.kind === "word" && (tokens[j].upper === "ONLY" || tokens[j].upper === "LATERAL")) j++;
      const tok = tokens[j];
      if (!tok) break;
      let ref: TableRef | undefined;
      if (tok.value === "(" && tok.kind === "punct") {
        j = closeParen(tokens, j) + 1;
        ref = { group: groupOf[i], at: j };
      } else if (isName(tok) && !(tok.kind === "word" && NOT_AN_ALIAS.has(tok.upper!) && tok.upper !== "ONLY")) {
        const q = readQualified(tokens, j);
        const name = q.parts[q.parts.length - 1];
        ref = { ...(q.parts.length > 1 ? { schema: q.parts[q.parts.length - 2] } : {}), name, group: groupOf[i], at: j };
        j = q.next;
      } else break;
      if (tokens[j]?.upper === "AS" && isName(tokens[j + 1])) { ref.alias = tokens[j + 1].value; j += 2; }
      else if (isName(tokens[j]) && !(tokens[j].kind === "word" && NOT_AN_ALIAS.has(tokens[j].upper!))) { ref.alias = tokens[j].value; j++; }
      refs.push(ref);
      if (list && tokens[j]?.value === "," && t.upper === "FROM") { j++; continue; }
      break;
    }
  }
  return refs;
}

function opensSelect(tokens: Token[], paren: number): boolean {
  const next = tokens[paren + 1];
  return next?.upper === "SELECT" || next?.upper === "WITH" || next?.upper === "VALUES";
}

export function closeParen(tokens: Token[], open: number): number {
  let depth = 0;
  for (let k = open; k < tokens.length; k++) {
    if (tokens[k].kind !== "punct") continue;
    if (tokens[k].value === "(") depth++;
    else if (tokens[k].value === ")" && --depth === 0) return k;
  }
  return tokens.length - 1;
}

function cteNames(tokens: Token[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].upper !== "WITH") continue;
    let j = i + 1;
    if (tokens[j]?.upper === "RECURSIVE") j++;
    while (isName(tokens[j])) {
      const name = tokens[j].value;
      j++;
      if (tokens[j]?.value === "(") j = closeParen(tokens, j) + 1;
      if (tokens[j]?.upper !== "AS") break;
      out.add(name);
      j++;
      while (tokens[j]?.upper === "NOT" || tokens[j]?.upper === "MATERIALIZED") j++;
      if (tokens[j]?.value !== "(") break;
      j = closeParen(tokens, j) + 1;
      if (tokens[j]?.value !== ",") break;
      j++;
    }
  }
  return out;
}
