import * as vscode from "vscode";
import type { RunDone } from "../query/queryController";
import { registerCommand } from "../commands";
import type { Shell } from "../shell";
import { WalkthroughProgress } from "./walkthroughProgress";
import { WALKTHROUGH_ID } from "./walkthroughSteps";

const FIRST_QUERY = "-- Your first Lakebase query. Ctrl+Enter (Cmd+Enter on macOS) runs the statement at the cursor.\nSELECT current_user, current_database(), version();\n";

/** The "cookbook in five minutes" walkthrough: its progress keys and its two commands. */
export function registerWalkthrough(shell: Shell, queries: { onDidRun: vscode.Event<RunDone> }): void {
  const { context, log } = shell;
  const progress = new WalkthroughProgress(shell, queries);
  context.subscriptions.push(progress);

  registerCommand(context, log.logger, "lakebase.walkthrough.open", async () => {
    await vscode.commands.executeCommand("workbench.action.openWalkthrough", `${context.extension.id}#${WALKTHROUGH_ID}`, false);
    progress.publish();
    return true;
  });
  registerCommand(context, log.logger, "lakebase.walkthrough.state", () => progress.snapshot());

  // A SQL editor with one statement, run on the folder's target: the results panel opens beside it.
  registerCommand(context, log.logger, "lakebase.walkthrough.firstQuery", async () => {
    const doc = await vscode.workspace.openTextDocument({ language: "sql", content: FIRST_QUERY });
    const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    return vscode.commands.executeCommand("lakebase.query.run");
  });
}
