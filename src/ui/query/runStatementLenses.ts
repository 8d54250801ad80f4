import * as vscode from "vscode";
import { splitStatements } from "../../core/sql/splitStatements";
import { statementCodeStart } from "../../core/sql/statementCodeStart";

/** Argument of the "Run" CodeLens: which document range to run. */
export interface RunRangeArgs { uri: string; start: number; end: number }

/** A "▷ Run" lens above every statement of a SQL document. */
export class RunStatementLenses implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const text = doc.getText();
    // Huge files (dumps) would cost a lot of lenses for no use.
    if (text.length > 2_000_000) return [];
    return splitStatements(text).map((s) => {
      // Above the statement itself, not above the comment that leads it (which still runs with it).
      const at = doc.positionAt(statementCodeStart(text, s.start, s.end));
      const range = new vscode.Range(at, at);
      const args: RunRangeArgs = { uri: doc.uri.toString(), start: s.start, end: s.start + s.text.length };
      return new vscode.CodeLens(range, { title: "$(play) Run", tooltip: "Run this statement on the Lakebase target (Ctrl+Enter)", command: "lakebase.query.run", arguments: [args] });
    });
  }

  dispose(): void { this.changed.dispose(); }
}
