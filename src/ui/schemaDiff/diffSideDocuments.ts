import * as vscode from "vscode";
import type { CatalogObject } from "../../core/schema/catalogTypes";

/** Its own scheme: `lakebase-ddl:` belongs to the SQL editor's go-to-definition documents. */
export const DDL_SCHEME = "lakebase-schema-diff";

function fullDdl(o: CatalogObject | undefined): string {
  if (!o) return "";
  return `${o.ddl}${o.ownedBy ? `\n${o.ownedBy}` : ""}\n`;
}

/**
 * Read-only virtual documents holding one object's DDL on one side of a comparison, for
 * VS Code's diff editor: `lakebase-schema-diff:/<comparison>/<side>/<object>.sql`.
 */
export class DiffSideDocuments implements vscode.TextDocumentContentProvider {
  private readonly docs = new Map<string, string>();

  uri(comparison: number, side: "from" | "to", label: string, key: string, object: CatalogObject | undefined): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: DDL_SCHEME, path: `/${comparison}/${side}/${label}/${encodeURIComponent(key)}.sql` });
    this.docs.set(uri.toString(), fullDdl(object));
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.docs.get(uri.toString()) ?? "-- This comparison is no longer open: compare the branches again.\n";
  }

  /** Keeps only the documents of the newest comparison. */
  forgetBefore(comparison: number): void {
    for (const k of [...this.docs.keys()]) {
      const n = Number(vscode.Uri.parse(k).path.split("/")[1]);
      if (n < comparison) this.docs.delete(k);
    }
  }
}
