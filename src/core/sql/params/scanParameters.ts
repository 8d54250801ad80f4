/**
 * Finds the bind-parameter placeholders of a script: `$1…$n` and `:name`, found by the tolerant
 * lexer, so a `$1` inside a string, a comment, a quoted identifier or a dollar-quoted body, a
 * `::cast` and an array slice `a[lo:hi]` are not placeholders. Only statements that the server
 * can prepare with parameters count: in `PREPARE … AS SELECT $1` or a `CREATE FUNCTION … RETURN $1`
 * body the `$1` is the statement's own.
 */
import { firstKeyword } from "../../db/statementKind";
import { tokenize } from "../analysis/lexer";
import { splitStatements, type SqlSegment } from "../splitStatements";

export interface Placeholder {
  /** `$2` or `:customer_id`, as written (a name is case-sensitive, like a psql variable). */
  key: string;
  /** Offsets in the text that was scanned. */
  start: number;
  end: number;
}

export interface StatementParameters { statement: SqlSegment; placeholders: Placeholder[] }

export interface ScriptParameters {
  statements: StatementParameters[];
  /** Every distinct key, in the order to ask for them: `$n` by number, then names by first use. */
  keys: string[];
}

/** Statements the extended protocol prepares with parameters (the rest take none). */
const PARAMETERIZABLE = new Set(["SELECT", "WITH", "VALUES", "TABLE", "INSERT", "UPDATE", "DELETE", "MERGE", "EXPLAIN"]);

/** The placeholders of one statement's text (empty for a statement that cannot take parameters). */
export function placeholdersIn(text: string): Placeholder[] {
  if (!PARAMETERIZABLE.has(firstKeyword(text))) return [];
  const out: Placeholder[] = [];
  let brackets = 0;
  for (const t of tokenize(text)) {
    if (t.kind === "punct") {
      if (t.value === "[") brackets++;
      else if (t.value === "]" && brackets > 0) brackets--;
      continue;
    }
    if (t.kind !== "param") continue;
    // `arr[1:n]` is a slice, not a parameter named n.
    if (t.value.startsWith(":") && brackets > 0) continue;
    out.push({ key: t.value, start: t.start, end: t.end });
  }
  return out;
}

export function scanParameters(sql: string): ScriptParameters {
  const statements = splitStatements(sql).map((statement) => ({ statement, placeholders: placeholdersIn(statement.text) }));
  return { statements: statements.filter((s) => s.placeholders.length > 0), keys: orderKeys(statements.flatMap((s) => s.placeholders)) };
}

/** Distinct keys: positional ones by number, then named ones in order of first appearance. */
export function orderKeys(placeholders: Placeholder[]): string[] {
  const positional = new Set<string>();
  const named = new Set<string>();
  for (const p of placeholders) (p.key.startsWith("$") ? positional : named).add(p.key);
  return [...[...positional].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))), ...named];
}
