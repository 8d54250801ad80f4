import type { ExplorerNode } from "../../core/explorer/model";

/** Commands take a tree node (context menus) or a plain argument object (palette, automation). */
export function isNode(arg: unknown): arg is ExplorerNode {
  // What every explorer node has and no argument object does (a node carries no contextValue: the tree adds it).
  return typeof arg === "object" && arg !== null && "kind" in arg && "id" in arg && "label" in arg && typeof (arg as { collapsible?: unknown }).collapsible === "boolean";
}

export function profileOfNode(node: ExplorerNode): string | undefined {
  return node.data && "profileName" in node.data ? node.data.profileName : undefined;
}

export function argObject(arg: unknown): Record<string, unknown> {
  return typeof arg === "object" && arg !== null && !isNode(arg) ? (arg as Record<string, unknown>) : {};
}

export function stringArg(args: Record<string, unknown>, key: string): string | undefined {
  const v = args[key];
  return typeof v === "string" && v.trim() ? v.trim() : undefined;
}
