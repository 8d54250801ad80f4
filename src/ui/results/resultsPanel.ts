/**
 * The results panel host: one webview panel, created on first use, revealed on each run. Holds no
 * UI logic: it posts protocol messages (after `ready` only), replays the current query when the
 * webview is rebuilt after hide/show, and hands webview requests to the query feature.
 */
import { basename } from "node:path";
import * as vscode from "vscode";
import { type ChartKind, type ChartReport, type CopyTextFormat, type ExtensionMessage, isWebviewMessage, type ExportFormat, type QuerySnapshot, type WebviewMessage } from "../../shared/protocol";
import { UserFacingError } from "../../core/errors";
import { redactFor, type Logger } from "../../core/log";
import { packForPost } from "../../shared/rowPageWire";
import { cellDocument } from "../../core/db/cellDocument";
import { resultsHtml, resultsResourceRoots } from "./panelHtml";
import { redactPanelMessage } from "./redactPanelMessage";
import { PageCoalescer } from "./pageCoalescer";
import { ReplayLog } from "./replayLog";
import { saveChartPng } from "./saveChart";

export const RESULTS_VIEW_TYPE = "lakebase.results";

/** How a copy ended: what reached the clipboard (pieces: how many copyChunk messages a big copy took). */
export interface CopyOutcome { chars?: number; rows?: number; pieces?: number; cancelled?: boolean; error?: string }

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
  /** The chart the webview shows, as it reported it (undefined: none open). */
  chart?: ChartReport;
}

/** Unacknowledged rows allowed in flight (in pages) before the runner is slowed down: 4 left VS Code's channel idle between
 * round trips (bench:vscode, 100,000 rows at load 8–18: 23.8× `psql -At` before, 6.6× with 32 in flight and pages packed and merged). */
const IN_FLIGHT_PAGES = 32;
/** A webview that stops answering (busy, being rebuilt) must not stall a query forever. */
const ACK_WAIT_MS = 2_000;
/** A big copy's text is held here until its last piece; past this many characters it is refused (Export instead). */
const MAX_COPY_CHARS = 256 * 1024 * 1024;
/** How long the Copy command waits for the clipboard. */
const COPY_WAIT_MS = 120_000;
/** How long the Chart commands wait for the webview to answer. */
const CHART_WAIT_MS = 10_000;

