/**
 * Which type a placeholder stands for, where the statement says so: an explicit `$1::int`, a
 * comparison with a column (`col = $1`, `$1 < t.col`, `col IN ($1, $2)`, `col LIKE $1`,
 * `col BETWEEN $1 AND $2`), an `INSERT … (cols) VALUES (…)` position, or `LIMIT`/`OFFSET`. The
 * column's type comes from the catalog; anything else is left to the server.
 */
import type { CatalogIndex } from "../analysis/catalogIndex";
import { type Token, tokenize } from "../analysis/lexer";
import { readQualified } from "../analysis/statementContext";
import { symbolAt } from "../analysis/symbolAt";
import { scanParameters } from "./scanParameters";

const COMPARISON = new Set(["=", "<>", "!=", "<", ">", "<=", ">="]);
const MULTI_WORD_START = new Set(["double", "character", "char", "timestamp", "time", "bit", "national", "interval"]);
const TYPE_WORDS = new Set(["precision", "varying", "with", "without", "time", "zone", "character", "char"]);
const isName = (t: Token | undefined): t is Token => t !== undefined && (t.kind === "word" || t.kind === "quoted");
const isComparison = (t: Token | undefined) => t !== undefined && ((t.kind === "op" && COMPARISON.has(t.value)) || t.upper === "LIKE" || t.upper === "ILIKE");

/** Type text per key (first inference wins), for the prompts. `index` absent: only casts and LIMIT. */
export function inferParameterTypes(sql: string, index: CatalogIndex | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const { statement, placeholders } of scanParameters(sql).statements) {
    const tokens = tokenize(statement.text);
    const columnType = (t: Token | undefined): string | undefined => {
      if (!isName(t) || !index) return undefined;
      const hit = symbolAt(statement.text, t.start, index);
      return hit?.symbol.kind === "column" ? hit.symbol.column.type : undefined;
    };
    for (const p of placeholders) {
      if (out.has(p.key)) continue;
      const i = tokens.findIndex((t) => t.start === p.start);
      if (i < 0) continue;
      const type = castAfter(tokens, i) ?? limitBefore(tokens, i) ?? columnType(comparedColumn(tokens, i)) ?? insertColumnType(tokens, i, index);
      if (type) out.set(p.key, type);
    }
  }
  return out;
}

/** `$1::numeric(10,2)`, `$1::text[]`, `$1::timestamp with time zone`. */
function castAfter(tokens: Token[], i: number): string | undefined {
  if (tokens[i + 1]?.value !== "::") return undefined;
  const q = readQualified(tokens, i + 2);
  if (q.parts.length === 0) return undefined;
  let type = q.parts.join(".");
  let j = q.next;
  // `double precision`, `character varying`, `timestamp with time zone`: the words that continue a type name.
  if (q.parts.length === 1 && MULTI_WORD_START.has(type)) {
    while (tokens[j]?.kind === "word" && TYPE_WORDS.has(tokens[j].value)) type += ` ${tokens[j++].value}`;
  }
  if (tokens[j]?.value === "(") {
    const close = tokens.findIndex((t, k) => k > j && t.value === ")");
    if (close > 0) { type += `(${tokens.slice(j + 1, close).map((t) => t.value).join("")})`; j = close + 1; }
  }
  while (tokens[j]?.value === "[" && tokens[j + 1]?.value === "]") { type += "[]"; j += 2; }
  return type;
}

function limitBefore(tokens: Token[], i: number): string | undefined {
  const prev = tokens[i - 1]?.upper;
  return prev === "LIMIT" || prev === "OFFSET" ? "bigint" : undefined;
}

