/**
 * SQL language features from the target's live catalog: completion, hover, signature help, go to
 * definition, and diagnostics from PostgreSQL's parser. Registering costs nothing: the catalog is
 * read when a SQL document first asks, the parser loaded when one is first checked.
 */
import * as vscode from "vscode";
import { changesCatalog } from "../../core/sql/catalog/changesCatalog";
import { registerCommand } from "../commands";
import type { RunDone } from "../query/queryController";
import type { ParameterPrompts } from "../query/queryParameters";
import type { EditorTargets } from "../query/editorTargets";
import type { Shell } from "../shell";
import { DDL_SCHEME, DefinitionDocuments } from "./definitionDocuments";
import { completionProvider, definitionProvider, hoverProvider, signatureHelpProvider } from "./languageProviders";
import { SqlCatalogs } from "./sqlCatalogs";
import { SqlDiagnostics } from "./sqlDiagnostics";
import { registerExplain } from "./explainCommands";
import { sqlFormatting } from "./sqlFormatting";

// Files on disk and unsaved editors (as for the Run lens), not diff views or git history.
export const SQL_DOCUMENTS: vscode.DocumentSelector = [{ language: "sql", scheme: "file" }, { language: "sql", scheme: "untitled" }, { language: "sql", scheme: "vscode-remote" }];

export function registerSqlLanguage(shell: Shell, queries: { onDidRun: vscode.Event<RunDone>; parameterPrompts?: ParameterPrompts; editorTargets?: EditorTargets }): SqlCatalogs {
  const { context } = shell;
  const editors = queries.editorTargets;
  const catalogs = new SqlCatalogs(shell, editors);
  // Parameter prompts show the type a placeholder is compared with, from the same cached catalog.
  if (queries.parameterPrompts) queries.parameterPrompts.catalogFor = (doc) => (doc ? catalogs.indexFor(doc) : catalogs.indexForFolder(shell.currentFolder()));
  const ddl = new DefinitionDocuments();
  const formatter = sqlFormatting(context.extensionPath);
  const diagnostics = new SqlDiagnostics(context.extensionPath, catalogs, shell.log.logger.child("sql"));
  context.subscriptions.push(
    catalogs,
    ddl,
    diagnostics,
    vscode.languages.registerCodeActionsProvider(SQL_DOCUMENTS, diagnostics, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.workspace.registerTextDocumentContentProvider(DDL_SCHEME, ddl),
    vscode.languages.registerCompletionItemProvider(SQL_DOCUMENTS, completionProvider(catalogs), ".", '"'),
    vscode.languages.registerHoverProvider(SQL_DOCUMENTS, hoverProvider(catalogs)),
    vscode.languages.registerSignatureHelpProvider(SQL_DOCUMENTS, signatureHelpProvider(catalogs), "(", ","),
    vscode.languages.registerDefinitionProvider(SQL_DOCUMENTS, definitionProvider(catalogs, ddl)),
    vscode.languages.registerDocumentFormattingEditProvider(SQL_DOCUMENTS, formatter),
    vscode.languages.registerDocumentRangeFormattingEditProvider(SQL_DOCUMENTS, formatter),
    // DDL run from the editor changes what completion should offer: read the catalog again.
    queries.onDidRun((run) => {
      if (changesCatalog(run.sql)) void catalogs.refresh(run.folder, run.document);
    }),
    // An editor switched to another target: its completion, status and diagnostics follow at once.
    ...(editors ? [editors.store.onDidChange((uri) => {
      catalogs.update();
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
      if (doc) void diagnostics.check(doc);
    })] : []),
  );
  registerExplain(shell, SQL_DOCUMENTS, editors, queries.parameterPrompts);
  // Registered after Run and Explain: VS Code shows the last provider's lens first ("feature · Explain · Run").
  if (editors) context.subscriptions.push(vscode.languages.registerCodeLensProvider(SQL_DOCUMENTS, editors));
  registerCommand(context, shell.log.logger, "lakebase.sql.refreshCatalog", () => catalogs.refresh(shell.currentFolder(), vscode.window.activeTextEditor?.document));
  // Automation and tests: check a document now (the editor checks after a pause in typing).
  registerCommand(context, shell.log.logger, "lakebase.sql.checkDocument", async (arg?: unknown) => {
    const doc = arg instanceof vscode.Uri ? await vscode.workspace.openTextDocument(arg) : vscode.window.activeTextEditor?.document;
    return doc ? (await diagnostics.check(doc)).map((d) => ({ message: d.message, severity: d.severity, code: d.code, range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character] })) : [];
  });
  return catalogs;
}
