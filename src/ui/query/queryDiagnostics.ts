import * as vscode from "vscode";
import type { QueryError } from "../../core/db/queryError";
import { splitStatements } from "../../core/sql/splitStatements";

/**
 * Puts a query error on the document it came from: at the reported position (the word there),
 * else over the whole failing statement. Cleared when the document changes or the next run starts.
 */
export class QueryDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection("lakebase-query");
  private readonly subscription = vscode.workspace.onDidChangeTextDocument((e) => {
    if (e.contentChanges.length > 0 && this.collection.has(e.document.uri)) this.collection.delete(e.document.uri);
  });

  clear(uri: vscode.Uri): void { this.collection.delete(uri); }

  get(uri: vscode.Uri): readonly vscode.Diagnostic[] { return this.collection.get(uri) ?? []; }

  /** `sql` is what was run, starting at document offset `baseOffset`. */
  report(doc: vscode.TextDocument, sql: string, baseOffset: number, error: QueryError): vscode.Diagnostic | undefined {
    const range = errorRange(doc, sql, baseOffset, error);
    if (!range) return undefined;
    const lines = [error.message, error.detail && `Detail: ${error.detail}`, error.hint && `Hint: ${error.hint}`, error.where && `Where: ${error.where}`].filter(Boolean);
    const d = new vscode.Diagnostic(range, lines.join("\n"), vscode.DiagnosticSeverity.Error);
    d.source = "Lakebase";
    if (error.sqlstate) d.code = error.sqlstate;
    this.collection.set(doc.uri, [d]);
    return d;
  }

  dispose(): void {
    this.subscription.dispose();
    this.collection.dispose();
  }
}

function errorRange(doc: vscode.TextDocument, sql: string, baseOffset: number, error: QueryError): vscode.Range | undefined {
  if (error.scriptOffset !== undefined) {
    const pos = doc.positionAt(baseOffset + error.scriptOffset);
    return doc.getWordRangeAtPosition(pos, /[^\s,;()]+/) ?? new vscode.Range(pos, pos.translate(0, 1));
  }
  if (error.statementIndex === undefined) return undefined;
  const stmt = splitStatements(sql)[error.statementIndex];
  if (!stmt) return undefined;
  return new vscode.Range(doc.positionAt(baseOffset + stmt.start), doc.positionAt(baseOffset + stmt.start + stmt.text.length));
}
