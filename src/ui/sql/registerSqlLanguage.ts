/**
 * SQL language features from the target's live catalog: completion, hover, signature help, go to
 * definition. Registering costs nothing: the catalog is read when a SQL document first asks.
 */
import * as vscode from "vscode";
import { changesCatalog } from "../../core/sql/catalog/changesCatalog";
import { registerCommand } from "../commands";
import type { RunDone } from "../query/queryController";
import type { Shell } from "../shell";
import { DDL_SCHEME, DdlDocuments } from "./ddlDocuments";
import { completionProvider, definitionProvider, hoverProvider, signatureHelpProvider } from "./languageProviders";
import { SqlCatalogs } from "./sqlCatalogs";

// Files on disk and unsaved editors (as for the Run lens), not diff views or git history.
export const SQL_DOCUMENTS: vscode.DocumentSelector = [{ language: "sql", scheme: "file" }, { language: "sql", scheme: "untitled" }, { language: "sql", scheme: "vscode-remote" }];

export function registerSqlLanguage(shell: Shell, queries: { onDidRun: vscode.Event<RunDone> }): SqlCatalogs {
  const { context } = shell;
  const catalogs = new SqlCatalogs(shell);
  const ddl = new DdlDocuments();
  context.subscriptions.push(
    catalogs,
    ddl,
    vscode.workspace.registerTextDocumentContentProvider(DDL_SCHEME, ddl),
    vscode.languages.registerCompletionItemProvider(SQL_DOCUMENTS, completionProvider(catalogs), ".", '"'),
    vscode.languages.registerHoverProvider(SQL_DOCUMENTS, hoverProvider(catalogs)),
    vscode.languages.registerSignatureHelpProvider(SQL_DOCUMENTS, signatureHelpProvider(catalogs), "(", ","),
    vscode.languages.registerDefinitionProvider(SQL_DOCUMENTS, definitionProvider(catalogs, ddl)),
    // DDL run from the editor changes what completion should offer: read the catalog again.
    queries.onDidRun((run) => {
      if (changesCatalog(run.sql)) void catalogs.refresh(run.folder);
    }),
  );
  registerCommand(context, shell.log.logger, "lakebase.sql.refreshCatalog", () => catalogs.refresh(shell.currentFolder()));
  return catalogs;
}
