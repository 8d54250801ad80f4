import type * as z from "../validation";
import { LakebaseResponseError } from "./errors";

/**
 * Validates an API answer; the error names the resource and the first offending fields.
 * A field sent as `null` counts as omitted: the service marks nearly every field `omitempty`
 * (the Go SDK's structs) and some gateways write absent ones as null.
 */
export function parseResponse<S extends z.ZodMiniType>(schema: S, data: unknown, resource: string): z.infer<S> {
  const result = schema.safeParse(withoutNulls(data));
  if (result.success) return result.data;
  throw new LakebaseResponseError(resource, describeIssues(result.error));
}

/** Like parseResponse, but says what is wrong instead of throwing (one item of a list page). */
export function tryParse<S extends z.ZodMiniType>(schema: S, data: unknown): { ok: true; value: z.infer<S> } | { ok: false; problem: string } {
  const result = schema.safeParse(withoutNulls(data));
  return result.success ? { ok: true, value: result.data } : { ok: false, problem: describeIssues(result.error) };
}

function describeIssues(error: z.core.$ZodError): string {
  return error.issues.slice(0, 3).map((i) => `${i.path.length ? i.path.join(".") : "(body)"}: ${i.message}`).join("; ");
}

/** Drops object keys whose value is null, at any depth (array items are kept as they are). */
export function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => (x !== null && typeof x === "object" ? withoutNulls(x) : x));
  if (v === null || typeof v !== "object") return v;
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
    if (val === null) continue;
    out[k] = typeof val === "object" ? withoutNulls(val) : val;
  }
  return out;
}
