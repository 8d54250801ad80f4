// Codicon ids for explorer rows: the shell's picture of the core's node facts. No `vscode` import
// (the shell wraps the id in a ThemeIcon), so the unit tier can check the mapping.
import { computeStateOf, type ComputeState } from "../../core/compute/computeState";
import type { ExplorerNode } from "../../core/explorer/nodes";

const FOLDER_ICON = { endpoints: "server-environment", databases: "database", roles: "organization" } as const;

/** The icon of a row; an endpoint's follows its compute state (`state`, when known later than the listing). */
export function nodeIcon(node: ExplorerNode): string {
  const d = node.data;
  switch (d?.kind) {
    case "profile": return d.problem ? "warning" : "account";
    case "project": return d.project.delete_time !== undefined ? "trash" : "project";
    case "branch": {
      const s = d.branch.status ?? {};
      return s.default ? "star-full" : s.is_protected ? "lock" : "git-branch";
    }
    case "folder": return FOLDER_ICON[d.folder];
    case "endpoint": return endpointIcon(computeStateOf(d.endpoint));
    case "database": return "database";
    case "role": return d.role.status?.identity_type === "GROUP" ? "organization" : d.role.status?.identity_type === "SERVICE_PRINCIPAL" ? "robot" : "person";
    case "schema": return "symbol-namespace";
    case "relation": return node.kind === "view" ? "eye" : "table";
    case "column": return d.column.isPrimaryKey ? "key" : "symbol-field";
    case "loadMore": return "ellipsis";
    case "error": return "error";
    case "configProblem": return "warning";
    default: return "info";
  }
}

export function endpointIcon(state: ComputeState): string {
  return state === "active" ? "vm-running" : state === "idle" ? "vm-outline" : state === "waking" || state === "starting" ? "vm-active" : "vm";
}
