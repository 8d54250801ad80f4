import * as vscode from "vscode";
import type { HistoryEntry, QueryHistory } from "../../core/history/queryHistory";

const STATUS_ICON: Record<HistoryEntry["status"], string> = { ok: "$(check)", error: "$(error)", cancelled: "$(circle-slash)" };
const OPEN_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon("go-to-file"), tooltip: "Open in an editor" };

export type HistoryChoice = { action: "rerun" | "open"; entry: HistoryEntry };

function firstLine(sql: string): string {
  const line = sql.split("\n").map((l) => l.trim()).find((l) => l && !l.startsWith("--")) ?? sql.trim();
  return line.length > 120 ? `${line.slice(0, 117)}…` : line;
}

function describe(e: HistoryEntry): string {
  const rows = e.rows === null ? "" : ` · ${e.rows.toLocaleString()} ${e.rows === 1 ? "row" : "rows"}`;
  const ms = e.durationMs < 1000 ? `${Math.round(e.durationMs)} ms` : `${(e.durationMs / 1000).toFixed(1)} s`;
  return `${ms}${rows} · ${e.target.label ?? e.target.database}`;
}

/** Newest first; Enter re-runs, the button opens the SQL in an editor. */
export function pickFromHistory(history: QueryHistory): Promise<HistoryChoice | undefined> {
  const entries = history.list();
  if (entries.length === 0) {
    void vscode.window.showInformationMessage("No queries have run in this workspace yet. Run one with Ctrl+Enter in a .sql file.");
    return Promise.resolve(undefined);
  }
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { entry: HistoryEntry }>();
    qp.title = "Lakebase Query History";
    qp.placeholder = "Pick a query to run it again on the current target (button: open in an editor)";
    qp.matchOnDetail = true;
    qp.items = entries.map((entry) => ({
      entry,
      label: `${STATUS_ICON[entry.status]} ${firstLine(entry.sql)}`,
      description: describe(entry),
      detail: `${new Date(entry.time).toLocaleString()}${entry.error ? ` — ${entry.error}` : ""}`,
      buttons: [OPEN_BUTTON],
    }));
    let choice: HistoryChoice | undefined;
    qp.onDidTriggerItemButton((e) => { choice = { action: "open", entry: e.item.entry }; qp.hide(); });
    qp.onDidAccept(() => { const item = qp.selectedItems[0]; if (item) choice = { action: "rerun", entry: item.entry }; qp.hide(); });
    qp.onDidHide(() => { qp.dispose(); resolve(choice); });
    qp.show();
  });
}

export async function openInEditor(entry: HistoryEntry): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: "sql", content: entry.sql });
  await vscode.window.showTextDocument(doc);
}
