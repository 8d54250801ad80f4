/**
 * Which catalog a SQL document uses (its folder's target), read in the background and cached per
 * target, with one status bar item that says where it stands. Nothing here waits on the network
 * when a provider asks: `indexFor` answers from the cache or with nothing (key words only).
 */
import * as vscode from "vscode";
import { CatalogCache, type CatalogState } from "../../core/sql/catalog/catalogCache";
import { readCatalog } from "../../core/sql/catalog/readCatalog";
import type { CatalogIndex } from "../../core/sql/analysis/catalogIndex";
import { sqlLanguage } from "../../core/sql/sqlLanguage";
import type { WorkspaceTarget } from "../../core/target/targetStore";
import { folderKey, type Shell } from "../shell";

export interface CatalogSummary { status: CatalogState["status"]; relations: number; functions: number; types: number; searchPath: string[]; error?: string }

const targetKey = (t: WorkspaceTarget) => [t.profile, t.endpoint, t.database].join("\u0000");

export class SqlCatalogs implements vscode.Disposable {
  readonly cache: CatalogCache;
  private readonly targets = new Map<string, WorkspaceTarget>();
  private readonly status = vscode.window.createStatusBarItem("lakebase.sql.catalog", vscode.StatusBarAlignment.Right, 90);
  private readonly subscriptions: vscode.Disposable[] = [];

  /** `own(doc)`: the document's own target (a target per editor), which wins over its folder's. */
  constructor(private readonly shell: Shell, private readonly editors?: { own(doc: vscode.TextDocument | undefined): WorkspaceTarget | undefined; ownTargets(): WorkspaceTarget[] }) {
    const logger = shell.log.logger.child("sql");
    this.cache = new CatalogCache((key, signal) => this.load(key, signal), { logger });
    this.status.name = "Lakebase SQL catalog";
    this.status.command = "lakebase.sql.refreshCatalog";
    this.subscriptions.push(
      this.status,
      this.cache.onDidChange(() => this.render()),
      shell.services.targets.onDidChange((_folder, target) => {
        // A target no folder uses any more is forgotten; a new one is read when a document asks.
        const inUse = new Set([...(vscode.workspace.workspaceFolders ?? []).map((f) => this.keyOf(f)), ...(this.editors?.ownTargets() ?? []).map(targetKey)].filter(Boolean));
        for (const key of [...this.targets.keys()]) if (!inUse.has(key)) { this.targets.delete(key); this.cache.forget(key); }
        if (target) this.targets.set(targetKey(target), target);
        this.render();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
    );
    this.render();
  }

  /** The cache key of the folder's target, remembering the target so the loader can resolve it. */
  keyOf(folder: vscode.WorkspaceFolder | undefined): string | undefined {
    const target = folder && this.shell.services.targets.get(folderKey(folder));
    if (!target) return undefined;
    const key = targetKey(target);
    this.targets.set(key, target);
    return key;
  }

  /** The cache key of the document's target: its own (chosen for this editor), else its folder's. */
  keyForDoc(doc: vscode.TextDocument): string | undefined {
    const own = this.editors?.own(doc);
    if (!own) return this.keyOf(this.folderOf(doc));
    const key = targetKey(own);
    this.targets.set(key, own);
    return key;
  }

  folderOf(doc: vscode.TextDocument): vscode.WorkspaceFolder | undefined {
    // Untitled editors belong to the first folder (as queries run from them do).
    return vscode.workspace.getWorkspaceFolder(doc.uri) ?? (doc.uri.scheme === "untitled" ? vscode.workspace.workspaceFolders?.[0] : undefined);
  }

  /** The catalog index for a document now, starting a read if there is none; undefined: key words only. */
  indexFor(doc: vscode.TextDocument): CatalogIndex | undefined {
    return this.indexOfKey(this.keyForDoc(doc));
  }

  indexForFolder(folder: vscode.WorkspaceFolder | undefined): CatalogIndex | undefined {
    return this.indexOfKey(this.keyOf(folder));
  }

  private indexOfKey(key: string | undefined): CatalogIndex | undefined {
    const catalog = key ? this.cache.peek(key) : undefined;
    return catalog && sqlLanguage().indexCatalog(catalog);
  }

  /** Reads the folder's catalog again and waits for it (the refresh command, after DDL). */
  async refresh(folder: vscode.WorkspaceFolder | undefined, doc?: vscode.TextDocument): Promise<CatalogSummary> {
    const key = doc && this.editors?.own(doc) ? this.keyForDoc(doc) : this.keyOf(folder);
    if (!key) return { status: "none", relations: 0, functions: 0, types: 0, searchPath: [], error: "No Lakebase target is selected for this folder." };
    await this.cache.refresh(key).catch(() => undefined);
    return this.summary(key);
  }

  summary(key: string): CatalogSummary {
    const state = this.cache.state(key);
    const c = state.status === "ready" ? state.catalog : state.status === "none" ? undefined : state.previous;
    return {
      status: state.status, relations: c?.relations.length ?? 0, functions: c?.functions.length ?? 0, types: c?.types.length ?? 0, searchPath: c?.searchPath ?? [],
      ...(state.status === "failed" ? { error: state.error } : {}),
    };
  }

  private async load(key: string, signal: AbortSignal) {
    const target = this.targets.get(key);
    if (!target) throw new Error("The target changed before its catalog could be read.");
    const { services } = this.shell;
    const resolved = await services.resolveTarget(target, signal);
    const checkout = await services.pools.connect(resolved.db, signal);
    try {
      return await readCatalog(checkout.client, { signal });
    } finally {
      checkout.client.release();
    }
  }

  /** One status for the active SQL editor's target: reading, ready (counts), or key words only and why. */
  private render(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const key = doc?.languageId === "sql" ? this.keyForDoc(doc) : undefined;
    if (!key) { this.status.hide(); return; }
    const s = this.summary(key);
    const label = this.targets.get(key)?.branchLabel ?? "target";
    switch (s.status) {
      case "none":
        this.status.text = "$(symbol-keyword) SQL";
        this.status.tooltip = "The catalog is read when you start typing.";
        break;
      case "loading":
        this.status.text = "$(sync~spin) SQL";
        this.status.tooltip = `Reading the catalog of ${label}…`;
        break;
      case "ready":
        this.status.text = "$(database) SQL";
        this.status.tooltip = `Completion from ${label}: ${s.relations} tables and views, ${s.functions} functions; search_path ${s.searchPath.join(", ")}. Click to read it again.`;
        break;
      case "failed":
        this.status.text = "$(warning) SQL: key words only";
        this.status.tooltip = `The catalog of ${label} could not be read: ${s.error ?? "unknown error"}. Click to try again.`;
        break;
    }
    this.status.show();
  }

  /** Redraws the status for the active editor (its target changed). */
  update(): void { this.render(); }

  dispose(): void {
    this.cache.dispose();
    for (const d of this.subscriptions) d.dispose();
  }
}
