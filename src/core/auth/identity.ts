import * as z from "../validation";
import type { WorkspaceHttpClient } from "../http/workspaceClient";

/** Who a profile is, and which Postgres role name Lakebase expects for it. */
export interface WorkspaceIdentity {
  kind: "user" | "service-principal";
  /** SCIM userName: an email for a person, the application id for a service principal. */
  userName: string;
  displayName?: string;
  id?: string;
  /** The Postgres user to log in as (appkit#123: must match the token's identity). */
  postgresUser: string;
}

const ScimMe = z.looseObject({
  id: z.optional(z.string()),
  userName: z.optional(z.string()),
  displayName: z.optional(z.string()),
  applicationId: z.optional(z.string()),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `GET /api/2.0/preview/scim/v2/Me`. For a service principal SCIM returns its application id as
 * `userName` in practice; `applicationId` is used when present; for OAuth M2M profiles the
 * client_id is the last resort.
 */
export async function fetchIdentity(client: WorkspaceHttpClient, opts: { authType?: string; clientId?: string; signal?: AbortSignal } = {}): Promise<WorkspaceIdentity> {
  const raw = await client.request<unknown>({ method: "GET", path: "/api/2.0/preview/scim/v2/Me", auth: true, signal: opts.signal });
  const me = ScimMe.safeParse(raw ?? {});
  if (!me.success) throw new Error(`Unexpected answer from ${client.host}/api/2.0/preview/scim/v2/Me (not a SCIM user)`);
  const { userName, displayName, id, applicationId } = me.data;
  const m2mFallback = opts.authType === "oauth-m2m" ? opts.clientId : undefined;
  if (applicationId) return { kind: "service-principal", userName: userName ?? applicationId, displayName, id, postgresUser: applicationId };
  if (userName && userName.includes("@")) return { kind: "user", userName, displayName, id, postgresUser: userName };
  if (userName && (UUID.test(userName) || opts.authType === "oauth-m2m")) return { kind: "service-principal", userName, displayName, id, postgresUser: userName };
  if (userName) return { kind: "user", userName, displayName, id, postgresUser: userName };
  if (m2mFallback) return { kind: "service-principal", userName: m2mFallback, displayName, id, postgresUser: m2mFallback };
  throw new Error(`${client.host} did not say who this profile is (SCIM Me has no userName)`);
}
