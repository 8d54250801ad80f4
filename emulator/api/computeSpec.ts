import { invalidParam } from "../errors";
import type { Json } from "../state";
import { parseDuration } from "./fields";

/** Compute limits (reference §1.2): min ≥ 0.5 CU, max ≤ 64 CU, max − min ≤ 16 CU, suspend 60s–604800s. */
export const DEFAULT_MIN_CU = 1;
export const DEFAULT_MAX_CU = 1;
export const DEFAULT_SUSPEND = "86400s";

export interface Compute {
  autoscaling_limit_min_cu: number;
  autoscaling_limit_max_cu: number;
  /** Absent when no_suspension. */
  suspend_timeout_duration?: string;
  no_suspension?: boolean;
}

/** Merges the settings present in `spec` over `base`, then validates the result. `prefix` names fields in errors. */
export function mergeCompute(prefix: string, base: Compute, spec: Json, fields: { minMax: boolean; suspension: boolean } = { minMax: true, suspension: true }): Compute {
  const out: Compute = { ...base };
  if (fields.minMax) {
    if (spec.autoscaling_limit_min_cu !== undefined) out.autoscaling_limit_min_cu = num(`${prefix}.autoscaling_limit_min_cu`, spec.autoscaling_limit_min_cu);
    if (spec.autoscaling_limit_max_cu !== undefined) out.autoscaling_limit_max_cu = num(`${prefix}.autoscaling_limit_max_cu`, spec.autoscaling_limit_max_cu);
  }
  if (fields.suspension) {
    if (spec.no_suspension === true) {
      out.no_suspension = true;
      delete out.suspend_timeout_duration;
    } else if (spec.suspend_timeout_duration !== undefined) {
      const s = parseDuration(`${prefix}.suspend_timeout_duration`, spec.suspend_timeout_duration);
      if (s < 60 || s > 604800) {
        throw invalidParam(`Field '${prefix}.suspend_timeout_duration' must be between 60s and 604800s, got ${s}s.`);
      }
      out.suspend_timeout_duration = `${s}s`;
      delete out.no_suspension;
    }
  }
  const { autoscaling_limit_min_cu: min, autoscaling_limit_max_cu: max } = out;
  if (min < 0.5) throw invalidParam(`Field '${prefix}.autoscaling_limit_min_cu' must be at least 0.5, got ${min}.`);
  if (max > 64) throw invalidParam(`Field '${prefix}.autoscaling_limit_max_cu' must be at most 64, got ${max}.`);
  if (min > max) throw invalidParam(`Field '${prefix}.autoscaling_limit_min_cu' (${min}) must not exceed '${prefix}.autoscaling_limit_max_cu' (${max}).`);
  if (max - min > 16) throw invalidParam(`The difference between autoscaling_limit_max_cu (${max}) and autoscaling_limit_min_cu (${min}) must be at most 16 CU.`);
  return out;
}

function num(field: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v)) throw invalidParam(`Field '${field}' must be a number, got ${JSON.stringify(v)}.`);
  return v;
}
