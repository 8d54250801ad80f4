/**
 * A target per SQL editor: a document can run on another branch or endpoint than its folder's target
 * (production beside a feature branch). Chosen from the status bar item or the lens at the top of the
 * editor, shown on both, remembered per document (workspaceState). Runs, Explain, completion and
 * diagnostics of that document use it; the results panel and history name it.
 */
import * as vscode from "vscode";
import { primaryEndpoint } from "../../core/lakebase/primaryEndpoint";
import { UserFacingError } from "../../core/errors";
import { EditorTargetStore } from "../../core/sql/editorTargets";
import { buildTarget, DEFAULT_DATABASE } from "../../core/target/buildTarget";
import type { ResolvedTarget } from "../../core/target/resolvedTarget";
import type { WorkspaceTarget } from "../../core/target/targetStore";
import { folderKey, type Shell } from "../shell";
import { pickBranch, pickProfile, pickProject } from "../target/pickers";
import { queryTargetOf } from "./targetLabel";

export const CHOOSE_EDITOR_TARGET = "lakebase.query.chooseEditorTarget";

export interface EditorTargetArgs { uri?: string; profile?: string; endpoint?: string; branch?: string; database?: string; clear?: boolean }

export class EditorTargets implements vscode.Disposable, vscode.CodeLensProvider {
  readonly store: EditorTargetStore;
  private readonly status = vscode.window.createStatusBarItem("lakebase.editorTarget", vscode.StatusBarAlignment.Right, 91);
  private readonly lensesChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensesChanged.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly shell: Shell) {
    this.store = new EditorTargetStore(shell.context.workspaceState);
    this.status.name = "Lakebase target of this SQL editor";
    this.status.command = CHOOSE_EDITOR_TARGET;
    this.subscriptions.push(
      this.status, this.lensesChanged,
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      shell.services.targets.onDidChange(() => { this.render(); this.lensesChanged.fire(); }),
      this.store.onDidChange(() => { this.render(); this.lensesChanged.fire(); }),
    );
    this.render();
  }

  /** The document's own target, if it has one. */
  own(doc: vscode.TextDocument | undefined): WorkspaceTarget | undefined {
    return doc ? this.store.get(doc.uri.toString()) : undefined;
  }

  /** Every target some document has chosen (their catalogs stay cached). */
  ownTargets(): WorkspaceTarget[] {
    return this.store.entries().map(([, t]) => t);
  }

  /** What the document runs on: its own target, else its folder's. */
  targetOf(doc: vscode.TextDocument): WorkspaceTarget | undefined {
    return this.own(doc) ?? this.folderTarget(doc);
  }

  /** Resolves the document's own target; undefined when it uses the folder's (the caller resolves that). */
  resolveOwn(doc: vscode.TextDocument | undefined, signal?: AbortSignal): Promise<ResolvedTarget> | undefined {
    const own = this.own(doc);
    return own ? this.shell.services.resolveTarget(own, signal) : undefined;
  }

  /** `lakebase.query.chooseEditorTarget`: an argument object, or pickers (the folder's project first). */
  async choose(arg?: unknown): Promise<WorkspaceTarget | null | undefined> {
    const a = (typeof arg === "object" && arg !== null ? arg : {}) as EditorTargetArgs;
    const doc = a.uri ? await vscode.workspace.openTextDocument(vscode.Uri.parse(a.uri)) : vscode.window.activeTextEditor?.document;
    if (!doc || doc.languageId !== "sql") throw new UserFacingError("Open a SQL editor to choose the target it runs on.");
    const uri = doc.uri.toString();
    if (a.clear) { await this.store.set(uri, undefined); return null; }
    const folder = this.folderTarget(doc);
    const { services } = this.shell;
    let profile = a.profile ?? folder?.profile;
    let endpoint = a.endpoint;
    if (!endpoint && a.branch) {
      if (!profile) throw new UserFacingError("Say which profile the branch belongs to: { profile, branch }.");
      endpoint = (await primaryEndpoint(services, profile, a.branch)).name;
    }
    if (!endpoint) {
      const picked = await this.pick(doc, folder);
      if (picked === undefined) return undefined;
      if (picked === null) { await this.store.set(uri, undefined); return null; }
      ({ profile, endpoint } = picked);
    }
    if (!profile) throw new UserFacingError("Say which profile to use: { profile, endpoint }.");
    const target = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: "Lakebase: reading endpoint" },
      () => buildTarget(services.lakebase(profile), profile, endpoint, a.database ?? folder?.database ?? DEFAULT_DATABASE));
    await this.store.set(uri, target);
    this.shell.log.logger.info(`Target for ${vscode.workspace.asRelativePath(doc.uri)}: ${target.endpoint} / ${target.database}`);
    return target;
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const target = this.targetOf(doc);
    if (!target) return [];
    const own = this.own(doc) !== undefined;
    const range = new vscode.Range(0, 0, 0, 0);
    const label = queryTargetOf(target);
    // The branch only: lenses share a narrow line with Explain and Run; the tooltip has the rest.
    return [new vscode.CodeLens(range, {
      title: `$(target) ${label.branch}${own ? " (this editor)" : ""}`,
      tooltip: `${own ? "This editor runs on its own target" : "This editor runs on the folder's target"}: ${label.label}. Click to ${own ? "change it or go back to the folder's" : "run it on another branch"}.`,
      command: CHOOSE_EDITOR_TARGET, arguments: [{ uri: doc.uri.toString() }],
    })];
  }

  private folderTarget(doc: vscode.TextDocument): WorkspaceTarget | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri) ?? (doc.uri.scheme === "untitled" ? vscode.workspace.workspaceFolders?.[0] : undefined);
    return folder ? this.shell.services.targets.get(folderKey(folder)) : undefined;
  }

  /** Undefined: cancelled; null: back to the folder's target. */
  private async pick(doc: vscode.TextDocument, folder: WorkspaceTarget | undefined): Promise<{ profile: string; endpoint: string } | null | undefined> {
    const { services } = this.shell;
    if (this.own(doc) && folder) {
      const back = `$(folder) The folder's target: ${queryTargetOf(folder).label}`;
      const choice = await vscode.window.showQuickPick([back, "$(git-branch) Another branch…"], { title: "Lakebase: target of this editor" });
      if (!choice) return undefined;
      if (choice === back) return null;
    }
    const profile = folder?.profile ?? (await pickProfile(services));
    if (!profile) return undefined;
    const project = folder?.project ?? (await pickProject(services, profile))?.name;
    if (!project) return undefined;
    const branch = await pickBranch(services, profile, project, "Lakebase: run this editor on the branch…");
    if (!branch) return undefined;
    return { profile, endpoint: (await primaryEndpoint(services, profile, branch.name)).name };
  }

  private render(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const target = doc?.languageId === "sql" ? this.targetOf(doc) : undefined;
    if (!doc || !target) { this.status.hide(); return; }
    const own = this.own(doc) !== undefined;
    const label = queryTargetOf(target);
    this.status.text = `$(target) ${label.branch}${own ? " (this editor)" : ""}`;
    this.status.tooltip = `${own ? "This editor runs on its own target" : "This editor runs on the folder's target"}: ${label.label}. Click to change.`;
    this.status.show();
  }

  dispose(): void { for (const d of this.subscriptions) d.dispose(); }
}