/** The column a placeholder is compared with, on either side. */
function comparedColumn(tokens: Token[], i: number): Token | undefined {
  const prev = tokens[i - 1];
  if (isComparison(prev)) return tokens[i - 2]?.upper === "NOT" ? tokens[i - 3] : tokens[i - 2];
  if (isComparison(tokens[i + 1])) return lastPartOf(tokens, i + 2);
  if (prev?.upper === "BETWEEN") return tokens[i - 2]?.upper === "NOT" ? tokens[i - 3] : tokens[i - 2];
  if (prev?.upper === "AND" && tokens[i - 3]?.upper === "BETWEEN") return tokens[i - 4]?.upper === "NOT" ? tokens[i - 5] : tokens[i - 4];
  // `col [NOT] IN ($1, $2)`: the list's opening parenthesis follows IN.
  if (prev?.value === "(" || prev?.value === ",") {
    let depth = 0;
    for (let k = i - 1; k >= 0; k--) {
      const v = tokens[k].kind === "punct" ? tokens[k].value : "";
      if (v === ")") depth++;
      else if (v === "(" && depth-- === 0) {
        if (tokens[k - 1]?.upper !== "IN") return undefined;
        return tokens[k - 2]?.upper === "NOT" ? tokens[k - 3] : tokens[k - 2];
      }
    }
  }
  return undefined;
}

/** `t.col` after an operator: the token of `col`. */
function lastPartOf(tokens: Token[], j: number): Token | undefined {
  let k = j;
  while (isName(tokens[k]) && tokens[k + 1]?.value === "." && isName(tokens[k + 2])) k += 2;
  return isName(tokens[k]) ? tokens[k] : undefined;
}

/** `INSERT INTO t (a, b) VALUES ($1, $2)`: the column at the placeholder's position in its row. */
function insertColumnType(tokens: Token[], i: number, index: CatalogIndex | undefined): string | undefined {
  if (!index || tokens[0]?.upper !== "INSERT" || tokens[1]?.upper !== "INTO") return undefined;
  const prev = tokens[i - 1]?.value;
  const next = tokens[i + 1]?.value;
  if ((prev !== "(" && prev !== ",") || (next !== "," && next !== ")")) return undefined;
  // The row's opening parenthesis, and the position of the placeholder in it.
  let position = 0;
  let open = -1;
  for (let k = i - 1, depth = 0; k >= 0; k--) {
    const v = tokens[k].kind === "punct" ? tokens[k].value : "";
    if (v === ")") depth++;
    else if (v === "(") { if (depth === 0) { open = k; break; } depth--; }
    else if (v === "," && depth === 0) position++;
  }
  if (open < 0 || !valuesRow(tokens, open)) return undefined;
  // Not symbolAt: `name (` there reads as a function call.
  const q = readQualified(tokens, 2);
  if (q.parts.length === 0) return undefined;
  const rel = index.relation(q.parts.length > 1 ? q.parts[q.parts.length - 2] : undefined, q.parts[q.parts.length - 1]);
  if (!rel) return undefined;
  let j = q.next;
  if (tokens[j]?.upper === "AS" || (isName(tokens[j]) && tokens[j].upper !== "VALUES" && tokens[j].upper !== "OVERRIDING")) j += tokens[j].upper === "AS" ? 2 : 1;
  let names: string[];
  if (tokens[j]?.value === "(") {
    names = [];
    for (let k = j + 1; k < tokens.length && tokens[k].value !== ")"; k++) if (isName(tokens[k])) names.push(tokens[k].value);
  } else {
    names = rel.columns.map((c) => c.name);
  }
  const col = rel.columns.find((c) => c.name === names[position]);
  return col?.type;
}

/** The parenthesis opens a row of `VALUES (…), (…)`. */
function valuesRow(tokens: Token[], open: number): boolean {
  for (let k = open - 1; k >= 0; k--) {
    const t = tokens[k];
    if (t.upper === "VALUES") return true;
    if (t.value === ",") continue;
    if (t.value === ")") {
      let depth = 0;
      for (; k >= 0; k--) {
        if (tokens[k].value === ")") depth++;
        else if (tokens[k].value === "(" && --depth === 0) break;
      }
      continue;
    }
    return false;
  }
  return false;
}
