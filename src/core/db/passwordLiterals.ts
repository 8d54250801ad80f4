/**
 * Masks password literals in SQL before it is kept anywhere (query history):
 * `CREATE/ALTER ROLE|USER … [ENCRYPTED] PASSWORD '…'` in every quoting form Postgres accepts
 * ('…' with '' escapes, E'…' with backslash escapes, U&'…', $$…$$ and $tag$…$tag$),
 * `OPTIONS (password '…')` of user mappings, and `password=…` inside connection strings
 * (dblink, postgres_fdw). The literal becomes '***'; everything else stays as written.
 *
 * A small scanner, not a regex: the keyword counts only outside strings and comments, and a
 * literal ends where Postgres ends it.
 */

/** libpq conninfo inside a string literal: `password=secret` or `password='secret'`. */
const CONNINFO_PASSWORD = /(\bpassword\s*=\s*)(?:\\?'(?:[^'\\]|\\.)*\\?'|''(?:[^']|'(?!'))*''|[^\s'"]+)/gi;

interface Token { end: number; kind: "string" | "other" }

/** Where the string literal or quoted identifier starting at `i` ends, if one does. */
function quoted(sql: string, i: number): Token | undefined {
  const c = sql[i];
  const rest = sql.slice(i, i + 3);
  if (c === "'") return { end: plainString(sql, i + 1), kind: "string" };
  if (/^[Ee]'/.test(rest)) return { end: escapeString(sql, i + 2), kind: "string" };
  if (/^[Uu]&'/.test(rest)) return { end: plainString(sql, i + 3), kind: "string" };
  if (c === '"') { const j = sql.indexOf('"', i + 1); return { end: j < 0 ? sql.length : j + 1, kind: "other" }; }
  if (c === "$") {
    const tag = /^\$(?:[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/.exec(sql.slice(i));
    if (!tag) return undefined;
    const j = sql.indexOf(tag[0], i + tag[0].length);
    return { end: j < 0 ? sql.length : j + tag[0].length, kind: "string" };
  }
  return undefined;
}

function plainString(sql: string, from: number): number {
  for (let j = from; j < sql.length; j++) {
    if (sql[j] !== "'") continue;
    if (sql[j + 1] === "'") { j++; continue; }
    return j + 1;
  }
  return sql.length; // unterminated: to the end
}

function escapeString(sql: string, from: number): number {
  for (let j = from; j < sql.length; j++) {
    if (sql[j] === "\\") { j++; continue; }
    if (sql[j] !== "'") continue;
    if (sql[j + 1] === "'") { j++; continue; }
    return j + 1;
  }
  return sql.length;
}

/** Where the comment starting at `i` ends, if one does (block comments nest in Postgres). */
function comment(sql: string, i: number): number | undefined {
  if (sql.startsWith("--", i)) { const j = sql.indexOf("\n", i); return j < 0 ? sql.length : j + 1; }
  if (!sql.startsWith("/*", i)) return undefined;
  let depth = 0;
  for (let j = i; j < sql.length; j++) {
    if (sql.startsWith("/*", j)) { depth++; j++; } else if (sql.startsWith("*/", j)) { depth--; j++; if (depth === 0) return j + 1; }
  }
  return sql.length;
}

/** Whitespace and comments from `i`. */
function gapEnd(sql: string, i: number): number {
  let j = i;
  for (;;) {
    while (j < sql.length && /\s/.test(sql[j]!)) j++;
    const c = comment(sql, j);
    if (c === undefined) return j;
    j = c;
  }
}

const WORD = /[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*/y;

export function maskPasswordLiterals(sql: string): string {
  return scan(sql).masked;
}

/**
 * The password literals of `sql` and their contents: what an error message about that
 * statement may quote back (`unterminated quoted string at or near "'s3cret"`).
 */
export function passwordLiteralValues(sql: string): string[] {
  return scan(sql).literals;
}

/** `text` with every password literal of `sql` (and its content) masked. */
export function maskPasswordValues(text: string, sql: string): string {
  let out = text;
  // Longest first, so a whole literal is masked before its inner value.
  for (const v of passwordLiteralValues(sql).sort((a, b) => b.length - a.length)) out = out.split(v).join("***");
  return out;
}

function scan(sql: string): { masked: string; literals: string[] } {
  // Fast path: most statements never mention a password.
  if (!/password/i.test(sql)) return { masked: sql, literals: [] };
  const literals: string[] = [];
  const keep = (literal: string) => {
    literals.push(literal);
    const inner = /^(?:[Ee]'|[Uu]&'|'|\$[^$]*\$)([\s\S]*?)(?:'|\$[^$]*\$)?$/.exec(literal)?.[1];
    // Very short values would mask ordinary words in a message.
    if (inner && inner.length >= 4) literals.push(inner);
  };
  let out = "";
  let i = 0;
  while (i < sql.length) {
    const c = comment(sql, i);
    if (c !== undefined) { out += sql.slice(i, c); i = c; continue; }
    const q = quoted(sql, i);
    if (q) {
      const text = sql.slice(i, q.end);
      out += q.kind === "string" ? text.replace(CONNINFO_PASSWORD, (m, head: string) => { keep(m.slice(head.length)); return `${head}***`; }) : text;
      i = q.end;
      continue;
    }
    WORD.lastIndex = i;
    const word = WORD.exec(sql)?.[0];
    if (!word) { out += sql[i]; i++; continue; }
    out += word;
    i += word.length;
    if (word.toLowerCase() !== "password") continue;
    const g = gapEnd(sql, i);
    const literal = quoted(sql, g);
    if (literal?.kind === "string") {
      keep(sql.slice(g, literal.end));
      out += `${sql.slice(i, g)}'***'`;
      i = literal.end;
    }
  }
  return { masked: out, literals };
}
