import { computeLabel, computeStateOf, type ComputeState } from "../compute/computeState";
import { autoscalingRange, branchLabel, describeBranch, endpointHost, endpointLabel, endpointTypeLabel, formatTime, projectLabel } from "../lakebase/describe";
import { lastSegment } from "../lakebase/resourceNames";
import type { Branch, Database, Endpoint, Project, Role } from "../lakebase/types";
import { folderNodeId, profileNodeId, resourceNodeId, type ExplorerNode, type FolderKind } from "./nodes";

/** Tree nodes for control-plane resources (profile → project → branch → folders → items). */

export interface ProfileSummary {
  name: string;
  host?: string;
  authType?: string;
  isDefault?: boolean;
  /** Set when the profile cannot be used; shown as the node's description. */
  problem?: string;
}

export function profileNode(p: ProfileSummary): ExplorerNode {
  const tags = [p.isDefault ? "default" : undefined, p.problem ? "⚠ " + p.problem : p.host?.replace(/^https?:\/\//, "")].filter(Boolean);
  return {
    id: profileNodeId(p.name),
    kind: "profile",
    label: p.name,
    description: tags.join(" · ") || undefined,
    // No auth type (no credentials, or two conflicting kinds): say "none", never imply a CLI login.
    tooltip: [`Profile ${p.name}`, p.host, `auth: ${p.authType ?? "none"}`, p.problem].filter(Boolean).join("\n"),
    collapsible: true,
    data: { kind: "profile", profileName: p.name, host: p.host, problem: p.problem, isDefault: p.isDefault },
  };
}

export function projectNode(profileName: string, p: Project): ExplorerNode {
  const s = p.status ?? {};
  const label = projectLabel(p);
  const id = p.project_id ?? lastSegment(p.name);
  const deleted = p.delete_time !== undefined;
  const description = [label !== id ? id : undefined, s.pg_version !== undefined ? `PG ${s.pg_version}` : undefined, deleted ? "deleted" : undefined]
    .filter(Boolean).join(" · ");
  return {
    id: resourceNodeId(profileName, p.name),
    kind: "project",
    label,
    description: description || undefined,
    tooltip: [p.name, s.owner ? `owner: ${s.owner}` : undefined, p.create_time ? `created ${formatTime(p.create_time)}` : undefined, deleted ? `deleted ${formatTime(p.delete_time!)}` : undefined]
      .filter(Boolean).join("\n"),
    collapsible: !deleted,
    resourceName: p.name,
    data: { kind: "project", profileName, project: p },
  };
}

export function branchNode(profileName: string, b: Branch): ExplorerNode {
  const s = b.status ?? {};
  return {
    id: resourceNodeId(profileName, b.name),
    kind: "branch",
    label: branchLabel(b),
    description: describeBranch(b),
    tooltip: [b.name, s.source_branch ? `from ${lastSegment(s.source_branch)}` : undefined, b.create_time ? `created ${formatTime(b.create_time)}` : undefined,
      s.is_protected ? "protected: it cannot be deleted, nor its endpoints or project" : undefined]
      .filter(Boolean).join("\n"),
    collapsible: true,
    resourceName: b.name,
    data: { kind: "branch", profileName, branch: b },
  };
}

const FOLDER: Record<FolderKind, { kind: ExplorerNode["kind"]; label: string }> = {
  endpoints: { kind: "endpointsFolder", label: "Endpoints" },
  databases: { kind: "databasesFolder", label: "Databases" },
  roles: { kind: "rolesFolder", label: "Roles" },
};

export function folderNode(profileName: string, branchName: string, folder: FolderKind): ExplorerNode {
  const f = FOLDER[folder];
  return {
    id: folderNodeId(profileName, branchName, folder),
    kind: f.kind,
    label: f.label,
    collapsible: true,
    resourceName: branchName,
    data: { kind: "folder", profileName, branchName, folder },
  };
}

/** "active · read-write · 0.5–4 CU", "idle (scaled to zero) · …", "waking up · …": the compute state in words first. */
export function endpointDescription(e: Endpoint, state: ComputeState = computeStateOf(e)): string {
  const s = e.status ?? {};
  const parts = [state === "unknown" && s.current_state ? s.current_state : computeLabel(state)];
  const type = endpointTypeLabel(e);
  if (type) parts.push(type);
  const range = autoscalingRange(e);
  if (range) parts.push(range);
  if (s.disabled && state !== "disabled") parts.push("disabled");
  return parts.join(" · ");
}

export function endpointNode(profileName: string, e: Endpoint): ExplorerNode {
  const s = e.status ?? {};
  const host = endpointHost(e);
  return {
    id: resourceNodeId(profileName, e.name),
    kind: "endpoint",
    label: endpointLabel(e),
    description: endpointDescription(e),
    tooltip: [e.name, host ? `host: ${host}` : "no host yet", autoscalingRange(e) ? `autoscaling ${autoscalingRange(e)}` : undefined, s.suspend_timeout_duration ? `suspends after ${s.suspend_timeout_duration} idle` : undefined]
      .filter(Boolean).join("\n"),
    collapsible: false,
    resourceName: e.name,
    data: { kind: "endpoint", profileName, endpoint: e },
  };
}

export function databaseNode(profileName: string, branchName: string, d: Database): ExplorerNode {
  const pgName = d.status?.postgres_database ?? d.database_id ?? lastSegment(d.name);
  const id = d.database_id ?? lastSegment(d.name);
  return {
    id: resourceNodeId(profileName, d.name),
    kind: "database",
    label: pgName,
    description: id !== pgName ? id : undefined,
    tooltip: [d.name, d.status?.role ? `owner role: ${lastSegment(d.status.role)}` : undefined].filter(Boolean).join("\n"),
    collapsible: true,
    resourceName: d.name,
    data: { kind: "database", profileName, database: d, ref: { profileName, branchName, databaseName: d.name, postgresDatabase: pgName } },
  };
}

export function roleNode(profileName: string, r: Role): ExplorerNode {
  const s = r.status ?? {};
  const label = s.postgres_role ?? r.role_id ?? lastSegment(r.name);
  return {
    id: resourceNodeId(profileName, r.name),
    kind: "role",
    label,
    description: [s.identity_type?.toLowerCase().replace("_", " "), s.auth_method].filter(Boolean).join(" · ") || undefined,
    tooltip: [r.name, s.membership_roles?.length ? `member of ${s.membership_roles.join(", ")}` : undefined].filter(Boolean).join("\n"),
    collapsible: false,
    resourceName: r.name,
    data: { kind: "role", profileName, role: r },
  };
}
