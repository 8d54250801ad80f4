import type { Branch, Database, Endpoint, Project, Role } from "../lakebase/types";
import type { ColumnInfo, DatabaseRef, RelationInfo, SchemaInfo } from "./schemaReader";

/**
 * The explorer's node model: plain data the VS Code TreeDataProvider turns into TreeItems.
 * Nodes carry facts (kind, the API resource in `data`); the shell maps them to contextValues
 * and icons (`src/ui/explorer/contextValues.ts`, `nodeIcons.ts`).
 * Ids are built from API resource names (never from labels), so they stay stable across
 * refreshes and VS Code keeps expansion state.
 */

export type ExplorerNodeKind =
  | "profile" | "project" | "branch"
  | "endpointsFolder" | "endpoint" | "databasesFolder" | "database" | "rolesFolder" | "role"
  | "schema" | "table" | "view" | "column"
  | "loadMore" | "error" | "message";

export type FolderKind = "endpoints" | "databases" | "roles";

/** What commands on a node need; always carries the profile the node belongs to. */
export type NodeData =
  | { kind: "profile"; profileName: string; host?: string; problem?: string; isDefault?: boolean }
  | { kind: "project"; profileName: string; project: Project }
  | { kind: "branch"; profileName: string; branch: Branch }
  | { kind: "folder"; profileName: string; branchName: string; folder: FolderKind }
  | { kind: "endpoint"; profileName: string; endpoint: Endpoint }
  | { kind: "database"; profileName: string; database: Database; ref: DatabaseRef }
  | { kind: "role"; profileName: string; role: Role }
  | { kind: "schema"; profileName: string; ref: DatabaseRef; schema: SchemaInfo }
  | { kind: "relation"; profileName: string; ref: DatabaseRef; schema: string; relation: RelationInfo }
  | { kind: "column"; profileName: string; ref: DatabaseRef; schema: string; relation: string; column: ColumnInfo }
  /** Fetches the next page of `parentId`'s children. */
  | { kind: "loadMore"; profileName: string; parentId: string; pageToken: string }
  /** `retryNodeId`: refresh this node to try again (undefined: the root). */
  | { kind: "error"; profileName?: string; retryNodeId: string | undefined; error: unknown }
  | { kind: "message"; profileName?: string }
  /** A problem in the config file, at `line` when it has one. */
  | { kind: "configProblem"; profileName?: undefined; line?: number };

export interface ExplorerNode {
  /** Unique in the tree and stable across reloads. */
  id: string;
  kind: ExplorerNodeKind;
  label: string;
  description?: string;
  tooltip?: string;
  collapsible: boolean;
  /** The API resource name, for nodes that stand for one. */
  resourceName?: string;
  data?: NodeData;
}

/** The id of the profile node; the prefix of every id below it. */
export function profileNodeId(profileName: string): string {
  return `profile::${profileName}`;
}

/** Id of a node standing for an API resource: one per profile and resource name. */
export function resourceNodeId(profileName: string, resourceName: string): string {
  return `${profileNodeId(profileName)}::${resourceName}`;
}

export function folderNodeId(profileName: string, branchName: string, folder: FolderKind): string {
  return `${resourceNodeId(profileName, branchName)}::${folder}`;
}

export function loadMoreNode(parentId: string, profileName: string, pageToken: string, loaded: number): ExplorerNode {
  return {
    id: `${parentId}::loadMore`,
    kind: "loadMore",
    label: "Load more…",
    description: `${loaded} shown`,
    tooltip: "Fetch the next page from the workspace",
    collapsible: false,
    data: { kind: "loadMore", profileName, parentId, pageToken },
  };
}

export function errorNode(parentId: string | undefined, message: string, error: unknown, profileName?: string): ExplorerNode {
  return {
    id: `${parentId ?? "root"}::error`,
    kind: "error",
    label: message,
    tooltip: `${message}\n\nRefresh to try again.`,
    collapsible: false,
    data: { kind: "error", profileName, retryNodeId: parentId, error },
  };
}

export function messageNode(parentId: string | undefined, text: string, profileName?: string): ExplorerNode {
  return {
    id: `${parentId ?? "root"}::message`,
    kind: "message",
    label: text,
    collapsible: false,
    data: { kind: "message", profileName },
  };
}
