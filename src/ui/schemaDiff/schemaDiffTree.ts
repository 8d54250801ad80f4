import * as vscode from "vscode";
import type { CatalogDiff, ObjectChange } from "../../core/schema/catalogTypes";
import { foldedIntoParent } from "../../core/schema/diffCatalogs";
import { schemaChangeContextValue } from "../explorer/contextValues";

export interface Comparison {
  id: number;
  fromLabel: string;
  toLabel: string;
  diff: CatalogDiff;
}

const ICON: Record<ObjectChange["change"], [string, string]> = {
  added: ["diff-added", "gitDecoration.addedResourceForeground"],
  removed: ["diff-removed", "gitDecoration.deletedResourceForeground"],
  changed: ["diff-modified", "gitDecoration.modifiedResourceForeground"],
};

/** The newest comparison as a tree: each changed object, a new table's keys and indexes under it. */
export class SchemaDiffTree implements vscode.TreeDataProvider<ObjectChange> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  comparison: Comparison | undefined;

  show(c: Comparison): void {
    this.comparison = c;
    this.changed.fire();
  }

  getChildren(parent?: ObjectChange): ObjectChange[] {
    const c = this.comparison;
    if (!c) return [];
    if (!parent) return c.diff.changes.filter((x) => !foldedIntoParent(x, c.diff));
    return c.diff.changes.filter((x) => x.parent === parent.key && foldedIntoParent(x, c.diff));
  }

  getTreeItem(x: ObjectChange): vscode.TreeItem {
    const hasChildren = this.comparison!.diff.changes.some((y) => y.parent === x.key && foldedIntoParent(y, this.comparison!.diff));
    const item = new vscode.TreeItem(x.name, hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = `${this.comparison!.id}:${x.key}`;
    item.description = `${x.change} ${x.kind}`;
    item.tooltip = [`${x.change} ${x.kind} ${x.name}`, ...x.details].join("\n");
    const [icon, color] = ICON[x.change];
    item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
    item.contextValue = schemaChangeContextValue(x.change);
    item.command = { command: "lakebase.schema.openDiff", title: "Show DDL Side by Side", arguments: [{ key: x.key }] };
    return item;
  }
}