export class ResultsPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private readyCount = 0;
  private readonly log = new ReplayLog();
  private readonly sent = new Map<string, number>();
  private readonly acked = new Map<string, number>();
  private readonly pages = new PageCoalescer((msg) => this.send(msg));
  private wakeWaiters: Array<() => void> = [];
  private readonly disposables: vscode.Disposable[] = [];
  private chartShown: ChartReport | undefined;
  private readonly answerWaiters: Array<{ type: WebviewMessage["type"]; resolve: (m: WebviewMessage | undefined) => void }> = [];
  /** Where the next "Save as PNG" goes without a dialog (the saveChart command's `path`). */
  private chartPath: string | undefined;
  private chartSaving: Promise<string | undefined> | undefined;
  /** The pieces of the big copy under way (copyChunk), joined once at its end. */
  private copyParts: { copyId: string; parts: string[]; chars: number; refused: boolean } | undefined;
  private copyWaiters: Array<(r: CopyOutcome) => void> = [];

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
    if (msg.type === "queryStarted") { this.sent.clear(); this.acked.clear(); this.pages.reset(); }
    if (msg.type === "rows") {
      this.sent.set(msg.resultId, msg.totalLoaded);
      if (this.ready && this.panel) this.pages.add(msg);
      return;
    }
    this.pages.flush();
    this.send(msg);
  }

  private send(msg: ExtensionMessage): void {
    if (this.ready && this.panel) void this.panel.webview.postMessage(packForPost(msg)).then(undefined, (err: Error) => this.logger.warn(`Posting to the results panel failed: ${err.message}`));
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
      viewColumn: this.panel?.viewColumn, error: this.log.endError(), chart: this.chartShown,
    };
  }

  private onMessage(m: unknown, from?: vscode.WebviewPanel): void {
    if (from && from !== this.panel) return; // a panel replaced by a restored one
    if (!isWebviewMessage(m)) { this.logger.warn("Ignored a malformed message from the results panel"); return; }
    const fail = (what: string) => (err: unknown) => this.logger.error(`Results panel ${what} failed:`, err);
    switch (m.type) {
      case "ready": this.onReady(); break;
      case "rowsReceived": this.acked.set(m.resultId, m.totalLoaded); this.pages.acked(m.resultId, m.totalLoaded); this.wake(); break;
      case "cancel": this.requests.cancel(m.queryId); break;
      case "export": this.exportFor(m.resultId, m.format, fail("export")); break;
      case "copy": void vscode.env.clipboard.writeText(m.text).then(() => { vscode.window.setStatusBarMessage("Lakebase: copied to the clipboard", 2000); this.copied({ chars: m.text.length }); }); break;
      case "copyChunk": this.onCopyChunk(m); break;
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
      case "chartShown": this.chartShown = m.chart; break;
      case "saveChart": {
        const path = this.chartPath;
        this.chartPath = undefined;
        this.chartSaving = saveChartPng(m.dataUrl, m.name, { path, defaultFolder: vscode.workspace.workspaceFolders?.[0]?.uri });
        // A click in the panel has nobody awaiting it: its failure is shown here (the command's caller gets it thrown).
        if (!this.answerWaiters.some((w) => w.type === "saveChart")) this.chartSaving.catch((err: Error) => { void vscode.window.showErrorMessage(`Lakebase: ${err.message}`); });
        break;
      }
    }
    for (const w of this.answerWaiters.filter((x) => x.type === m.type)) { this.answerWaiters.splice(this.answerWaiters.indexOf(w), 1); w.resolve(m); }
  }

  /** A piece of a big copy: kept until the last, then the clipboard is written once and the webview told. */
  private onCopyChunk(m: Extract<WebviewMessage, { type: "copyChunk" }>): void {
    if (m.cancel) {
      if (this.copyParts?.copyId === m.copyId) this.copyParts = undefined;
      this.copied({ cancelled: true });
      return;
    }
    if (this.copyParts?.copyId !== m.copyId) this.copyParts = { copyId: m.copyId, parts: [], chars: 0, refused: false };
    const c = this.copyParts;
    if (!c.refused) { c.parts.push(m.text); c.chars += m.text.length; }
    if (!c.refused && c.chars > MAX_COPY_CHARS) { c.refused = true; c.parts = []; }
    if (!m.done) return;
    this.copyParts = undefined;
    const answer = (msg: ExtensionMessage) => { if (this.ready && this.panel) void this.panel.webview.postMessage(msg); };
    if (c.refused) {
      const error = `That copy is over ${MAX_COPY_CHARS / 1048576} MB of text: too much for the clipboard. Use Export CSV… instead.`;
      answer({ type: "copyDone", copyId: m.copyId, rows: 0, error });
      this.copied({ error });
      return;
    }
    const text = c.parts.join("");
    void vscode.env.clipboard.writeText(text).then(() => {
      vscode.window.setStatusBarMessage(`Lakebase: copied ${(m.rows ?? 0).toLocaleString("en-US")} rows to the clipboard`, 3000);
      answer({ type: "copyDone", copyId: m.copyId, rows: m.rows ?? 0 });
      this.copied({ rows: m.rows, chars: text.length, pieces: c.parts.length });
    }, (err: Error) => {
      answer({ type: "copyDone", copyId: m.copyId, rows: 0, error: `The clipboard refused the copy: ${err.message}` });
      this.copied({ error: err.message });
    });
  }

  private copied(outcome: CopyOutcome): void {
    const waiters = this.copyWaiters;
    this.copyWaiters = [];
    for (const w of waiters) w(outcome);
  }

  /** The Copy command: the webview copies its selection (or everything) as `format`; resolves once the clipboard has it. */
  copy(format: CopyTextFormat, all: boolean): Promise<CopyOutcome> {
    if (!this.ready || !this.panel) throw new UserFacingError("The results panel is not open: run a query first.");
    return new Promise((resolve) => {
      const timer = setTimeout(() => { this.copyWaiters = this.copyWaiters.filter((w) => w !== done); resolve({ error: "The results panel did not finish the copy in time." }); }, COPY_WAIT_MS);
      const done = (r: CopyOutcome) => { clearTimeout(timer); resolve(r); };
      this.copyWaiters.push(done);
      void this.panel!.webview.postMessage({ type: "copySelection", format, all } satisfies ExtensionMessage);
    });
  }

  /** The Chart command: opens (or closes) the chart of the shown result; resolves with what the webview drew. */
  async chart(request: { action: "open" | "close"; kind?: ChartKind; x?: string; y?: string }): Promise<ChartReport | undefined> {
    const answer = this.askWebview({ type: "chart", ...request }, "chartShown");
    const m = await answer;
    if (!m) throw new UserFacingError("The results panel did not answer: show it (Lakebase: Show Results) and try again.");
    if (m.type === "chartShown" && m.error) throw new UserFacingError(m.error);
    return m.type === "chartShown" ? m.chart : undefined;
  }

  /** "Save as PNG" of the open chart: the webview posts the image, then the dialog (or `path`). Resolves to the file. */
  async saveChart(path?: string): Promise<string | undefined> {
    this.chartPath = path;
    const m = await this.askWebview({ type: "chart", action: "savePng" }, "saveChart");
    if (!m) { this.chartPath = undefined; throw new UserFacingError("There is no chart to save: open one first (Chart on the results toolbar, or Lakebase: Chart Result)."); }
    return this.chartSaving;
  }

  /** Posts to a listening webview and waits for its answer of type `answer` (undefined after CHART_WAIT_MS). */
  private askWebview(msg: ExtensionMessage, answer: WebviewMessage["type"]): Promise<WebviewMessage | undefined> {
    if (!this.ready || !this.panel) throw new UserFacingError("The results panel is not open: run a query first.");
    return new Promise((resolve) => {
      const waiter = { type: answer, resolve: (m: WebviewMessage | undefined) => { clearTimeout(timer); resolve(m); } };
      const timer = setTimeout(() => { const i = this.answerWaiters.indexOf(waiter); if (i >= 0) this.answerWaiters.splice(i, 1); resolve(undefined); }, CHART_WAIT_MS);
      this.answerWaiters.push(waiter);
      // Not through post(): a chart request is not part of the query, so it is not replayed after a reload.
      void this.panel!.webview.postMessage(msg);
    });
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
    this.chartShown = undefined; // a rebuilt webview shows the grid
    this.acked.clear();
    this.pages.reset();
    this.postTheme();
    // A rebuilt webview starts empty: replay the current query from the log.
    for (const msg of this.log.replay()) {
      if (msg.type === "rows") this.sent.set(msg.resultId, msg.totalLoaded);
      this.send(msg);
    }
  }

  private postTheme(): void {
    if (!this.ready || !this.panel) return;
    const kinds = { [vscode.ColorThemeKind.Light]: "light", [vscode.ColorThemeKind.Dark]: "dark", [vscode.ColorThemeKind.HighContrast]: "highContrast", [vscode.ColorThemeKind.HighContrastLight]: "highContrastLight" } as const;
    void this.panel.webview.postMessage({ type: "theme", kind: kinds[vscode.window.activeColorTheme.kind] } satisfies ExtensionMessage);
  }

  private notReady(): void {
    this.ready = false;
    this.pages.reset();
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
