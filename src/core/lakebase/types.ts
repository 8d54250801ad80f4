import * as z from "../validation";

/**
 * Response shapes of the Lakebase API (reference §1.3). Lenient on purpose: unknown fields pass
 * through (the service adds fields over time) and everything but the identity fields is optional
 * (several are UNCONFIRMED or only present in some states). Enums are plain strings for the same
 * reason: an unknown state must still render, not fail the whole listing.
 */

const str = z.string();
const optStr = z.optional(z.string());
const optBool = z.optional(z.boolean());
const optNum = z.optional(z.number());

export const CustomTagSchema = z.looseObject({ key: str, value: optStr });

export const ProjectStatusSchema = z.looseObject({
  project_id: optStr,
  display_name: optStr,
  pg_version: z.optional(z.union([z.number(), z.string()])),
  owner: optStr,
  default_branch: optStr,
  default_endpoint_settings: z.optional(z.looseObject({})),
  history_retention_duration: optStr,
  enable_pg_native_login: optBool,
  branch_logical_size_limit_bytes: z.optional(z.union([z.number(), z.string()])),
  synthetic_storage_size_bytes: z.optional(z.union([z.number(), z.string()])),
  compute_last_active_time: optStr,
  budget_policy_id: optStr,
  custom_tags: z.optional(z.array(CustomTagSchema)),
});

export const ProjectSchema = z.looseObject({
  name: str,
  project_id: optStr,
  uid: optStr,
  create_time: optStr,
  update_time: optStr,
  delete_time: optStr,
  purge_time: optStr,
  status: z.optional(ProjectStatusSchema),
});

export const BranchStatusSchema = z.looseObject({
  branch_id: optStr,
  current_state: optStr,
  pending_state: optStr,
  default: optBool,
  is_protected: optBool,
  logical_size_bytes: z.optional(z.union([z.number(), z.string()])),
  source_branch: optStr,
  source_branch_lsn: optStr,
  source_branch_time: optStr,
  state_change_time: optStr,
  expire_time: optStr,
  delete_time: optStr,
  purge_time: optStr,
});

export const BranchSchema = z.looseObject({
  name: str,
  branch_id: optStr,
  parent: optStr,
  uid: optStr,
  create_time: optStr,
  update_time: optStr,
  status: z.optional(BranchStatusSchema),
});

export const EndpointHostsSchema = z.looseObject({
  host: optStr,
  read_only_host: optStr,
  read_write_pooled_host: optStr,
  read_only_pooled_host: optStr,
});

export const EndpointStatusSchema = z.looseObject({
  endpoint_id: optStr,
  endpoint_type: optStr,
  current_state: optStr,
  pending_state: optStr,
  disabled: optBool,
  autoscaling_limit_min_cu: optNum,
  autoscaling_limit_max_cu: optNum,
  suspend_timeout_duration: optStr,
  hosts: z.optional(EndpointHostsSchema),
  group: z.optional(z.looseObject({})),
  settings: z.optional(z.looseObject({})),
  last_active_time: optStr,
});

export const EndpointSchema = z.looseObject({
  name: str,
  endpoint_id: optStr,
  parent: optStr,
  uid: optStr,
  create_time: optStr,
  update_time: optStr,
  status: z.optional(EndpointStatusSchema),
});

export const DatabaseSchema = z.looseObject({
  name: str,
  database_id: optStr,
  parent: optStr,
  create_time: optStr,
  update_time: optStr,
  status: z.optional(z.looseObject({ database_id: optStr, postgres_database: optStr, role: optStr })),
});

export const RoleAttributesSchema = z.looseObject({ bypassrls: optBool, createdb: optBool, createrole: optBool });

export const RoleSchema = z.looseObject({
  name: str,
  role_id: optStr,
  parent: optStr,
  create_time: optStr,
  update_time: optStr,
  status: z.optional(
    z.looseObject({
      role_id: optStr,
      postgres_role: optStr,
      identity_type: optStr,
      auth_method: optStr,
      membership_roles: z.optional(z.array(str)),
      attributes: z.optional(RoleAttributesSchema),
    }),
  ),
});

export const OperationErrorSchema = z.looseObject({
  error_code: optStr,
  message: optStr,
  details: z.optional(z.array(z.unknown())),
});

export const OperationSchema = z.looseObject({
  name: str,
  done: optBool,
  metadata: z.optional(z.looseObject({})),
  response: z.optional(z.looseObject({})),
  error: z.optional(OperationErrorSchema),
});

export const CredentialSchema = z.looseObject({ token: str, expire_time: str });

export type Project = z.infer<typeof ProjectSchema>;
export type Branch = z.infer<typeof BranchSchema>;
export type Endpoint = z.infer<typeof EndpointSchema>;
export type Database = z.infer<typeof DatabaseSchema>;
export type Role = z.infer<typeof RoleSchema>;
export type Operation = z.infer<typeof OperationSchema>;

/** A generated database credential; `token` is the Postgres password. */
export interface Credential {
  token: string;
  expireTime: Date;
}

/** An item of a list page that did not have the documented shape (left out of `items`). */
export interface InvalidListItem {
  /** Position in the page's array (0-based). */
  index: number;
  /** The item's resource name, when it has one. */
  name?: string;
  /** What is wrong, for the user: kind, position, name and the first offending fields. */
  problem: string;
}

/** One page of a list call. `nextPageToken` is undefined on the last page. */
export interface Page<T> {
  items: T[];
  nextPageToken?: string;
  /** Items left out because their shape was wrong; absent when there were none. */
  invalid?: InvalidListItem[];
}

/** The name of each list's array field (reference §1.2). */
export const LIST_FIELDS = {
  projects: ProjectSchema,
  branches: BranchSchema,
  endpoints: EndpointSchema,
  databases: DatabaseSchema,
  roles: RoleSchema,
} as const;
