/**
 * Request bodies of create/update calls (reference §1.2), in the API's own snake_case so they go
 * on the wire unchanged and match the docs users read. Only what we send is typed; extra keys
 * are allowed through the index signatures because the service grows.
 */

export interface CustomTag {
  key: string;
  value?: string;
}

export interface EndpointSettingsSpec {
  autoscaling_limit_min_cu?: number;
  autoscaling_limit_max_cu?: number;
  suspend_timeout_duration?: string;
  no_suspension?: boolean;
  pg_settings?: Record<string, string>;
  [extra: string]: unknown;
}

export interface ProjectSpec {
  display_name?: string;
  pg_version?: number;
  history_retention_duration?: string;
  default_endpoint_settings?: EndpointSettingsSpec;
  enable_pg_native_login?: boolean;
  budget_policy_id?: string;
  custom_tags?: CustomTag[];
  [extra: string]: unknown;
}

export interface CreateProjectBody {
  spec?: ProjectSpec;
  initial_branch_spec?: { is_protected?: boolean; [extra: string]: unknown };
  initial_endpoint_spec?: EndpointSpec;
}

/**
 * Exactly one of `ttl`, `expire_time`, `no_expiry` (the API rejects none or two): the other two
 * keys are `never`, so the compiler refuses a spec with two (`checkBranchExpiry` checks at run time).
 */
export type BranchExpiry =
  | { ttl: string; expire_time?: never; no_expiry?: never }
  | { expire_time: string; ttl?: never; no_expiry?: never }
  | { no_expiry: true; ttl?: never; expire_time?: never };

export interface BranchSpecBase {
  /** Full resource name of the branch to copy, e.g. `projects/p/branches/production`. */
  source_branch?: string;
  source_branch_lsn?: string;
  source_branch_time?: string;
  is_protected?: boolean;
  [extra: string]: unknown;
}
export type BranchSpec = BranchSpecBase & BranchExpiry;

export type EndpointType = "ENDPOINT_TYPE_READ_WRITE" | "ENDPOINT_TYPE_READ_ONLY";

export interface EndpointSpec {
  endpoint_type?: EndpointType | string;
  autoscaling_limit_min_cu?: number;
  autoscaling_limit_max_cu?: number;
  suspend_timeout_duration?: string;
  no_suspension?: boolean;
  disabled?: boolean;
  group?: { min?: number; max?: number; enable_readable_secondaries?: boolean };
  settings?: { pg_settings?: Record<string, string> };
  [extra: string]: unknown;
}

export interface DatabaseSpec {
  postgres_database?: string;
  /** Owner role's full resource name: required by the API. */
  role: string;
  [extra: string]: unknown;
}

export type IdentityType = "USER" | "SERVICE_PRINCIPAL" | "GROUP";
export type AuthMethod = "LAKEBASE_OAUTH_V1" | "PG_PASSWORD_SCRAM_SHA_256" | "NO_LOGIN";

export interface RoleSpec {
  postgres_role?: string;
  identity_type?: IdentityType | string;
  auth_method?: AuthMethod | string;
  membership_roles?: string[];
  attributes?: { bypassrls?: boolean; createdb?: boolean; createrole?: boolean };
  [extra: string]: unknown;
}

export interface CredentialClaim {
  permission_set: string;
  resources: Array<{ table_name?: string; [extra: string]: unknown }>;
}

export interface CredentialRequestOptions {
  /** Protobuf duration, "300s"–"3600s". */
  ttl?: string;
  claims?: CredentialClaim[];
  signal?: AbortSignal;
}
