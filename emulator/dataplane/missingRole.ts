/**
 * The service's login rule: only identities with a Postgres role on the branch get in (the
 * project owner's role exists from project creation). Everyone else is refused the way
 * Postgres refuses an unknown role (28000), with how to create the role.
 */
import type { ErrorFields } from "./wire";

export class MissingRoleError extends Error {
  constructor(readonly role: string) {
    super(`role "${role}" does not exist`);
  }
}

/** The refusal for `role` at the front door of `endpoint` (a full endpoint resource name). */
export function missingRoleRefusal(role: string, endpoint: string): Omit<ErrorFields, "severity"> {
  const branch = endpoint.replace(/\/endpoints\/[^/]+$/, "");
  // A person logs in as their email, a service principal as its application id.
  const identityType = role.includes("@") ? "USER" : "SERVICE_PRINCIPAL";
  return {
    code: "28000",
    message: `role "${role}" does not exist: create a Postgres role for this identity on ${branch}, then reconnect`,
    detail: "Only the project owner can log in before a Postgres role exists for an identity.",
    hint: `A member of databricks_superuser creates it with POST /api/2.0/postgres/${branch}/roles `
      + `${JSON.stringify({ spec: { postgres_role: role, identity_type: identityType, auth_method: "LAKEBASE_OAUTH_V1" } })} `
      + "(databricks postgres create-role).",
  };
}
