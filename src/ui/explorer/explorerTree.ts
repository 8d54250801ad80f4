import * as vscode from "vscode";
import type { ExplorerModel, ExplorerNode } from "../../core/explorer/model";
import { nodeContextValue } from "./contextValues";
import { nodeIcon } from "./nodeIcons";

/** Shell-side touches on a row: target mark, profile state. Must not load anything. */
export type Decorate = (node: ExplorerNode, item: vscode.TreeItem) => void;

/**
 * Renders the core explorer model. All loading, paging and error handling lives in
 * the model; this only maps nodes to TreeItems and forwards change events.
 */
export class ExplorerTree implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly model: ExplorerModel,
    private readonly decorate: Decorate,
    /** Rows shown after the profiles, e.g. problems in the config file. */
    private readonly extraRoots: () => ExplorerNode[] = () => [],
  ) {
    this.subscription = model.onDidChange((node) => this.changed.fire(node));
  }

  /** Re-renders rows (decorations changed) without reloading their children. */
  repaint(node?: ExplorerNode): void {
    this.changed.fire(node);
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    const item = new vscode.TreeItem(
      node.label,
      node.collapsible ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = node.id;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.contextValue = nodeContextValue(node);
    item.iconPath = new vscode.ThemeIcon(nodeIcon(node), node.kind === "error" ? new vscode.ThemeColor("errorForeground") : undefined);
    if (node.kind === "loadMore") item.command = { command: "lakebase.explorer.loadMore", title: "Load more", arguments: [node] };
    if (node.kind === "error") item.command = { command: "lakebase.explorer.retry", title: "Retry", arguments: [node] };
    this.decorate(node, item);
    return item;
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    // The model never throws: failures come back as error nodes with a retry action.
    const children = await this.model.children(node);
    return node ? children : [...children, ...this.extraRoots()];
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return this.model.parent(node);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
