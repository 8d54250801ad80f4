/**
 * The query feature: run SQL from editors (Ctrl/Cmd+Enter, CodeLens, editor title), cancel,
 * the results panel, export, and history. Returns the API member for automation.
 */
import * as vscode from "vscode";
import { QueryHistory } from "../../core/history/queryHistory";
import type { ExportFormat, ExportResult } from "../../core/db/export";
import { UserFacingError } from "../../core/errors";
import { splitStatements } from "../../core/sql/splitStatements";
import { registerCommand } from "../commands";
import { exportResult } from "../results/exportResult";
import { RESULTS_VIEW_TYPE, ResultsPanel } from "../results/resultsPanel";
import type { Shell } from "../shell";
import { RunStatementLenses, type RunRangeArgs } from "./runStatementLenses";
import { type EditorSql, sqlAtCursor, sqlInRange, wholeFile } from "./editorSql";
import { QueryDiagnostics } from "./queryDiagnostics";
import { openInEditor, pickFromHistory } from "./historyPicker";
import { checkParameters, createQueryApi, isRunQueryParams, type QueryApi } from "./queryApi";
import { ParameterPrompts } from "./queryParameters";
import { EditorTargets } from "./editorTargets";
import type { ParameterValues } from "../../core/sql/params/bindParameters";
import { QueryController } from "./queryController";
import { EditData, editDataArgs } from "../edit/editData";
import { COPY_TEXT_FORMATS, type CopyTextFormat, isWebviewMessage } from "../../shared/protocol";
import { chartArgs } from "../results/chartArgs";

const HISTORY_KEY = "lakebase.queryHistory";
// Files on disk and unsaved editors; not diff views or git history, where a Run lens makes no sense.
const SQL_SELECTOR: vscode.DocumentSelector = [{ language: "sql", scheme: "file" }, { language: "sql", scheme: "untitled" }, { language: "sql", scheme: "vscode-remote" }];

const isRangeArgs = (v: unknown): v is RunRangeArgs =>
  typeof v === "object" && v !== null && typeof (v as RunRangeArgs).uri === "string" && typeof (v as RunRangeArgs).start === "number" && typeof (v as RunRangeArgs).end === "number";

