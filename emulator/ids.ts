import { randomBytes, randomUUID } from "node:crypto";
import { invalidParam } from "./errors";

/** Project, branch and endpoint ids: 1–63 chars, a lowercase letter first, then [a-z0-9-]. */
const RESOURCE_ID = /^[a-z][a-z0-9-]{0,62}$/;
/** Database and role ids: 4–63 chars (RFC 1123 label). */
const CHILD_ID = /^[a-z][a-z0-9-]{3,62}$/;

export function validateResourceId(field: string, id: string): void {
  if (!RESOURCE_ID.test(id)) {
    throw invalidParam(
      `Field '${field}' must be 1-63 characters, start with a lowercase letter, and contain only lowercase letters, numbers and hyphens. Got '${id}'.`,
    );
  }
}

export function validateChildId(field: string, id: string): void {
  if (!CHILD_ID.test(id)) {
    throw invalidParam(
      `Field '${field}' must be 4-63 characters, start with a lowercase letter, and contain only lowercase letters, numbers and hyphens (RFC 1123).`,
    );
  }
}

const ALPHANUM = "abcdefghijklmnopqrstuvwxyz0123456789";
export function randomLower(n: number): string {
  const bytes = randomBytes(n);
  let out = "";
  for (let i = 0; i < n; i++) out += ALPHANUM[bytes[i]! % ALPHANUM.length];
  return out;
}

const ADJECTIVES = ["broad", "summer", "quiet", "misty", "bold", "calm", "late", "wild", "young", "still"];
const NOUNS = ["pine", "frost", "river", "field", "dawn", "stone", "cloud", "leaf", "sea", "hill"];

/** Looks like the service's uids: `ep-summer-frost-y131l3vx`. */
export function friendlyUid(prefix: "br" | "ep"): string {
  const b = randomBytes(2);
  return `${prefix}-${ADJECTIVES[b[0]! % ADJECTIVES.length]}-${NOUNS[b[1]! % NOUNS.length]}-${randomLower(8)}`;
}

export function generatedDatabaseId(): string {
  return `db-${randomLower(4)}-${randomLower(10)}`;
}

export function generatedRoleId(): string {
  return `role-${randomLower(8)}`;
}

export function uuid(): string {
  return randomUUID();
}

export function hex(bytes: number): string {
  return randomBytes(bytes).toString("hex");
}
