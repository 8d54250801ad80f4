import type { RoleSpec } from "./specs";

/** Which Databricks identity a Postgres role stands for. */
export type RoleIdentityType = "USER" | "SERVICE_PRINCIPAL";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * A person logs in as their email, a service principal as its application id (appkit#123): a
 * role named otherwise can never log in with a Lakebase credential. Returns what is wrong, or
 * undefined.
 */
export function checkRoleIdentity(type: RoleIdentityType, name: string): string | undefined {
  if (type === "USER" && !EMAIL.test(name)) return "A user's Postgres role is their Databricks user name: an email address.";
  if (type === "SERVICE_PRINCIPAL" && !UUID.test(name)) return "A service principal's Postgres role is its application (client) id, a UUID.";
  return undefined;
}

/** The body `lakebase.role.create` sends: an OAuth login role named after the identity. */
export function oauthRoleSpec(type: RoleIdentityType, identity: string, superuser: boolean): RoleSpec {
  return {
    postgres_role: identity.trim(),
    identity_type: type,
    auth_method: "LAKEBASE_OAUTH_V1",
    ...(superuser ? { membership_roles: ["DATABRICKS_SUPERUSER"] } : {}),
  };
}
