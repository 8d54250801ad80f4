import { notFound } from "../errors";
import type { BranchRec, DatabaseRec, EndpointRec, ProjectRec, RoleRec, State } from "../state";

/**
 * Finds resources the way the service reports misses: the outermost missing
 * parent names the error ("project id not found" before "branch id not found").
 * Soft-deleted projects/branches are visible only where `allowDeleted` is set.
 */
export function projectName(p: string): string {
  return `projects/${p}`;
}
export function branchName(p: string, b: string): string {
  return `projects/${p}/branches/${b}`;
}

export function isDeleted(rec: ProjectRec | BranchRec): boolean {
  return "delete_time" in rec ? rec.delete_time !== undefined : rec.status.delete_time !== undefined;
}

export function findProject(state: State, p: string, allowDeleted = false): ProjectRec {
  const rec = state.projects.get(projectName(p));
  if (!rec || (!allowDeleted && isDeleted(rec))) throw notFound("project");
  return rec;
}

export function findBranch(state: State, p: string, b: string, allowDeleted = false): BranchRec {
  findProject(state, p);
  const rec = state.branches.get(branchName(p, b));
  if (!rec || (!allowDeleted && isDeleted(rec))) throw notFound("branch");
  return rec;
}

export function findEndpoint(state: State, p: string, b: string, e: string): EndpointRec {
  const br = findBranch(state, p, b);
  const rec = state.endpoints.get(`${br.name}/endpoints/${e}`);
  if (!rec) throw notFound("endpoint");
  return rec;
}

export function findDatabase(state: State, p: string, b: string, d: string): DatabaseRec {
  const br = findBranch(state, p, b);
  const rec = state.databases.get(`${br.name}/databases/${d}`);
  if (!rec) throw notFound("database");
  return rec;
}

export function findRole(state: State, p: string, b: string, r: string): RoleRec {
  const br = findBranch(state, p, b);
  const rec = state.roles.get(`${br.name}/roles/${r}`);
  if (!rec) throw notFound("role");
  return rec;
}

/** Parses a full endpoint resource name; undefined when it is not one. */
export function parseEndpointName(name: string): { p: string; b: string; e: string } | undefined {
  const m = /^projects\/([^/]+)\/branches\/([^/]+)\/endpoints\/([^/]+)$/.exec(name);
  return m ? { p: m[1]!, b: m[2]!, e: m[3]! } : undefined;
}

export function parseRoleName(name: string): { p: string; b: string; r: string } | undefined {
  const m = /^projects\/([^/]+)\/branches\/([^/]+)\/roles\/([^/]+)$/.exec(name);
  return m ? { p: m[1]!, b: m[2]!, r: m[3]! } : undefined;
}
