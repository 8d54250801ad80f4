import type { ExplorerNode } from "../core/explorer/model";
import type { LakebaseServices } from "../core/lakebaseServices";
import { argObject, isNode, profileOfNode, stringArg } from "./target/nodeArgs";
import { pickProfile } from "./target/pickers";

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

/** The profile from the node or the argument object, else a picker; undefined when the picker is dismissed. */
export async function profileOrPick(a: CommandArgs, services: LakebaseServices): Promise<string | undefined> {
  return a.profile ?? (await pickProfile(services));
}
