/**
 * The results panel host: one webview panel, created on first use, revealed on each run. Holds no
 * UI logic: it posts protocol messages (after `ready` only), replays the current query when the
 * webview is rebuilt after hide/show, and hands webview requests to the query feature.
 */
import { basename } from "node:path";
import * as vscode from "vscode";
import { type ExtensionMessage, isWebviewMessage, type ExportFormat, type QuerySnapshot, type WebviewMessage } from "../../shared/protocol";
import { redactFor, type Logger } from "../../core/log";
import { cellDocument } from "../../core/db/cellDocument";
import { resultsHtml, resultsResourceRoots } from "./panelHtml";
import { redactPanelMessage } from "./redactPanelMessage";
import { ReplayLog } from "./replayLog";

export const RESULTS_VIEW_TYPE = "lakebase.results";

export interface PanelRequests {
  cancel(queryId: string): void;
  /** Resolves to what was written, or undefined when the user dismissed the dialog or cancelled. */
  export(resultId: string, format: ExportFormat): Promise<{ rows: number; path: string } | undefined>;
  rerun(): Promise<void>;
  openHistory(): Promise<void>;
  /** Edit Data: review (preview) or apply the staged changes of a result. */
  edits?(request: Extract<WebviewMessage, { type: "previewEdits" | "applyEdits" | "enableEdit" }>): Promise<void>;
}

/** What the host knows about the panel, for tests and diagnostics. */
export interface PanelSnapshot {
  open: boolean;
  visible: boolean;
  ready: boolean;
  query: QuerySnapshot | null;
  results: ReturnType<ReplayLog["resultSets"]>;
  /** Rows the webview reported holding, per result id (its `rowsReceived` answers). */
  webviewRows: Record<string, number>;
  /** How many times the webview said `ready` (a reload after hide/show adds one). */
  readyCount: number;
  /** The editor column the panel is in. */
  viewColumn?: number;
  /** How the current query ended when it failed or was stopped, as posted to the webview. */
  error?: ReturnType<ReplayLog["endError"]>;
}

/** Unacknowledged rows allowed in flight before the runner is slowed down. */
const IN_FLIGHT_PAGES = 4;
/** A webview that stops answering (busy, being rebuilt) must not stall a query forever. */
const ACK_WAIT_MS = 2_000;

