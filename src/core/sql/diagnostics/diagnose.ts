import type { CatalogIndex } from "../analysis/catalogIndex";
import { quoteIdent } from "../analysis/identifiers";
import { readQualified } from "../analysis/statementContext";
import { tokenize } from "../analysis/lexer";
import { errorPositionToOffset, type SqlSegment, splitStatements } from "../splitStatements";
import { type CatalogFinding, checkStatement } from "./catalogChecks";
import { documentLocalNames } from "./localNames";
import type { PgParser, PgParseResult } from "./pgParser";

export interface SqlDiagnostic {
  start: number;
  end: number;
  severity: "error" | "information";
  code: "syntax" | "unknown-table" | "unknown-column" | "not-checked";
  message: string;
  /** Replacement names for a "Did you mean" quick fix, already quoted for SQL. */
  suggestions?: string[];
}

export interface DiagnoseOptions {
  /** The target's catalog: with it, unknown tables and columns are reported too. */
  index?: CatalogIndex;
  /** Work this long, then yield to the event loop before the next statement (typing is never blocked longer). */
  sliceMs?: number;
  /** Stop (returning undefined) when this is aborted, e.g. by a newer version of the document. */
  signal?: AbortSignal;
  /** Kept across runs of one document: after an edit only the edited statement is parsed and checked again. */
  cache?: DiagnosticsCache;
  /** Statements longer than this are not parsed (one note says so). */
  maxStatementLength?: number;
  maxDiagnostics?: number;
}

const MAX_CACHE = 20_000;

/** Parse results and catalog findings by statement text; findings are dropped when the catalog or the document's own tables change. */
export class DiagnosticsCache {
  readonly parses = new Map<string, PgParseResult>();
  private findings = new Map<string, CatalogFinding[]>();
  private basis: { index?: CatalogIndex; local: string } = { local: "" };

  findingsFor(index: CatalogIndex, local: Set<string>): Map<string, CatalogFinding[]> {
    const key = [...local].sort().join("\u0000");
    if (this.basis.index !== index || this.basis.local !== key) {
      this.basis = { index, local: key };
      this.findings = new Map();
    }
    if (this.findings.size >= MAX_CACHE) this.findings.clear();
    return this.findings;
  }

  remember(text: string, result: PgParseResult): void {
    if (this.parses.size >= MAX_CACHE) this.parses.clear();
    this.parses.set(text, result);
  }
}

/** Diagnostics for a whole document: PostgreSQL's syntax errors at the exact character, then catalog findings. */
export async function diagnose(text: string, parser: PgParser, opts: DiagnoseOptions = {}): Promise<SqlDiagnostic[] | undefined> {
  const statements = splitStatements(text);
  const parsed: { stmt: SqlSegment; result: PgParseResult }[] = [];
  const out: SqlDiagnostic[] = [];
  const max = opts.maxDiagnostics ?? 200;
  const maxLen = opts.maxStatementLength ?? 1_000_000;
  const cache = opts.cache;
  const sliceMs = opts.sliceMs ?? 15;
  let sliceStart = performance.now();
  for (const stmt of statements) {
    if (opts.signal?.aborted) return undefined;
    if (stmt.text.length > maxLen) {
      out.push({ start: stmt.start, end: stmt.start + 1, severity: "information", code: "not-checked", message: `This statement is larger than ${Math.round(maxLen / 1000)} kB: it is not checked as you type.` });
      continue;
    }
    let result = cache?.parses.get(stmt.text);
    if (!result) {
      result = parser.parse(stmt.text);
      cache?.remember(stmt.text, result);
    }
    parsed.push({ stmt, result });
    if (!result.ok && out.length < max) out.push(syntaxDiagnostic(stmt, result.error.message, result.error.position));
    if (performance.now() - sliceStart > sliceMs) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
  if (opts.signal?.aborted) return undefined;
  if (opts.index) {
    const local = documentLocalNames(parsed.flatMap((p) => (p.result.ok ? p.result.stmts : [])));
    const memo = cache?.findingsFor(opts.index, local);
    for (const { stmt, result } of parsed) {
      if (!result.ok) continue;
      let findings = memo?.get(stmt.text);
      if (!findings) {
        findings = result.stmts.flatMap((node) => checkStatement(node, opts.index!, local));
        memo?.set(stmt.text, findings);
      }
      for (const f of findings) {
        if (out.length >= max) break;
        const [start, end] = nameRange(stmt, byteToUnit(stmt.text, f.location), f.part);
        out.push({ start, end, severity: "information", code: f.kind, message: f.message, suggestions: f.suggestions.map(quoteIdent) });
      }
    }
  }
  return out;
}

function syntaxDiagnostic(stmt: SqlSegment, message: string, position: number): SqlDiagnostic {
  const at = errorPositionToOffset(stmt, position + 1);
  const rel = at - stmt.start;
  const tokens = tokenize(stmt.text, 0, stmt.text.length);
  const last = tokens[tokens.length - 1];
  // "at end of input": the statement's last token; otherwise from the exact character to the end of its token.
  if (rel >= stmt.text.length && last) return { start: stmt.start + last.start, end: stmt.start + last.end, severity: "error", code: "syntax", message };
  const tok = tokens.find((t) => t.start <= rel && rel < t.end);
  return { start: at, end: tok ? stmt.start + tok.end : at + 1, severity: "error", code: "syntax", message };
}

/** The document range of part `part` (0-based) of the qualified name starting at statement offset `rel`. */
function nameRange(stmt: SqlSegment, rel: number, part: number): [number, number] {
  const tokens = tokenize(stmt.text, rel, Math.min(stmt.text.length, rel + 2000));
  const q = readQualified(tokens, 0);
  const tok = tokens[Math.min(part, q.parts.length - 1) * 2] ?? tokens[0];
  return tok ? [stmt.start + tok.start, stmt.start + tok.end] : [stmt.start + rel, stmt.start + rel + 1];
}

/** UTF-16 index in `text` of UTF-8 byte offset `bytes` (the parser's locations are in bytes). */
export function byteToUnit(text: string, bytes: number): number {
  let b = 0;
  let i = 0;
  while (i < text.length && b < bytes) {
    const c = text.codePointAt(i)!;
    b += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    i += c >= 0x10000 ? 2 : 1;
  }
  return i;
}
