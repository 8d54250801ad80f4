import type { ExplorerNode } from "../core/explorer/model";

/**
 * A command's argument resolved once: the tree row it was invoked on (context menu) or the plain
 * argument object (palette, automation, tests). Handlers ask it for the profile, project or branch
 * instead of repeating the node-or-object preamble (VS Code's git extension resolves a repository
 * argument in its command decorator the same way).
 */
export interface CommandArgs {
  /** The tree row the command was invoked on, if any. */
  node: ExplorerNode | undefined;
  /** The argument object; empty for a tree node or no argument. */
  args: Record<string, unknown>;
  /** A non-blank string field of the argument object, trimmed (never read from a tree node). */
  string(key: string): string | undefined;
  /** The profile the node belongs to, or `args.profile`. */
  profile: string | undefined;
  /** The project of a project node, or `args.project`. */
  project: string | undefined;
  /** The branch of a branch row (or, with `folders`, of a folder under one), or `args[key]` (default `branch`). */
  branch(key?: string, opts?: { folders?: boolean }): string | undefined;
}

export function commandArgs(arg: unknown): CommandArgs {
  const node = isNode(arg) ? arg : undefined;
  const args = argObject(arg);
  const data = node?.data;
  return {
    node,
    args,
    string: (key) => stringArg(args, key),
    profile: node ? profileOfNode(node) : stringArg(args, "profile"),
    project: node ? (data?.kind === "project" ? data.project.name : undefined) : stringArg(args, "project"),
    branch: (key = "branch", opts = {}) => node
      ? data?.kind === "branch" ? data.branch.name : data?.kind === "folder" && opts.folders ? data.branchName : undefined
      : stringArg(args, key),
  };
}

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
