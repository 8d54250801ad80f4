/**
 * Diagnostics as you type from PostgreSQL's own parser, plus catalog findings ("Did you mean …").
 * The parser is loaded the first time a SQL document is checked, after a pause in typing, never
 * during activation. A newer version of a document cancels the check of the older one, and the
 * check yields to the extension host between statements, so typing is never held up.
 */
import * as path from "node:path";
import * as vscode from "vscode";
import type { Logger } from "../../core/log";
import type { DiagnosticsCache, SqlDiagnostic } from "../../core/sql/diagnostics/diagnose";
import type { PgParser } from "../../core/sql/diagnostics/pgParser";
import { sqlLanguage } from "../../core/sql/sqlLanguage";
import type { SqlCatalogs } from "./sqlCatalogs";

const DEBOUNCE_MS = 250;
const SOURCE = { syntax: "PostgreSQL parser", catalog: "Lakebase catalog" };

interface DocState { cache: DiagnosticsCache; abort?: AbortController; timer?: ReturnType<typeof setTimeout>; found: SqlDiagnostic[] }

export class SqlDiagnostics implements vscode.Disposable, vscode.CodeActionProvider {
  private readonly collection = vscode.languages.createDiagnosticCollection("lakebase-sql");
  private readonly docs = new Map<string, DocState>();
  private parser: Promise<PgParser> | undefined;
  private parserFailed = false;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly extensionPath: string, private readonly catalogs: SqlCatalogs, private readonly logger: Logger) {
    this.subscriptions.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d)),
      vscode.workspace.onDidChangeTextDocument((e) => { if (e.contentChanges.length) this.schedule(e.document); }),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration("lakebase.sql.diagnostics")) this.recheckAll(); }),
      // A catalog that arrives or changes changes the findings.
      catalogs.cache.onDidChange((c) => { if (c.state.status === "ready") this.recheckAll(); }),
    );
    for (const d of vscode.workspace.textDocuments) this.schedule(d);
  }

  /** Checks a document now and returns its diagnostics (automation and tests; the editor uses the debounced path). */
  async check(doc: vscode.TextDocument): Promise<readonly vscode.Diagnostic[]> {
    await this.run(doc);
    return this.collection.get(doc.uri) ?? [];
  }

  private recheckAll(): void {
    for (const d of vscode.workspace.textDocuments) this.schedule(d);
  }

  private schedule(doc: vscode.TextDocument): void {
    if (!isChecked(doc)) return;
    const state = this.state(doc.uri);
    if (state.timer) clearTimeout(state.timer);
    state.timer = setTimeout(() => { state.timer = undefined; void this.run(doc); }, DEBOUNCE_MS);
  }

  private state(uri: vscode.Uri): DocState {
    let s = this.docs.get(uri.toString());
    if (!s) this.docs.set(uri.toString(), (s = { cache: new (sqlLanguage().DiagnosticsCache)(), found: [] }));
    return s;
  }

  private forget(uri: vscode.Uri): void {
    const s = this.docs.get(uri.toString());
    if (s?.timer) clearTimeout(s.timer);
    s?.abort?.abort();
    this.docs.delete(uri.toString());
    this.collection.delete(uri);
  }

  private async run(doc: vscode.TextDocument): Promise<void> {
    const settings = vscode.workspace.getConfiguration("lakebase.sql.diagnostics", doc.uri);
    if (!isChecked(doc) || !settings.get<boolean>("syntax", true) || this.parserFailed) { this.collection.delete(doc.uri); return; }
    const parser = await this.loadParser();
    if (!parser) return;
    const state = this.state(doc.uri);
    state.abort?.abort();
    const abort = (state.abort = new AbortController());
    const version = doc.version;
    const index = settings.get<boolean>("catalog", true) ? this.catalogs.indexFor(doc) : undefined;
    let found: SqlDiagnostic[] | undefined;
    try {
      found = await sqlLanguage().diagnose(doc.getText(), parser, { index, signal: abort.signal, cache: state.cache });
    } catch (err) {
      // The parser itself broke (not a SQL error): say so once and stop checking rather than fail on every keystroke.
      this.parserFailed = true;
      this.logger.error("The PostgreSQL parser failed; SQL diagnostics are off until the window is reloaded.", err);
      return;
    }
    if (!found || abort.signal.aborted || doc.version !== version || doc.isClosed) return;
    state.found = found;
    this.collection.set(doc.uri, found.map((d) => toDiagnostic(doc, d)));
  }

  private loadParser(): Promise<PgParser | undefined> {
    // A file beside extension.js, required only now: the bundler must not pull it into extension.js.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    this.parser ??= sqlLanguage().loadPgParser(() => require(path.join(this.extensionPath, "dist", "pgParser.js")) as unknown).then((p) => {
      this.logger.info(`PostgreSQL parser loaded in ${Math.round(p.loadMs)} ms`);
      return p;
    });
    return this.parser.catch((err: unknown) => {
      if (!this.parserFailed) this.logger.error("The PostgreSQL parser could not be loaded; SQL diagnostics are off.", err);
      this.parserFailed = true;
      return undefined;
    });
  }

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    const found = this.docs.get(doc.uri.toString())?.found ?? [];
    const actions: vscode.CodeAction[] = [];
    for (const d of found) {
      if (!d.suggestions?.length) continue;
      const r = new vscode.Range(doc.positionAt(d.start), doc.positionAt(d.end));
      if (!r.intersection(range)) continue;
      const diagnostic = this.collection.get(doc.uri)?.find((x) => x.range.isEqual(r) && x.message === d.message);
      d.suggestions.forEach((s, i) => {
        const action = new vscode.CodeAction(`Did you mean ${s}?`, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(doc.uri, r, s);
        if (diagnostic) action.diagnostics = [diagnostic];
        action.isPreferred = i === 0;
        actions.push(action);
      });
    }
    return actions;
  }

  dispose(): void {
    for (const uri of [...this.docs.keys()]) this.forget(vscode.Uri.parse(uri));
    for (const s of this.subscriptions) s.dispose();
  }
}

function isChecked(doc: vscode.TextDocument): boolean {
  return doc.languageId === "sql" && (doc.uri.scheme === "file" || doc.uri.scheme === "untitled" || doc.uri.scheme === "vscode-remote");
}

function toDiagnostic(doc: vscode.TextDocument, d: SqlDiagnostic): vscode.Diagnostic {
  const severity = d.severity === "error" ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Information;
  const diagnostic = new vscode.Diagnostic(new vscode.Range(doc.positionAt(d.start), doc.positionAt(d.end)), d.message, severity);
  diagnostic.source = d.code === "syntax" || d.code === "not-checked" ? SOURCE.syntax : SOURCE.catalog;
  diagnostic.code = d.code;
  return diagnostic;
}
