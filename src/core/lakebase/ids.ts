/**
 * Local checks of ids the user types, before a create call (reference §1.1), so a typo gets a
 * precise message instead of the API's generic "invalid parameter". Ids read from the API are
 * never re-validated: UI-created projects use UUIDs and must keep working.
 */

export type IdKind = "project" | "branch" | "endpoint" | "database" | "role";

const LABEL: Record<IdKind, string> = {
  project: "Project",
  branch: "Branch",
  endpoint: "Endpoint",
  database: "Database",
  role: "Role",
};

/** Returns a message saying what is wrong with `id`, or undefined when it is valid. */
export function checkResourceId(kind: IdKind, id: string): string | undefined {
  const label = LABEL[kind];
  const min = kind === "database" || kind === "role" ? 4 : 1;
  if (id.length === 0) return `${label} id is empty: enter ${min === 1 ? "at least one character" : `${min} to 63 characters`}.`;
  if (id.length < min) return `${label} ids are ${min}–63 characters long; '${id}' has ${id.length}.`;
  if (id.length > 63) return `${label} ids are at most 63 characters long; this one has ${id.length}.`;
  if (!/^[a-z]/.test(id)) return `${label} ids start with a lowercase letter (a–z); '${id}' starts with '${id[0]}'.`;
  const bad = id.match(/[^a-z0-9-]/);
  if (bad) {
    const hint = /[A-Z]/.test(bad[0]) ? " (use lowercase)" : bad[0] === "_" ? " (use '-' instead of '_')" : "";
    return `${label} ids may contain only lowercase letters, digits and '-'; '${bad[0]}' at position ${bad.index! + 1} is not allowed${hint}.`;
  }
  return undefined;
}

/** Throws `InvalidResourceIdError` when `id` is not acceptable for `kind`. */
export function assertResourceId(kind: IdKind, id: string): void {
  const problem = checkResourceId(kind, id);
  if (problem) throw new InvalidResourceIdError(kind, id, problem);
}

export class InvalidResourceIdError extends Error {
  constructor(readonly kind: IdKind, readonly id: string, message: string) {
    super(message);
    this.name = "InvalidResourceIdError";
  }
}
