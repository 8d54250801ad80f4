import { invalidParam } from "../errors";
import type { Json } from "../state";

/** Protobuf duration string ("300s", "1.5s") to seconds; throws a 400 naming the field otherwise. */
export function parseDuration(field: string, value: unknown): number {
  if (typeof value === "string") {
    const m = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
    if (m) return Number(m[1]);
  }
  throw invalidParam(`Field '${field}' must be a duration such as "300s", got ${JSON.stringify(value)}.`);
}

export function parseTime(field: string, value: unknown): number {
  const t = typeof value === "string" ? Date.parse(value) : NaN;
  if (Number.isNaN(t)) throw invalidParam(`Field '${field}' must be an RFC3339 timestamp, got ${JSON.stringify(value)}.`);
  return t;
}

export function obj(v: unknown): Json {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : {};
}

/**
 * The update_mask of a PATCH, checked against the paths the service accepts
 * (wording as the service: "Unknown field path in update_mask: '<p>'").
 * Returns undefined when no mask was sent: then every field present in the body applies.
 */
export function readUpdateMask(query: URLSearchParams, body: Json, allowed: string[]): string[] | undefined {
  const raw = query.get("update_mask");
  if (!raw) return undefined;
  const paths = raw.split(",").map((p) => p.trim()).filter(Boolean);
  for (const p of paths) {
    if (p !== "*" && !allowed.includes(p)) throw invalidParam(`Unknown field path in update_mask: '${p}'`);
  }
  for (const p of paths) {
    const parts = p.split(".");
    // A masked leaf whose parent the body carries must be present itself (oneof groups are exempt).
    if (parts.length < 2 || ONEOF_GROUPS.has(parts[parts.length - 1]!)) continue;
    if (hasPath(body, parts.slice(0, -1)) && !hasPath(body, parts)) {
      throw invalidParam(`Field '${p}' is in update_mask but not provided in request`);
    }
  }
  return paths;
}

const ONEOF_GROUPS = new Set(["expiration", "suspension"]);

function hasPath(node: unknown, parts: string[]): boolean {
  let cur = node;
  for (const part of parts) {
    if (typeof cur !== "object" || cur === null || !(part in (cur as Json))) return false;
    cur = (cur as Json)[part];
  }
  return true;
}

/** Whether `field` (e.g. "spec.display_name") is selected by the mask; no mask selects what the body carries. */
export function selected(mask: string[] | undefined, body: Json, field: string): boolean {
  if (!mask) return hasPath(body, field.split("."));
  return mask.some((m) => m === "*" || m === field || field.startsWith(`${m}.`) || m.startsWith(`${field}.`));
}

export function getPath(body: Json, field: string): unknown {
  let cur: unknown = body;
  for (const part of field.split(".")) cur = obj(cur)[part];
  return cur;
}