export class ResultsPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private readyCount = 0;
  private readonly log = new ReplayLog();
  private readonly sent = new Map<string, number>();
  private readonly acked = new Map<string, number>();
  private wakeWaiters: Array<() => void> = [];
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly extensionUri: vscode.Uri, private readonly logger: Logger, private readonly requests: PanelRequests) {
    this.disposables.push(vscode.window.onDidChangeActiveColorTheme(() => this.postTheme()));
    // After "Reload Window" VS Code hands back the results tab where it was (activation event
    // onWebviewPanel:lakebase.results); without this it would leave an empty editor group behind.
    this.disposables.push(vscode.window.registerWebviewPanelSerializer(RESULTS_VIEW_TYPE, {
      deserializeWebviewPanel: (panel) => { this.restore(panel); return Promise.resolve(); },
    }));
  }

  /** Adopts a results tab VS Code restored (or any panel of our view type), in the column it has. */
  restore(panel: vscode.WebviewPanel): void {
    if (this.panel && this.panel !== panel) this.panel.dispose();
    panel.webview.options = { enableScripts: true, localResourceRoots: resultsResourceRoots(this.extensionUri) };
    this.adopt(panel);
  }

  /** Opens the panel (beside the editor the first time) without taking focus. */
  show(): void {
    if (this.panel) {
      if (this.panel.visible) return;
      // Revealing it in the SQL editor's own group would cover that editor (and the next
      // Ctrl+Enter would find no editor): move it beside instead.
      const editorColumn = vscode.window.activeTextEditor?.viewColumn;
      const column = editorColumn !== undefined && this.panel.viewColumn === editorColumn ? vscode.ViewColumn.Beside : undefined;
      this.panel.reveal(column, true);
      return;
    }
    this.adopt(vscode.window.createWebviewPanel(RESULTS_VIEW_TYPE, "Lakebase Results", { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: resultsResourceRoots(this.extensionUri),
    }));
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.ready = false;
    panel.title = "Lakebase Results";
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, "media", "lakebase.svg");
    panel.webview.html = resultsHtml(panel.webview, this.extensionUri);
    panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m, panel), undefined, this.disposables);
    // Hidden without retainContextWhenHidden, the webview is destroyed; it says `ready` again when shown.
    panel.onDidChangeViewState((e) => { if (this.panel === panel && !e.webviewPanel.visible) this.notReady(); }, undefined, this.disposables);
    panel.onDidDispose(() => { if (this.panel === panel) { this.panel = undefined; this.notReady(); } }, undefined, this.disposables);
    this.panel = panel;
  }

  /** Posts to the webview when it is listening; always recorded for replay. */
  post(message: ExtensionMessage): void {
    // Notices and errors are shown to the user: the log's redaction first (also for replay).
    const msg = redactPanelMessage(message, (t) => redactFor(this.logger, t));
    this.log.record(msg);
    if (msg.type === "queryStarted") { this.sent.clear(); this.acked.clear(); }
    if (msg.type === "rows") this.sent.set(msg.resultId, msg.totalLoaded);
    if (this.ready && this.panel) void this.panel.webview.postMessage(msg).then(undefined, (err: Error) => this.logger.warn(`Posting to the results panel failed: ${err.message}`));
  }

  /** Back-pressure: resolves once the webview has caught up to within a few pages (or is not listening). */
  async caughtUp(resultId: string, pageSize: number): Promise<void> {
    const deadline = Date.now() + ACK_WAIT_MS;
    while (this.ready && (this.sent.get(resultId) ?? 0) - (this.acked.get(resultId) ?? 0) > IN_FLIGHT_PAGES * pageSize && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.wakeWaiters.push(() => { clearTimeout(t); resolve(); });
      });
    }
  }

  get current(): QuerySnapshot | null { return this.log.current; }

  resultRows(resultId: string) { return this.log.rowsOf(resultId); }

  resultColumns(resultId: string) { return this.log.columnsOf(resultId); }

  snapshot(): PanelSnapshot {
    return {
      open: !!this.panel, visible: !!this.panel?.visible, ready: this.ready, query: this.log.current,
      results: this.log.resultSets(), webviewRows: Object.fromEntries(this.acked), readyCount: this.readyCount,
      viewColumn: this.panel?.viewColumn, error: this.log.endError(),
    };
  }

  private onMessage(m: unknown, from?: vscode.WebviewPanel): void {
    if (from && from !== this.panel) return; // a panel replaced by a restored one
    if (!isWebviewMessage(m)) { this.logger.warn("Ignored a malformed message from the results panel"); return; }
    const fail = (what: string) => (err: unknown) => this.logger.error(`Results panel ${what} failed:`, err);
    switch (m.type) {
      case "ready": this.onReady(); break;
      case "rowsReceived": this.acked.set(m.resultId, m.totalLoaded); this.wake(); break;
      case "cancel": this.requests.cancel(m.queryId); break;
      case "export": this.exportFor(m.resultId, m.format, fail("export")); break;
      case "copy": void vscode.env.clipboard.writeText(m.text).then(() => vscode.window.setStatusBarMessage("Lakebase: copied to the clipboard", 2000)); break;
      case "rerun": this.requests.rerun().catch(fail("re-run")); break;
      case "openValue": {
        const doc = cellDocument(m.value, m.typeName);
        void vscode.workspace.openTextDocument({ language: doc.language, content: doc.content })
          .then((d) => vscode.window.showTextDocument(d, { viewColumn: vscode.ViewColumn.Active, preview: true }))
          .then(undefined, fail("open value"));
        break;
      }
      case "openHistory": this.requests.openHistory().catch(fail("history")); break;
      case "previewEdits": case "applyEdits": case "enableEdit": this.requests.edits?.(m).catch(fail("edit")); break;
    }
  }

  /** Runs the panel's export and answers it (exportDone), so the panel can say what happened. */
  private exportFor(resultId: string, format: ExportFormat, logFailure: (err: unknown) => void): void {
    const reply = (status: "done" | "cancelled" | "error", message: string) => this.post({ type: "exportDone", resultId, status, message });
    this.requests.export(resultId, format).then(
      (r) => reply(r ? "done" : "cancelled", r ? `Exported ${r.rows.toLocaleString("en-US")} rows to ${basename(r.path)}.` : "Nothing exported."),
      (err: unknown) => { logFailure(err); reply("error", err instanceof Error ? err.message : String(err)); },
    );
  }

  private onReady(): void {
    if (!this.panel) return;
    this.ready = true;
    this.readyCount++;
    this.acked.clear();
    this.postTheme();
    // A rebuilt webview starts empty: replay the current query from the log.
    for (const msg of this.log.replay()) {
      if (msg.type === "rows") this.sent.set(msg.resultId, msg.totalLoaded);
      void this.panel.webview.postMessage(msg);
    }
  }

  private postTheme(): void {
    if (!this.ready || !this.panel) return;
    const kinds = { [vscode.ColorThemeKind.Light]: "light", [vscode.ColorThemeKind.Dark]: "dark", [vscode.ColorThemeKind.HighContrast]: "highContrast", [vscode.ColorThemeKind.HighContrastLight]: "highContrastLight" } as const;
    void this.panel.webview.postMessage({ type: "theme", kind: kinds[vscode.window.activeColorTheme.kind] } satisfies ExtensionMessage);
  }

  private notReady(): void {
    this.ready = false;
    this.wake();
  }

  private wake(): void {
    const waiters = this.wakeWaiters;
    this.wakeWaiters = [];
    for (const w of waiters) w();
  }

  dispose(): void {
    this.notReady();
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
