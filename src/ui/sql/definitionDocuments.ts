/**
 * Read-only `lakebase-ddl:` documents: the DDL of a table, view, function or type, reconstructed
 * from the catalog, for go to definition. The text is kept in memory; nothing is written to disk.
 */
import * as vscode from "vscode";
import { sqlLanguage } from "../../core/sql/sqlLanguage";
import type { SqlSymbol } from "../../core/sql/analysis/symbolAt";

export const DDL_SCHEME = "lakebase-ddl";

function symbolPath(s: SqlSymbol): string {
  switch (s.kind) {
    case "relation": case "column": return `${s.relation.schema}/${s.relation.name}`;
    case "function": return `${s.functions[0].schema}/${s.functions[0].name}()`;
    case "type": return `${s.type.schema}/${s.type.name}`;
    case "schema": return s.schema.name;
  }
}

export class DefinitionDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  /** The document for a symbol (its text refreshed from the current catalog) and the line to show. */
  open(symbol: SqlSymbol): { uri: vscode.Uri; line: number } | undefined {
    const ddl = sqlLanguage().ddlFor(symbol);
    if (!ddl) return undefined;
    // The path is only a name for the tab: encoded, so any identifier (quotes, slashes, emoji) is safe.
    const uri = vscode.Uri.from({ scheme: DDL_SCHEME, path: `/${symbolPath(symbol).split("/").map(encodeURIComponent).join("/")}.sql` });
    const key = uri.toString();
    const before = this.texts.get(key);
    this.texts.set(key, ddl.text);
    if (before !== undefined && before !== ddl.text) this.changed.fire(uri);
    return { uri, line: ddl.line };
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? "-- This definition is no longer in memory: use Go to Definition again.\n";
  }

  dispose(): void {
    this.changed.dispose();
    this.texts.clear();
  }
}
