import type * as z from "../validation";
import { BranchSchema, DatabaseSchema, EndpointSchema, ProjectSchema, RoleSchema } from "./types";
import type { IdKind } from "./ids";

/** Per-kind facts the generic list/get/create code needs: collection segment, id param, schema. */
export interface ResourceKind<S extends z.ZodMiniType = z.ZodMiniType> {
  kind: IdKind;
  /** Collection path segment and the list answer's array field. */
  collection: "projects" | "branches" | "endpoints" | "databases" | "roles";
  /** Query parameter carrying the id on create. */
  idParam: string;
  schema: S;
}

export const PROJECT = { kind: "project", collection: "projects", idParam: "project_id", schema: ProjectSchema } as const satisfies ResourceKind;
export const BRANCH = { kind: "branch", collection: "branches", idParam: "branch_id", schema: BranchSchema } as const satisfies ResourceKind;
export const ENDPOINT = { kind: "endpoint", collection: "endpoints", idParam: "endpoint_id", schema: EndpointSchema } as const satisfies ResourceKind;
export const DATABASE = { kind: "database", collection: "databases", idParam: "database_id", schema: DatabaseSchema } as const satisfies ResourceKind;
export const ROLE = { kind: "role", collection: "roles", idParam: "role_id", schema: RoleSchema } as const satisfies ResourceKind;
