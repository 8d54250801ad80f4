/**
 * Splitting API resource names for display. Names always come from the API; this never builds
 * one from display text. The only names we compose are child collection paths of a name the API
 * gave us (`<branch name>/endpoints`), which is what the routes are.
 */

export interface ResourceNameParts {
  project: string;
  branch?: string;
  endpoint?: string;
  database?: string;
  role?: string;
  /** Trailing id of `.../operations/{id}`, when the name is an operation's. */
  operation?: string;
}

type ChildSegment = "branches" | "endpoints" | "databases" | "roles";
const KEY: Record<ChildSegment, keyof ResourceNameParts> = {
  branches: "branch",
  endpoints: "endpoint",
  databases: "database",
  roles: "role",
};

/** Parses `projects/p[/branches/b[/endpoints|databases|roles/x]][/operations/o]`. */
export function parseResourceName(name: string): ResourceNameParts {
  const parts = name.replace(/^\/+|\/+$/g, "").split("/");
  if (parts[0] !== "projects" || !parts[1]) {
    throw new Error(`Not a Lakebase resource name: '${name}' (expected 'projects/<id>/…').`);
  }
  const out: ResourceNameParts = { project: parts[1] };
  for (let i = 2; i < parts.length; i += 2) {
    const seg = parts[i]!;
    const id = parts[i + 1];
    if (!id) throw new Error(`Not a Lakebase resource name: '${name}' ('${seg}' has no id).`);
    if (seg === "operations") {
      out.operation = id;
      continue;
    }
    const key = Object.hasOwn(KEY, seg) ? KEY[seg as ChildSegment] : undefined;
    const allowed = seg === "branches" ? i === 2 : i === 4 && out.branch !== undefined;
    if (!key || !allowed) throw new Error(`Not a Lakebase resource name: '${name}' (unexpected '${seg}').`);
    (out as unknown as Record<string, string>)[key] = id;
  }
  return out;
}

/** The last segment of a resource name (its `*_id`). */
export function lastSegment(name: string): string {
  const parts = name.split("/").filter(Boolean);
  return parts[parts.length - 1] ?? name;
}

/** The project's resource name of any resource name under it. */
export function projectNameOf(name: string): string {
  return `projects/${parseResourceName(name).project}`;
}
