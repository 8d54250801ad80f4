/**
 * How to run one statement. Row-returning statements go through a cursor (extended protocol,
 * fetched in pages: bounded memory); everything else (DDL, transaction control, COPY,
 * utility commands) goes through a simple query, which accepts any statement.
 */

/** The first keyword, upper-cased, after leading blanks, comments and parentheses. */
export function firstKeyword(sql: string): string {
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "(") { i++; continue; }
    if (c === "-" && sql[i + 1] === "-") {
      const nl = sql.indexOf("\n", i);
      i = nl < 0 ? sql.length : nl + 1;
      continue;
    }
    if (c === "/" && sql[i + 1] === "*") {
      let depth = 0;
      while (i < sql.length) {
        if (sql[i] === "/" && sql[i + 1] === "*") { depth++; i += 2; continue; }
        if (sql[i] === "*" && sql[i + 1] === "/") { depth--; i += 2; if (depth === 0) break; continue; }
        i++;
      }
      continue;
    }
    break;
  }
  const m = /^[A-Za-z_]+/.exec(sql.slice(i));
  return m ? m[0].toUpperCase() : "";
}

/**
 * EXECUTE may run a prepared SELECT; FETCH reads a cursor: both go through the cursor, where the
 * server keeps the result and hands it out page by page. CALL (OUT parameters: one row) stays on
 * the simple protocol, which allows transaction control inside the procedure, and is capped there.
 */
const ROW_RETURNING = new Set(["SELECT", "WITH", "VALUES", "TABLE", "SHOW", "EXPLAIN", "FETCH", "EXECUTE"]);
const DML = new Set(["INSERT", "UPDATE", "DELETE", "MERGE"]);

export type ExecutionMode = "cursor" | "simple";

export function executionMode(sql: string): ExecutionMode {
  const kw = firstKeyword(sql);
  if (ROW_RETURNING.has(kw)) return "cursor";
  if (DML.has(kw) && /\bRETURNING\b/i.test(sql)) return "cursor";
  return "simple";
}

/** COPY … FROM STDIN needs data the editor cannot supply. */
export function isCopyFromStdin(sql: string): boolean {
  return firstKeyword(sql) === "COPY" && /\bFROM\s+STDIN\b/i.test(sql);
}

export function isCopyToStdout(sql: string): boolean {
  return firstKeyword(sql) === "COPY" && /\bTO\s+STDOUT\b/i.test(sql);
}

/**
 * Statements that leave session state behind (settings, temp objects, prepared statements,
 * listeners). After a script with any of them, the pooled connection is reset before reuse.
 */
const SESSION_KEYWORDS = new Set(["SET", "RESET", "LISTEN", "PREPARE", "DECLARE", "LOAD"]);

export function changesSessionState(sql: string): boolean {
  return SESSION_KEYWORDS.has(firstKeyword(sql)) || /\b(TEMP|TEMPORARY|set_config|pg_advisory_lock)\b/i.test(sql);
}
