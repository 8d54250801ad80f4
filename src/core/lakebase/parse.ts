import type { z } from "zod";
import { LakebaseResponseError } from "./errors";

/** Validates an API answer; the error names the resource and the first offending fields. */
export function parseResponse<S extends z.ZodType>(schema: S, data: unknown, resource: string): z.infer<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 3).map((i) => `${i.path.length ? i.path.join(".") : "(body)"}: ${i.message}`);
  throw new LakebaseResponseError(resource, issues.join("; "));
}