export function registerQueries(shell: Shell): QueryApi & { onDidRun: QueryController["onDidRun"]; parameterPrompts: ParameterPrompts; editorTargets: EditorTargets } {
  const { context } = shell;
  const logger = shell.log.logger.child("query");
  const history = new QueryHistory({ get: () => context.workspaceState.get(HISTORY_KEY), set: (v) => context.workspaceState.update(HISTORY_KEY, v) });
  const diagnostics = new QueryDiagnostics();
  const showHistory = async () => {
    const choice = await pickFromHistory(history);
    if (choice?.action === "open") await openInEditor(choice.entry);
    // From the panel's History button no editor is active: stay on the folder the panel shows.
    else if (choice) await runAgain(choice.entry.sql, (vscode.window.activeTextEditor ? undefined : controller.lastFolder) ?? shell.requireFolder(), choice.entry.parameters);
  };
  const exportById = async (resultId: string, format: ExportFormat, path?: string): Promise<ExportResult | undefined> => {
    const origin = controller.origin(resultId);
    if (!origin) throw new UserFacingError("That result belongs to an earlier run; run the query again to export it.");
    const stmt = splitStatements(origin.sql)[origin.statementIndex];
    return exportResult(shell.services.pools, { db: origin.db, sql: stmt.text, format, path, defaultFolder: shell.currentFolder()?.uri });
  };
  const panel = new ResultsPanel(context.extensionUri, logger, {
    cancel: (queryId) => { controller.cancel(queryId); },
    export: (resultId, format) => exportById(resultId, format),
    rerun: async () => { await controller.rerunLast(); },
    openHistory: showHistory,
    edits: (m): Promise<void> => editData.handle(m),
  });
  // The panel's callbacks above run only after this line: the panel must exist to build the controller.
  const editorTargets = new EditorTargets(shell);
  const controller = new QueryController(shell, panel, history, diagnostics, (doc, signal) => editorTargets.resolveOwn(doc, signal));
  const editData = new EditData(shell, controller, panel);
  const api = createQueryApi(controller, shell.requireFolder);
  const lenses = new RunStatementLenses();
  // The editor-target lens is registered by the SQL language features, last, so it comes first on line 1.
  context.subscriptions.push(panel, diagnostics, controller, lenses, editorTargets, vscode.languages.registerCodeLensProvider(SQL_SELECTOR, lenses));

  const prompts = new ParameterPrompts(context.workspaceState, (t) => shell.log.redact(t));
  const runFromEditor = async (picked: EditorSql, given?: ParameterValues) => {
    const folder = vscode.workspace.getWorkspaceFolder(picked.document.uri) ?? shell.requireFolder();
    const answer = given ? { values: given } : await prompts.ask(picked.sql, picked.document);
    if (!answer) return undefined; // Escape in a parameter prompt
    return controller.run({ sql: picked.sql, folder, source: { document: picked.document, baseOffset: picked.baseOffset }, ...(answer.values ? { parameters: answer.values } : {}) });
  };
  const runAgain = async (sql: string, folder: vscode.WorkspaceFolder, parameters?: ParameterValues) => {
    const answer = await prompts.ask(sql, undefined, parameters);
    return answer ? controller.run({ sql, folder, ...(answer.values ? { parameters: answer.values } : {}) }) : undefined;
  };
  const activeEditor = () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) throw new UserFacingError("Open a .sql file (or select SQL in an editor) to run it on the Lakebase target.");
    return editor;
  };
  const reg = (id: string, handler: (...args: unknown[]) => unknown) => registerCommand(context, logger, id, handler);

  reg("lakebase.query.run", async (arg?: unknown) => {
    if (isRunQueryParams(arg)) {
      // The command asks for missing parameter values (the API does not).
      if (arg.parameters !== undefined) return api.runQuery(arg);
      const answer = await prompts.ask(arg.sql);
      return answer ? api.runQuery({ ...arg, ...(answer.values ? { parameters: answer.values } : {}) }) : undefined;
    }
    if (isRangeArgs(arg)) {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(arg.uri));
      const given = (arg as { parameters?: unknown }).parameters;
      return runFromEditor(sqlInRange(doc, arg.start, arg.end), given === undefined ? undefined : checkParameters(given));
    }
    return runFromEditor(sqlAtCursor(activeEditor()));
  });
  reg("lakebase.query.runFile", async (arg?: unknown) => {
    const doc = arg instanceof vscode.Uri ? await vscode.workspace.openTextDocument(arg) : activeEditor().document;
    return runFromEditor(wholeFile(doc));
  });
  reg("lakebase.query.cancel", () => controller.cancel());
  reg("lakebase.query.chooseEditorTarget", (arg?: unknown) => editorTargets.choose(arg));
  reg("lakebase.results.show", () => panel.show());
  // What VS Code's serializer does after a window reload, callable by tests with a panel they made.
  reg("lakebase.results.adopt", (arg?: unknown) => {
    const p = arg as vscode.WebviewPanel | undefined;
    if (!p || typeof p !== "object" || p.viewType !== RESULTS_VIEW_TYPE || !p.webview) throw new UserFacingError("lakebase.results.adopt takes a results webview panel.");
    panel.restore(p);
  });
  reg("lakebase.results.export", async (arg?: unknown) => {
    const a = (arg ?? {}) as { format?: ExportFormat; path?: string; resultIndex?: number };
    const ids = controller.resultIds();
    const resultId = ids[a.resultIndex ?? 0];
    if (!resultId) throw new UserFacingError("There is no result to export: run a query first.");
    const format = a.format ?? ((await vscode.window.showQuickPick(["csv", "json"], { title: "Export the full result as" })) as ExportFormat | undefined);
    return format ? exportById(resultId, format, a.path) : undefined;
  });
  // For tests and automation: what the panel host has posted and what the webview acknowledged.
  reg("lakebase.results.snapshot", () => panel.snapshot());
  // Chart of the shown result ({kind?, x?, y?} by column name; "close" closes it) and its PNG ({path?} skips the dialog).
  // Copy of the panel's selection (or everything: {all: true}) as {format}: what Ctrl+C and the Copy menu do.
  reg("lakebase.results.copy", (arg?: unknown) => {
    const a = (arg ?? {}) as { format?: unknown; all?: unknown };
    const format = a.format ?? "tsv";
    if (!COPY_TEXT_FORMATS.includes(format as CopyTextFormat)) throw new UserFacingError(`lakebase.results.copy takes {format?: ${COPY_TEXT_FORMATS.join(" | ")}, all?: boolean}.`);
    return panel.copy(format as CopyTextFormat, a.all === true);
  });
  reg("lakebase.results.chart", (arg?: unknown) => panel.chart(chartArgs(arg)));
  reg("lakebase.results.saveChart", (arg?: unknown) => panel.saveChart((arg as { path?: unknown } | undefined)?.path as string | undefined));
  reg("lakebase.table.editData", async (arg?: unknown) => editData.open(await editDataArgs(arg)));
  // Automation and tests: what the panel's Review SQL / Apply do, for the current Edit Data result.
  reg("lakebase.data.applyEdits", async (arg?: unknown) => {
    const a = (arg ?? {}) as { changes?: unknown; resultIndex?: number; confirm?: boolean; previewOnly?: boolean };
    const resultId = controller.resultIds()[a.resultIndex ?? 0];
    const check = { type: "applyEdits", resultId: resultId ?? "", changes: a.changes };
    if (!resultId || !isWebviewMessage(check)) throw new UserFacingError("lakebase.data.applyEdits takes {changes: [{kind, row?, values?}], resultIndex?, confirm?} for the current Edit Data result.");
    if (a.previewOnly) return { sql: editData.preview(resultId, check.changes) };
    return editData.apply(resultId, check.changes, a.confirm !== false);
  });
  // "Edit" on the current result (index 0 unless told): the panel's menu does the same.
  reg("lakebase.results.edit", async (arg?: unknown) => {
    const resultId = controller.resultIds()[(arg as { resultIndex?: number } | undefined)?.resultIndex ?? 0];
    if (!resultId) throw new UserFacingError("There is no result to edit: run a query first.");
    return editData.enable(resultId);
  });
  reg("lakebase.history.show", showHistory);
  reg("lakebase.history.list", () => history.list());
  reg("lakebase.history.rerun", async (arg?: unknown) => {
    const id = (arg as { id?: string } | undefined)?.id;
    const entry = history.list().find((e) => e.id === id);
    if (!entry) throw new UserFacingError("That history entry no longer exists; open Lakebase: Show Query History to pick another.");
    return runAgain(entry.sql, shell.requireFolder(), entry.parameters);
  });
  reg("lakebase.history.clear", () => history.clear());
  return { ...api, onDidRun: controller.onDidRun, parameterPrompts: prompts, editorTargets };
}
