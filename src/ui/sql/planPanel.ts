/** The plan view: one webview panel, replaced by each Explain, with the last run kept for automation. */
import { randomBytes } from "node:crypto";
import * as vscode from "vscode";
import type { ExplainRun } from "../../core/sql/plan/runExplain";
import { planHtml } from "./planHtml";

export class PlanPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private last: { run: ExplainRun; html: string } | undefined;

  show(run: ExplainRun, target: string): void {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel("lakebase.plan", "Query Plan", { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: false, localResourceRoots: [] });
      this.panel.onDidDispose(() => { this.panel = undefined; });
    }
    const html = planHtml(run, { nonce: randomBytes(16).toString("base64"), cspSource: this.panel.webview.cspSource, target });
    this.panel.title = run.analyze ? "Query Plan (Analyze)" : "Query Plan";
    this.panel.webview.html = html;
    this.panel.reveal(vscode.ViewColumn.Beside, true);
    this.last = { run, html };
  }

  /** For tests and automation: what the panel shows. */
  snapshot(): { open: boolean; html?: string } {
    return { open: this.panel !== undefined, ...(this.last ? { html: this.last.html } : {}) };
  }

  dispose(): void { this.panel?.dispose(); }
}
