import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * The control plane's in-memory model. Each record holds exactly what GET
 * returns (`status` mirrors the accepted spec; `spec` is never echoed) plus a
 * few internal fields prefixed with `_` that are stripped before answering.
 * Maps keep insertion order, which gives stable pagination.
 */
export type Json = Record<string, unknown>;

interface Base {
  name: string;
  create_time: string;
  update_time: string;
  status: Json;
}
export interface ProjectRec extends Base {
  project_id: string;
  uid: string;
  delete_time?: string;
  purge_time?: string;
}
export interface BranchRec extends Base {
  branch_id: string;
  parent: string;
  uid: string;
  /** Created with the project: cannot be deleted on its own. */
  _root?: boolean;
}
export interface EndpointRec extends Base {
  endpoint_id: string;
  parent: string;
  uid: string;
  /** Created with its branch: cannot be deleted on its own. */
  _implicit?: boolean;
  /** Where the data plane's front door listens for this endpoint. */
  _address?: { host: string; port: number };
}
export interface DatabaseRec extends Base {
  database_id: string;
  parent: string;
}
export interface RoleRec extends Base {
  role_id: string;
  parent: string;
}

export class State {
  readonly projects = new Map<string, ProjectRec>();
  readonly branches = new Map<string, BranchRec>();
  readonly endpoints = new Map<string, EndpointRec>();
  readonly databases = new Map<string, DatabaseRec>();
  readonly roles = new Map<string, RoleRec>();

  /** Records of `map` whose name starts with `parent + "/" + segment + "/"`. */
  childrenOf<T extends { name: string }>(map: Map<string, T>, parent: string, segment: string): T[] {
    const prefix = `${parent}/${segment}/`;
    const out: T[] = [];
    for (const rec of map.values()) {
      if (rec.name.startsWith(prefix) && !rec.name.slice(prefix.length).includes("/")) out.push(rec);
    }
    return out;
  }

  /** Removes every record whose name is `name` or lies under it. */
  removeTree(name: string): void {
    for (const map of [this.projects, this.branches, this.endpoints, this.databases, this.roles] as Map<string, Base>[]) {
      for (const key of [...map.keys()]) if (key === name || key.startsWith(`${name}/`)) map.delete(key);
    }
  }

  toJSON(): Json {
    return {
      version: 1,
      projects: [...this.projects.values()],
      branches: [...this.branches.values()],
      endpoints: [...this.endpoints.values()],
      databases: [...this.databases.values()],
      roles: [...this.roles.values()],
    };
  }

  static fromJSON(data: Json): State {
    const s = new State();
    const load = <T extends { name: string }>(map: Map<string, T>, list: unknown) => {
      if (Array.isArray(list)) for (const rec of list as T[]) map.set(rec.name, rec);
    };
    load(s.projects, data.projects);
    load(s.branches, data.branches);
    load(s.endpoints, data.endpoints);
    load(s.databases, data.databases);
    load(s.roles, data.roles);
    return s;
  }

  save(file: string): void {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.toJSON(), null, 1));
    renameSync(tmp, file); // atomic: a crash never leaves half a file
  }

  static load(file: string): State | undefined {
    try {
      return State.fromJSON(JSON.parse(readFileSync(file, "utf8")) as Json);
    } catch {
      return undefined;
    }
  }
}

/** The JSON a GET returns: the record without internal `_` fields. */
export function publicView<T extends object>(rec: T): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(rec)) if (!k.startsWith("_") && v !== undefined) out[k] = v;
  return out;
}

export function nowIso(offsetSeconds = 0): string {
  return new Date(Date.now() + offsetSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}
