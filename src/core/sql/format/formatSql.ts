/**
 * Formatting a SQL document statement by statement with a maintained formatter (sql-formatter in
 * its PostgreSQL dialect): only `sql` segments are rewritten; psql meta-commands, the comments and
 * blank lines between statements are kept byte for byte. A statement the formatter cannot read is
 * left as it is (and counted), never lost.
 */
import { splitStatements } from "../splitStatements";

export interface FormatOptions { tabWidth: number; useTabs: boolean }

/** The formatter's own entry point (`format` of sql-formatter). */
export type SqlFormatterModule = { format(sql: string, opts: Record<string, unknown>): string };

export interface TextEdit { start: number; end: number; text: string }

export interface FormatResult { edits: TextEdit[]; skipped: number }

/** Edits that format the statements of `text` (those overlapping [rangeStart, rangeEnd) when given). */
export function formatSql(text: string, formatter: SqlFormatterModule, opts: FormatOptions, range?: { start: number; end: number }): FormatResult {
  const edits: TextEdit[] = [];
  let skipped = 0;
  for (const s of splitStatements(text)) {
    const end = s.start + s.text.length;
    if (range && (end < range.start || s.start > range.end)) continue;
    let out: string;
    try {
      out = formatter.format(s.text, { language: "postgresql", tabWidth: opts.tabWidth, useTabs: opts.useTabs, keywordCase: "preserve", linesBetweenQueries: 1 });
    } catch {
      skipped++;
      continue;
    }
    if (out !== s.text) edits.push({ start: s.start, end, text: out });
  }
  return { edits, skipped };
}
