/**
 * A branch's expiry is a oneof on the wire: exactly one of `ttl`, `expire_time`, `no_expiry`.
 * A key that is present counts even when false or empty (that still selects the oneof member),
 * so the client checks presence, not truthiness, before anything is sent.
 */
import { UserFacingError } from "../errors";
import type { BranchExpiry } from "./specs";

const EXPIRY_KEYS = ["ttl", "expire_time", "no_expiry"] as const;

/** The expiry keys a spec would put on the wire (undefined is not serialized; JSON null is absent). */
export function expiryKeysSent(spec: Record<string, unknown>): string[] {
  return EXPIRY_KEYS.filter((k) => spec[k] !== undefined && spec[k] !== null);
}

/** What is wrong with the expiry keys of a spec (or patch), or undefined when exactly one is set. */
export function checkBranchExpiry(spec: Record<string, unknown>): string | undefined {
  const sent = expiryKeysSent(spec);
  if (sent.length === 1) return undefined;
  return `A branch needs exactly one expiry setting: ttl (e.g. "604800s"), expire_time (RFC3339) or no_expiry: true${sent.length ? `; got ${sent.join(" and ")}` : ""}.`;
}

/** The expiry of `lakebase.branch.create {ttlSeconds? | expireTime?}`: no expiry when neither is given. */
export function branchExpiryFromArgs(args: { ttlSeconds?: unknown; expireTime?: unknown }): BranchExpiry {
  const hasTtl = args.ttlSeconds !== undefined;
  const hasTime = args.expireTime !== undefined && args.expireTime !== "";
  if (hasTtl && hasTime) throw new UserFacingError("Give either ttlSeconds or expireTime, not both (or neither, for a branch that does not expire).");
  if (hasTtl) {
    const s = args.ttlSeconds;
    if (typeof s !== "number" || !Number.isFinite(s) || Math.round(s) < 1) throw new UserFacingError(`ttlSeconds must be a positive number of seconds, got ${JSON.stringify(s)}.`);
    return { ttl: `${Math.round(s)}s` };
  }
  if (hasTime) {
    const t = args.expireTime;
    if (typeof t !== "string" || Number.isNaN(Date.parse(t))) throw new UserFacingError(`expireTime must be an RFC 3339 time such as 2026-02-06T17:07:00Z, got ${JSON.stringify(t)}.`);
    return { expire_time: t };
  }
  return { no_expiry: true };
}
