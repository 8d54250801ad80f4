import { EXPRESSION_CONTEXT, RELATION_CONTEXT } from "./keywords";
import type { Token } from "./lexer";
import { insertListTarget } from "./scope";
import type { StatementContext } from "./statementContext";

/** What may be typed at the cursor, decided from the tokens before it. */
export type CompletionSite =
  | { kind: "none" }
  | { kind: "statement" }
  /** After FROM/JOIN/INTO/UPDATE/… or a comma in a FROM list. `join`: after JOIN (FK-based joins offered). */
  | { kind: "relation"; join: boolean }
  /** After `x.` or `x.y.`: the parts before the dot. */
  | { kind: "member"; qualifier: string[] }
  /** An expression: columns of the tables in scope, functions, keywords. `joinOn`: right after `JOIN t ON`. */
  | { kind: "expression"; joinOn?: number }
  /** A column list of one table: `INSERT INTO t (…`, `UPDATE t SET …`. `ref`: index in ctx.refs. */
  | { kind: "columnsOf"; ref: number }
  | { kind: "type" }
  /** After a relation in FROM (an alias, JOIN, WHERE… may follow). */
  | { kind: "afterRelation" };

const isName = (t: Token | undefined): t is Token => t !== undefined && (t.kind === "word" || t.kind === "quoted");

export function completionSite(ctx: StatementContext): CompletionSite {
  if (ctx.inert) return { kind: "none" };
  const { tokens, cursorIndex: c } = ctx;
  if (c === 0) return { kind: "statement" };
  const prev = tokens[c - 1];

  if (prev.value === "." && prev.kind === "punct") {
    const parts: string[] = [];
    let k = c - 2;
    while (isName(tokens[k])) {
      parts.unshift(tokens[k].value);
      if (tokens[k - 1]?.value === "." && tokens[k - 1].kind === "punct") k -= 2; else break;
    }
    return parts.length ? { kind: "member", qualifier: parts } : { kind: "none" };
  }
  if (prev.value === "::" || (prev.upper === "AS" && insideCast(ctx, c))) return { kind: "type" };
  if (prev.kind === "punct" && prev.value === ";") return { kind: "statement" };
  if (isColumnTypePosition(ctx, c)) return { kind: "type" };

  // `INSERT INTO t (a, |` and `UPDATE t SET a = 1, |`: that table's columns.
  const insertRef = insertColumnList(ctx, c);
  if (insertRef !== undefined) return { kind: "columnsOf", ref: insertRef };

  // The nearest clause word at the cursor's nesting level decides.
  const group = ctx.cursorGroups[0];
  for (let k = c - 1; k >= 0; k--) {
    const t = tokens[k];
    if (ctx.groupOf[k] !== group) {
      if (k === group) return { kind: "expression" }; // `f(`, `IN (`, `VALUES (`: an expression inside the parentheses
      continue;
    }
    if (t.kind !== "word") continue;
    const w = t.upper!;
    if (RELATION_CONTEXT.has(w)) {
      if (k === c - 1 || prev.value === "," || prev.upper === "ONLY" || prev.upper === "LATERAL") return { kind: "relation", join: w === "JOIN" && k === c - 1 };
      return { kind: "afterRelation" };
    }
    if (w === "ON" && k === c - 1 && tokens.slice(0, k).some((x) => x.upper === "JOIN")) return { kind: "expression", joinOn: k };
    if (w === "SET" && tokens[0]?.upper === "UPDATE" && (k === c - 1 || prev.value === ",")) {
      const ref = ctx.refs.findIndex((r) => r.group === -1 && r.name !== undefined);
      if (ref >= 0) return { kind: "columnsOf", ref };
    }
    if (EXPRESSION_CONTEXT.has(w)) return { kind: "expression" };
  }
  return { kind: "statement" };
}

function insideCast(ctx: StatementContext, c: number): boolean {
  const g = ctx.cursorGroups[0];
  return g >= 1 && ctx.tokens[g - 1]?.upper === "CAST" && ctx.groupOf[c - 1] === g;
}

/** `CREATE TABLE t (name |` and `, name |`, and `ALTER TABLE … ADD COLUMN name |`: a type comes next. */
function isColumnTypePosition(ctx: StatementContext, c: number): boolean {
  const { tokens } = ctx;
  const prev = tokens[c - 1];
  const before = tokens[c - 2];
  if (!isName(prev)) return false;
  if (before?.upper === "COLUMN" && tokens.some((t) => t.upper === "ALTER")) return true;
  const g = ctx.cursorGroups[0];
  if (g < 0 || ctx.groupOf[c - 1] !== g || !(before?.value === "(" || before?.value === ",")) return false;
  if (prev.kind === "word" && ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "EXCLUDE", "LIKE"].includes(prev.upper!)) return false;
  // The parenthesis right after CREATE TABLE name.
  const q = tokens.slice(0, g).map((t) => t.upper ?? t.value);
  const tableAt = q.lastIndexOf("TABLE");
  return tableAt >= 0 && q.includes("CREATE") && ctx.groupOf[tableAt] === -1 && g > tableAt && !q.slice(tableAt, g).includes("AS");
}

function insertColumnList(ctx: StatementContext, c: number): number | undefined {
  const prev = ctx.tokens[c - 1];
  if (!(prev?.value === "(" || prev?.value === ",")) return undefined;
  return insertListTarget(ctx, ctx.cursorGroups[0]);
}
