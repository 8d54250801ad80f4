/**
 * Explain / Explain Analyze of the statement at the cursor (or a CodeLens's statement), shown in
 * the plan view. Explain Analyze of a data-changing statement asks first (automation passes
 * `{confirm: false}` to skip the question) and rolls back. A statement with `$n` / `:name`
 * placeholders asks for their values as Run does (same prompt, the document's last values), unless
 * automation passes `parameters`; they are sent as bind parameters.
 */
import * as vscode from "vscode";
import { UserFacingError } from "../../core/errors";
import { runExplain } from "../../core/sql/plan/runExplain";
import { registerCommand } from "../commands";
import { sqlAtCursor, sqlInRange } from "../query/editorSql";
import type { EditorTargets } from "../query/editorTargets";
import { checkParameters } from "../query/queryApi";
import type { ParameterPrompts } from "../query/queryParameters";
import { queryTargetOf } from "../query/targetLabel";
import { folderKey, type Shell } from "../shell";
import { PlanPanel } from "./planPanel";
import { splitStatements } from "../../core/sql/splitStatements";

interface ExplainArgs { uri?: string; start?: number; end?: number; sql?: string; confirm?: boolean; parameters?: unknown }

export function registerExplain(shell: Shell, selector: vscode.DocumentSelector, editors?: Pick<EditorTargets, "resolveOwn">, prompts?: Pick<ParameterPrompts, "ask">): void {
  const { context } = shell;
  const panel = new PlanPanel();
  const lenses: vscode.CodeLensProvider = {
    provideCodeLenses(doc) {
      const text = doc.getText();
      if (text.length > 2_000_000) return [];
      return splitStatements(text).map((s) => new vscode.CodeLens(new vscode.Range(doc.positionAt(s.start), doc.positionAt(s.start)), {
        title: "Explain", tooltip: "Show this statement's query plan", command: "lakebase.query.explain", arguments: [{ uri: doc.uri.toString(), start: s.start, end: s.start + s.text.length }],
      }));
    },
  };
  context.subscriptions.push(panel, vscode.languages.registerCodeLensProvider(selector, lenses));

  const explain = async (analyze: boolean, arg: unknown) => {
    const a = (arg ?? {}) as ExplainArgs;
    let sql: string;
    let folder: vscode.WorkspaceFolder;
    let doc: vscode.TextDocument | undefined;
    if (typeof a.sql === "string") {
      sql = a.sql;
      folder = shell.requireFolder();
    } else {
      const picked = a.uri !== undefined && a.start !== undefined && a.end !== undefined
        ? sqlInRange(await vscode.workspace.openTextDocument(vscode.Uri.parse(a.uri)), a.start, a.end)
        : vscode.window.activeTextEditor ? sqlAtCursor(vscode.window.activeTextEditor) : undefined;
      if (!picked) throw new UserFacingError("Put the cursor in a SQL statement to explain it.");
      sql = picked.sql;
      doc = picked.document;
      folder = vscode.workspace.getWorkspaceFolder(picked.document.uri) ?? shell.requireFolder();
    }
    const answer = a.parameters !== undefined ? { values: checkParameters(a.parameters) } : prompts ? await prompts.ask(sql, doc) : {};
    if (!answer) return undefined; // Escape in a parameter prompt
    // An editor with a target of its own explains there.
    const resolved = await (editors?.resolveOwn(doc) ?? shell.services.resolve(folderKey(folder)));
    const confirm = a.confirm === false ? undefined : async (statement: string) => {
      const choice = await vscode.window.showWarningMessage(
        `Explain Analyze runs the statement. "${statement.slice(0, 80)}${statement.length > 80 ? "…" : ""}" changes data: it will run inside a transaction that is rolled back.`,
        { modal: true }, "Run and Roll Back");
      return choice === "Run and Roll Back";
    };
    const run = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: analyze ? "Lakebase: explain analyze…" : "Lakebase: explain…" },
      () => runExplain(shell.services.runner, resolved.db, sql, { analyze, confirm, ...(answer.values ? { parameters: answer.values } : {}) }));
    if (!run) return undefined;
    panel.show(run, queryTargetOf(resolved.target).label);
    return { analyzed: run.plan.analyzed, rolledBack: run.rolledBack, slowest: run.plan.slowest, planningMs: run.plan.planningMs, executionMs: run.plan.executionMs, root: run.plan.root };
  };
  registerCommand(context, shell.log.logger, "lakebase.query.explain", (arg?: unknown) => explain(false, arg));
  registerCommand(context, shell.log.logger, "lakebase.query.explainAnalyze", (arg?: unknown) => explain(true, arg));
  registerCommand(context, shell.log.logger, "lakebase.plan.snapshot", () => panel.snapshot());
}
