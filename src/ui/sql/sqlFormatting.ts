/**
 * Format Document / Format Selection for SQL with sql-formatter (PostgreSQL dialect), honouring the
 * editor's tab size and spaces/tabs. The formatter is its own bundle, loaded on the first format.
 */
import * as path from "node:path";
import * as vscode from "vscode";
import { formatSql, type SqlFormatterModule } from "../../core/sql/format/formatSql";

export function sqlFormatting(extensionPath: string): vscode.DocumentFormattingEditProvider & vscode.DocumentRangeFormattingEditProvider {
  let formatter: SqlFormatterModule | undefined;
  const load = () => {
    // A file beside extension.js, required only now, so activation does not pay for it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    formatter ??= require(path.join(extensionPath, "dist", "sqlFormatter.js")) as SqlFormatterModule;
    return formatter;
  };
  const edits = (doc: vscode.TextDocument, options: vscode.FormattingOptions, range?: vscode.Range) => {
    const r = formatSql(doc.getText(), load(), { tabWidth: options.tabSize, useTabs: !options.insertSpaces }, range && { start: doc.offsetAt(range.start), end: doc.offsetAt(range.end) });
    if (r.skipped) void vscode.window.setStatusBarMessage(`Lakebase: ${r.skipped} statement(s) could not be formatted and were left as they are`, 5000);
    return r.edits.map((e) => vscode.TextEdit.replace(new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.text));
  };
  return {
    provideDocumentFormattingEdits: (doc, options) => edits(doc, options),
    provideDocumentRangeFormattingEdits: (doc, range, options) => edits(doc, options, range),
  };
}
