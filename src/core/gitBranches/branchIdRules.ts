/**
 * Which Lakebase branch id a git branch name gets: the API's id rules (1–63 characters,
 * a lowercase letter first, then [a-z0-9-]), the same id for the same name every time, and
 * a short hash of the full name where shortening or a clash would otherwise lose it.
 */
import { createHash } from "node:crypto";

export const MAX_BRANCH_ID = 63;
const HASH_LENGTH = 8;

export function nameHash(gitBranch: string): string {
  return createHash("sha256").update(gitBranch, "utf8").digest("hex").slice(0, HASH_LENGTH);
}

/** `feature/x` → `feature-x`; `Fix_ÄÖ bug` → `fix-ao-bug`; names with nothing usable → `br-<hash>`. */
export function sanitizeBranchName(gitBranch: string): string {
  const ascii = gitBranch.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const id = ascii.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  if (!id) return `br-${nameHash(gitBranch)}`;
  return /^[a-z]/.test(id) ? id : `br-${id}`;
}

/** The id with the name's hash at the end, within the length limit: `very-long…-1a2b3c4d`. */
export function hashedBranchId(gitBranch: string): string {
  const base = sanitizeBranchName(gitBranch).slice(0, MAX_BRANCH_ID - HASH_LENGTH - 1).replace(/-+$/, "");
  return `${base}-${nameHash(gitBranch)}`;
}

/** Characters dropped without a trace (not separators, not accents): `ß`, `日`, emoji. */
function dropsCharacters(gitBranch: string): boolean {
  return /[^a-z0-9\s/_.\-]/i.test(gitBranch.normalize("NFKD").replace(/[\u0300-\u036f]/g, ""));
}

/**
 * The id a git branch asks for before looking at what exists. Long names, and names that
 * lose characters on the way, get the hash, so `fix-ß` and `fix` do not end up on one branch.
 */
export function preferredBranchId(gitBranch: string): string {
  const id = sanitizeBranchName(gitBranch);
  if (id === `br-${nameHash(gitBranch)}`) return id; // nothing usable in the name: already its hash
  return id.length <= MAX_BRANCH_ID && !dropsCharacters(gitBranch) ? id : hashedBranchId(gitBranch);
}

export interface ExistingBranch {
  /** The branch id (last segment of the resource name). */
  id: string;
  isDefault: boolean;
  isProtected: boolean;
}

/**
 * The id for `gitBranch` in a project: the preferred id, unless it belongs to another git
 * branch (per `links`: git branch → branch id, as recorded when this extension created it) or
 * names the default or a protected branch; then the hashed id, which is unique to the name.
 */
export function branchIdFor(gitBranch: string, existing: readonly ExistingBranch[], links: Readonly<Record<string, string>>): string {
  const linked = links[gitBranch];
  if (linked) return linked;
  const preferred = preferredBranchId(gitBranch);
  const claimedByOther = Object.entries(links).some(([git, id]) => id === preferred && git !== gitBranch);
  const found = existing.find((b) => b.id === preferred);
  if (claimedByOther || (found && (found.isDefault || found.isProtected))) return hashedBranchId(gitBranch);
  return preferred;
}
