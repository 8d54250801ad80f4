// The table a SELECT reads, from the statement's tokens: comments, string literals and dollar-quoted bodies are
// skipped by the tokenizer, so a word in a comment can never become the table of "Copy as SQL INSERT".
// Pure (no DOM): unit-tested under Node.

type Token = { kind: "word" | "quoted" | "punct"; text: string };

/** Identifiers, keywords and punctuation of `sql`; comments, literals and whitespace are dropped. */
export function sqlTokens(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const ch = sql[i]!;
    if (/\s/.test(ch)) { i++; continue; }
    if (ch === "-" && sql[i + 1] === "-") { const e = sql.indexOf("\n", i); i = e < 0 ? n : e + 1; continue; }
    if (ch === "/" && sql[i + 1] === "*") {
      // Postgres block comments nest.
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (sql[i] === "/" && sql[i + 1] === "*") { depth++; i += 2; } else if (sql[i] === "*" && sql[i + 1] === "/") { depth--; i += 2; } else i++;
      }
      continue;
    }
    if (ch === "'" || ((ch === "E" || ch === "e") && sql[i + 1] === "'")) {
      const escapes = ch !== "'";
      i += escapes ? 2 : 1;
      while (i < n) {
        if (escapes && sql[i] === "\\") { i += 2; continue; }
        if (sql[i] === "'") { if (sql[i + 1] === "'") { i += 2; continue; } i++; break; }
        i++;
      }
      continue;
    }
    if (ch === "$") {
      const tag = /^\$(?:[A-Za-z_][\w]*)?\$/.exec(sql.slice(i, i + 64));
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        i = close < 0 ? n : close + tag[0].length;
        continue;
      }
    }
    if (ch === '"') {
      let j = i + 1;
      let text = "";
      while (j < n) {
        if (sql[j] === '"') { if (sql[j + 1] === '"') { text += '"'; j += 2; continue; } j++; break; }
        text += sql[j++];
      }
      out.push({ kind: "quoted", text });
      i = j;
      continue;
    }
    const word = /^[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*/.exec(sql.slice(i, i + 256));
    if (word) { out.push({ kind: "word", text: word[0] }); i += word[0].length; continue; }
    out.push({ kind: "punct", text: ch });
    i++;
  }
  return out;
}

/** The qualified name after the first top-level FROM (["schema", "table"]), or undefined (no table, a subquery). */
export function sourceTable(sql: string): string[] | undefined {
  const tokens = sqlTokens(sql);
  let depth = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind === "punct") { if (t.text === "(") depth++; else if (t.text === ")") depth = Math.max(0, depth - 1); else if (t.text === ";" && depth === 0) return undefined; continue; }
    if (depth !== 0 || t.kind !== "word" || t.text.toLowerCase() !== "from") continue;
    const parts: string[] = [];
    let j = k + 1;
    for (;;) {
      const p = tokens[j];
      if (!p || p.kind === "punct") break;
      parts.push(p.kind === "quoted" ? p.text : p.text.toLowerCase());
      if (tokens[j + 1]?.text !== ".") break;
      j += 2;
    }
    return parts.length ? parts : undefined;
  }
  return undefined;
}
