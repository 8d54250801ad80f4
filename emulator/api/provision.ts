import type { ControlPlane } from "../controlPlane";
import type { Identity } from "../auth";
import { friendlyUid, generatedRoleId } from "../ids";
import { nowIso, publicView, type BranchRec, type DatabaseRec, type EndpointRec, type Json, type RoleRec } from "../state";
import type { Compute } from "./computeSpec";

/**
 * Building resource records and the data-plane work behind them; shared by
 * project creation (which makes a branch, endpoint, role and database) and
 * the individual create routes.
 */
export const DEFAULT_DATABASE = "databricks_postgres";
export const DEFAULT_DATABASE_ID = "databricks-postgres";
export const SUPERUSER_GROUP = "DATABRICKS_SUPERUSER";

export function newBranchRecord(parent: string, branchId: string, status: Json, root = false): BranchRec {
  const now = nowIso();
  return {
    name: `${parent}/branches/${branchId}`,
    branch_id: branchId,
    parent,
    uid: friendlyUid("br"),
    create_time: now,
    update_time: now,
    status: {
      branch_id: branchId,
      current_state: "INIT",
      default: false,
      is_protected: false,
      logical_size_bytes: 0,
      state_change_time: now,
      ...status,
    },
    ...(root ? { _root: true } : {}),
  };
}

export function newEndpointRecord(branch: string, endpointId: string, type: string, compute: Compute, extra: Json = {}, implicit = false): EndpointRec {
  const now = nowIso();
  return {
    name: `${branch}/endpoints/${endpointId}`,
    endpoint_id: endpointId,
    parent: branch,
    uid: friendlyUid("ep"),
    create_time: now,
    update_time: now,
    status: {
      endpoint_id: endpointId,
      endpoint_type: type,
      current_state: "INIT",
      disabled: false,
      ...compute,
      hosts: {},
      group: { min: 1, max: 1, enable_readable_secondaries: false },
      settings: { pg_settings: {} },
      ...extra,
    },
    ...(implicit ? { _implicit: true } : {}),
  };
}

export function newRoleRecord(branch: string, roleId: string, status: Json): RoleRec {
  const now = nowIso();
  return {
    name: `${branch}/roles/${roleId}`,
    role_id: roleId,
    parent: branch,
    create_time: now,
    update_time: now,
    status: { role_id: roleId, ...status },
  };
}

export function newDatabaseRecord(branch: string, databaseId: string, postgresDatabase: string, role: string): DatabaseRec {
  const now = nowIso();
  return {
    name: `${branch}/databases/${databaseId}`,
    database_id: databaseId,
    parent: branch,
    create_time: now,
    update_time: now,
    status: { database_id: databaseId, postgres_database: postgresDatabase, role },
  };
}

/** The owner role a new project gets for its creator: an OAuth login in DATABRICKS_SUPERUSER. */
export function ownerRoleRecord(branch: string, creator: Identity): RoleRec {
  return newRoleRecord(branch, generatedRoleId(), {
    postgres_role: creator.userName,
    identity_type: creator.kind === "user" ? "USER" : "SERVICE_PRINCIPAL",
    auth_method: "LAKEBASE_OAUTH_V1",
    membership_roles: [SUPERUSER_GROUP],
    // What the front door's first-login role really has (see projects.ts).
    attributes: { bypassrls: false, createdb: false, createrole: false },
  });
}

export function roleAttrs(role: RoleRec): { login: boolean; createdb: boolean; createrole: boolean; bypassrls: boolean; superuserMember: boolean } {
  const s = role.status;
  const a = (s.attributes ?? {}) as Json;
  return {
    login: s.auth_method !== "NO_LOGIN",
    createdb: a.createdb === true,
    createrole: a.createrole === true,
    bypassrls: a.bypassrls === true,
    superuserMember: Array.isArray(s.membership_roles) && s.membership_roles.includes(SUPERUSER_GROUP),
  };
}

/** Opens the endpoint's front door and records its host; state ACTIVE. */
export async function openEndpoint(cp: ControlPlane, ep: EndpointRec): Promise<void> {
  const addr = await cp.dataPlane.openEndpoint(ep.name, ep.parent);
  ep._address = { host: addr.host, port: addr.port };
  const readOnly = ep.status.endpoint_type === "ENDPOINT_TYPE_READ_ONLY";
  ep.status.hosts = readOnly ? { host: addr.host, read_only_host: addr.host } : { host: addr.host };
  ep.status.current_state = "ACTIVE";
  ep.status.last_active_time = nowIso();
  cp.changed();
}

export async function closeEndpoint(cp: ControlPlane, ep: EndpointRec, state: "IDLE" | "INIT" = "IDLE"): Promise<void> {
  await cp.dataPlane.closeEndpoint(ep.name);
  delete ep._address;
  ep.status.current_state = state;
  cp.changed();
}

export function markReady(cp: ControlPlane, br: BranchRec): void {
  br.status.current_state = "READY";
  br.status.state_change_time = nowIso();
  cp.changed();
}

export function view(rec: object): Json {
  return publicView(rec);
}
