import * as vscode from "vscode";
import { splitStatements, statementAt } from "../../core/sql/splitStatements";
import { UserFacingError } from "../../core/errors";

/** SQL taken from an editor, with where it came from so errors can be mapped back onto the document. */
export interface EditorSql {
  sql: string;
  document: vscode.TextDocument;
  /** Document offset of sql[0]. */
  baseOffset: number;
  /** What was picked, for messages. */
  scope: "selection" | "statement" | "file" | "range";
}

/** The selection, else the statement under the cursor, else the whole file. */
export function sqlAtCursor(editor: vscode.TextEditor): EditorSql {
  const doc = editor.document;
  if (!editor.selection.isEmpty) {
    const sql = doc.getText(editor.selection);
    if (sql.trim()) return { sql, document: doc, baseOffset: doc.offsetAt(editor.selection.start), scope: "selection" };
  }
  const text = doc.getText();
  const stmt = statementAt(text, doc.offsetAt(editor.selection.active), splitStatements(text));
  if (stmt) return { sql: stmt.text, document: doc, baseOffset: stmt.start, scope: "statement" };
  return wholeFile(doc);
}

export function wholeFile(doc: vscode.TextDocument): EditorSql {
  const sql = doc.getText();
  if (splitStatements(sql).length === 0) throw new UserFacingError(`${doc.isUntitled ? "This editor" : vscode.workspace.asRelativePath(doc.uri)} has no SQL statement to run.`);
  return { sql, document: doc, baseOffset: 0, scope: "file" };
}

/** An explicit [start, end) offset range of a document (CodeLens "Run"). */
export function sqlInRange(doc: vscode.TextDocument, start: number, end: number): EditorSql {
  const len = doc.getText().length;
  const s = Math.max(0, Math.min(start, len));
  const e = Math.max(s, Math.min(end, len));
  const sql = doc.getText(new vscode.Range(doc.positionAt(s), doc.positionAt(e)));
  if (!sql.trim()) throw new UserFacingError("The statement to run is empty; the document may have changed. Place the cursor in a statement and press Ctrl+Enter.");
  return { sql, document: doc, baseOffset: s, scope: "range" };
}
