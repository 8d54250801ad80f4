import type { LakebaseClient } from "../lakebase/client";
import { collect } from "../lakebase/paging";
import type { Page } from "../lakebase/types";
import { columnNode, relationNode, schemaNode } from "./catalogNodes";
import { loadMoreNode, messageNode, type ExplorerNode, type NodeData } from "./nodes";
import { branchNode, databaseNode, endpointNode, folderNode, profileNode, projectNode, roleNode, type ProfileSummary } from "./resourceNodes";
import type { SchemaReader } from "./schemaReader";

/** What loading children needs from outside; the profiles layer provides the first two. */
export interface ExplorerSources {
  listProfiles(): Promise<ProfileSummary[]>;
  /** May throw (e.g. the profile has no usable auth): the error becomes an error node. */
  clientFor(profileName: string): LakebaseClient;
  schemaReader?: SchemaReader;
  /** Projects per page (default 50, max 100). */
  projectPageSize?: number;
  /** Also list soft-deleted projects (shown greyed, with an undelete context value). */
  showDeletedProjects?: boolean;
}

/** Children of one node: the items, plus a page token when more can be fetched. */
export interface LoadedChildren {
  nodes: ExplorerNode[];
  nextPageToken?: string;
  /** Used to label the "Load more…" node and to page on. */
  pageLoader?: (pageToken: string, signal: AbortSignal) => Promise<LoadedChildren>;
}

type Data<K extends NodeData["kind"]> = Extract<NodeData, { kind: K }>;

export async function loadChildren(src: ExplorerSources, node: ExplorerNode | undefined, signal: AbortSignal): Promise<LoadedChildren> {
  if (!node) {
    const profiles = await src.listProfiles();
    return { nodes: profiles.map(profileNode) };
  }
  const data = node.data;
  switch (data?.kind) {
    case "profile": return loadProjects(src, node, data, undefined, signal);
    case "project": return loadBranches(src, node, data, signal);
    case "branch":
      return { nodes: (["endpoints", "databases", "roles"] as const).map((f) => folderNode(data.profileName, data.branch.name, f)) };
    case "folder": return loadFolder(src, node, data, signal);
    case "database": return loadSchemas(src, node, data, signal);
    case "schema": {
      const rels = await reader(src).listRelations(data.ref, data.schema.name, signal);
      return orEmpty(node, rels.map((r) => relationNode(data.ref, data.schema.name, r)), "No tables or views", data.profileName);
    }
    case "relation": {
      const cols = await reader(src).listColumns(data.ref, data.schema, data.relation.name, signal);
      return orEmpty(node, cols.map((c) => columnNode(data.ref, data.schema, data.relation.name, c)), "No columns", data.profileName);
    }
    default: return { nodes: [] };
  }
}

async function loadProjects(src: ExplorerSources, node: ExplorerNode, data: Data<"profile">, pageToken: string | undefined, signal: AbortSignal): Promise<LoadedChildren> {
  // A profile the profiles layer already found unusable: say why instead of failing a call.
  if (data.problem) throw new Error(data.problem);
  const client = src.clientFor(data.profileName);
  const page = await client.listProjectsPage({ pageSize: src.projectPageSize ?? 50, pageToken, showDeleted: src.showDeletedProjects, signal });
  const nodes = page.items.map((p) => projectNode(data.profileName, p));
  if (!pageToken && nodes.length === 0) return { nodes: [messageNode(node.id, "No Lakebase projects in this workspace", data.profileName)] };
  return paged(nodes, page, (token, s) => loadProjects(src, node, data, token, s));
}

async function loadBranches(src: ExplorerSources, node: ExplorerNode, data: Data<"project">, signal: AbortSignal): Promise<LoadedChildren> {
  const client = src.clientFor(data.profileName);
  const branches = await collect(client.listBranches(data.project.name, { pageSize: 100, signal }));
  // The default branch first: it is the one people open; the rest keep the API's order.
  const sorted = [...branches.filter((b) => b.status?.default), ...branches.filter((b) => !b.status?.default)];
  return orEmpty(node, sorted.map((b) => branchNode(data.profileName, b)), "No branches", data.profileName);
}

async function loadFolder(src: ExplorerSources, node: ExplorerNode, data: Data<"folder">, signal: AbortSignal): Promise<LoadedChildren> {
  const client = src.clientFor(data.profileName);
  const o = { pageSize: 100, signal };
  const p = data.profileName;
  switch (data.folder) {
    case "endpoints":
      return orEmpty(node, (await collect(client.listEndpoints(data.branchName, o))).map((e) => endpointNode(p, e)), "No endpoints", p);
    case "databases":
      return orEmpty(node, (await collect(client.listDatabases(data.branchName, o))).map((d) => databaseNode(p, data.branchName, d)), "No databases", p);
    case "roles":
      return orEmpty(node, (await collect(client.listRoles(data.branchName, o))).map((r) => roleNode(p, r)), "No roles", p);
  }
}

async function loadSchemas(src: ExplorerSources, node: ExplorerNode, data: Data<"database">, signal: AbortSignal): Promise<LoadedChildren> {
  if (!src.schemaReader) return { nodes: [messageNode(node.id, "Schema browsing is not available", data.profileName)] };
  const schemas = await src.schemaReader.listSchemas(data.ref, signal);
  return orEmpty(node, schemas.map((s) => schemaNode(data.ref, s)), "No schemas", data.profileName);
}

function reader(src: ExplorerSources): SchemaReader {
  if (!src.schemaReader) throw new Error("Schema browsing is not available");
  return src.schemaReader;
}

function orEmpty(parent: ExplorerNode, nodes: ExplorerNode[], emptyText: string, profileName: string): LoadedChildren {
  return { nodes: nodes.length > 0 ? nodes : [messageNode(parent.id, emptyText, profileName)] };
}

function paged<T>(nodes: ExplorerNode[], page: Page<T>, next: LoadedChildren["pageLoader"]): LoadedChildren {
  return page.nextPageToken ? { nodes, nextPageToken: page.nextPageToken, pageLoader: next } : { nodes };
}

/** The "Load more…" node for a parent whose listing has more pages. */
export function moreNode(parent: ExplorerNode, pageToken: string, loaded: number): ExplorerNode {
  return loadMoreNode(parent.id, parent.data?.profileName ?? "", pageToken, loaded);
}
