// The `viewItem` vocabulary: the shell maps the core's node facts (kind, the resource's state) to
// the contextValues package.json's `when` clauses name. No `vscode` import, so the unit tier's
// manifest check can read it: every `viewItem` in a `when` clause must match a value produced here.
import type { ExplorerNode } from "../../core/explorer/nodes";

/** A row for a problem in the config file (opens the file at its line). */
export const CONFIG_PROBLEM_CONTEXT = "lakebase.configProblem";

/** What the profile state adds to a profile row: `.needsLogin` when a login would help, `.u2m` for browser-login profiles. */
export function profileContextValue(base: string, state: { canLogin: boolean; u2m: boolean }): string {
  return `${base}${state.canLogin ? ".needsLogin" : ""}${state.u2m ? ".u2m" : ""}`;
}

/** A row of the schema diff tree. */
export function schemaChangeContextValue(change: "added" | "removed" | "changed"): string {
  return `lakebase.schemaChange.${change}`;
}

/** A row's contextValue, from what its node says about the resource (default, protected, deleted, read-write…). */
export function nodeContextValue(node: ExplorerNode): string {
  const d = node.data;
  switch (d?.kind) {
    case "profile": return d.isDefault ? "lakebase.profile.default" : "lakebase.profile";
    case "project": return d.project.delete_time !== undefined ? "lakebase.project.deleted" : "lakebase.project";
    case "branch": {
      const s = d.branch.status ?? {};
      return ["lakebase.branch", s.default ? "default" : undefined, s.is_protected ? "protected" : undefined].filter(Boolean).join(".");
    }
    case "folder": return `lakebase.${d.folder}Folder`;
    case "endpoint": return d.endpoint.status?.endpoint_type === "ENDPOINT_TYPE_READ_WRITE" ? "lakebase.endpoint.readWrite" : "lakebase.endpoint.readOnly";
    case "database": return "lakebase.database";
    case "role": return "lakebase.role";
    case "schema": return "lakebase.schema";
    case "relation": return node.kind === "view" ? "lakebase.view" : "lakebase.table";
    case "column": return d.column.isPrimaryKey ? "lakebase.column.primaryKey" : "lakebase.column";
    case "loadMore": return "lakebase.loadMore";
    case "error": return "lakebase.error.retryable";
    case "configProblem": return CONFIG_PROBLEM_CONTEXT;
    default: return "lakebase.message";
  }
}
