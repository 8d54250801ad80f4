import type { ControlPlane } from "../controlPlane";
import { badRequest, invalidParam } from "../errors";
import { generatedRoleId, validateChildId } from "../ids";
import { EMPTY_RESPONSE } from "../operations";
import { nowIso, type Json, type RoleRec } from "../state";
import { ok, type Req, type Router } from "../http/router";
import { obj, readUpdateMask, selected } from "./fields";
import { findBranch, findRole } from "./lookup";
import { listBody, paginate } from "./pagination";
import { newRoleRecord, roleAttrs, view } from "./provision";
import { quoteIdent, runAsSuperuser } from "./superuserSql";

const ROLE_MASK_PATHS = [
  "spec",
  "spec.postgres_role",
  "spec.identity_type",
  "spec.auth_method",
  "spec.membership_roles",
  "spec.attributes",
  "spec.attributes.bypassrls",
  "spec.attributes.createdb",
  "spec.attributes.createrole",
];
const IDENTITY_TYPES = ["USER", "SERVICE_PRINCIPAL", "GROUP", "IDENTITY_TYPE_UNSPECIFIED"];
const AUTH_METHODS = ["LAKEBASE_OAUTH_V1", "PG_PASSWORD_SCRAM_SHA_256", "NO_LOGIN"];

export function roleRoutes(cp: ControlPlane, r: Router, base: string): void {
  const list = `${base}/projects/:p/branches/:b/roles`;
  r.add("POST", list, (req) => ok(createRole(cp, req)));
  r.add("GET", list, (req) => {
    const branch = findBranch(cp.state, req.params.p!, req.params.b!);
    const all = cp.state.childrenOf(cp.state.roles, branch.name, "roles");
    const { page, nextPageToken } = paginate(all, req.query, `${branch.name}/roles`);
    return ok(listBody("roles", page.map(view), nextPageToken));
  });
  r.add("GET", `${list}/:r`, (req) => ok(view(findRole(cp.state, req.params.p!, req.params.b!, req.params.r!))));
  r.add("PATCH", `${list}/:r`, (req) => ok(updateRole(cp, req)));
  r.add("DELETE", `${list}/:r`, (req) => ok(deleteRole(cp, req)));
}

/** Status as the service materializes it from a spec (auth_method derived from identity_type when omitted). */
function statusFromSpec(spec: Json, fallbackName: string): Json {
  const identityType = typeof spec.identity_type === "string" && spec.identity_type ? spec.identity_type : "IDENTITY_TYPE_UNSPECIFIED";
  if (!IDENTITY_TYPES.includes(identityType)) throw invalidParam(`Field 'role.spec.identity_type' must be one of USER, SERVICE_PRINCIPAL, GROUP, got '${identityType}'.`);
  let auth = typeof spec.auth_method === "string" && spec.auth_method ? spec.auth_method : undefined;
  if (!auth) auth = identityType === "GROUP" ? "NO_LOGIN" : identityType === "IDENTITY_TYPE_UNSPECIFIED" ? "PG_PASSWORD_SCRAM_SHA_256" : "LAKEBASE_OAUTH_V1";
  if (!AUTH_METHODS.includes(auth)) throw invalidParam(`Field 'role.spec.auth_method' must be one of ${AUTH_METHODS.join(", ")}, got '${auth}'.`);
  const a = obj(spec.attributes);
  return {
    postgres_role: typeof spec.postgres_role === "string" && spec.postgres_role ? spec.postgres_role : fallbackName,
    identity_type: identityType,
    auth_method: auth,
    membership_roles: Array.isArray(spec.membership_roles) ? spec.membership_roles : [],
    attributes: { bypassrls: a.bypassrls === true, createdb: a.createdb === true, createrole: a.createrole === true },
  };
}

function createRole(cp: ControlPlane, req: Req): Json {
  const branch = findBranch(cp.state, req.params.p!, req.params.b!);
  const roleId = req.query.get("role_id") || generatedRoleId();
  validateChildId("role_id", roleId);
  const status = statusFromSpec(obj(req.body.spec), roleId);
  if (status.auth_method === "NO_LOGIN") throw invalidParam("Creating roles with auth_method NO_LOGIN is not currently supported");
  const name = `${branch.name}/roles/${roleId}`;
  const siblings = cp.state.childrenOf(cp.state.roles, branch.name, "roles");
  const existing = cp.state.roles.get(name);
  if (existing && req.query.get("replace_existing") === "true") return update(cp, existing, { spec: req.body.spec ?? {} }, undefined);
  if (existing || siblings.some((r) => r.status.postgres_role === status.postgres_role)) throw badRequest("role with that name already exists");
  const role = newRoleRecord(branch.name, roleId, status);
  cp.state.roles.set(name, role);
  cp.changed();
  return cp.ops.start(name, "Role", () =>
    cp.serialize([branch.name], async () => {
      try {
        await cp.dataPlane.createRole(branch.name, String(status.postgres_role), roleAttrs(role));
      } catch (err) {
        cp.state.roles.delete(name);
        cp.changed();
        throw err;
      }
      return view(role);
    }),
  );
}

function updateRole(cp: ControlPlane, req: Req): Json {
  const role = findRole(cp.state, req.params.p!, req.params.b!, req.params.r!);
  const mask = readUpdateMask(req.query, req.body, ROLE_MASK_PATHS);
  return update(cp, role, req.body, mask);
}

function update(cp: ControlPlane, role: RoleRec, body: Json, mask: string[] | undefined): Json {
  const spec = obj(body.spec);
  const before = roleAttrs(role);
  const next = statusFromSpec({ ...role.status, ...spec, attributes: { ...obj(role.status.attributes), ...obj(spec.attributes) } }, String(role.status.postgres_role));
  if (selected(mask, body, "spec.postgres_role") && next.postgres_role !== role.status.postgres_role) {
    throw invalidParam("Field 'role.spec.postgres_role' cannot be changed; create a new role instead.");
  }
  for (const f of ["identity_type", "auth_method", "membership_roles", "attributes"]) {
    if (selected(mask, body, `spec.${f}`)) role.status[f] = next[f];
  }
  if (role.status.auth_method === "NO_LOGIN") throw invalidParam("Roles with auth_method NO_LOGIN are not currently supported");
  role.update_time = nowIso();
  cp.changed();
  const after = roleAttrs(role);
  const pgRole = quoteIdent(String(role.status.postgres_role));
  const sql: string[] = [];
  const flags = (["createdb", "createrole", "bypassrls"] as const).filter((k) => before[k] !== after[k]).map((k) => (after[k] ? k : `no${k}`).toUpperCase());
  if (flags.length) sql.push(`ALTER ROLE ${pgRole} ${flags.join(" ")}`);
  if (before.superuserMember !== after.superuserMember) {
    sql.push(after.superuserMember ? `GRANT databricks_superuser TO ${pgRole}` : `REVOKE databricks_superuser FROM ${pgRole}`);
  }
  return cp.ops.start(role.name, "Role", () =>
    cp.serialize([role.parent], async () => {
      await runAsSuperuser(cp, role.parent, sql);
      return view(role);
    }),
  );
}

function deleteRole(cp: ControlPlane, req: Req): Json {
  const role = findRole(cp.state, req.params.p!, req.params.b!, req.params.r!);
  const owning = cp.state.childrenOf(cp.state.databases, role.parent, "databases").find((d) => d.status.role === role.name);
  if (owning) throw badRequest(`Role '${role.name}' owns database '${owning.name}'. Delete the database or change its owner first.`);
  cp.state.roles.delete(role.name);
  cp.changed();
  return cp.ops.start(role.name, "Role", () =>
    cp.serialize([role.parent], async () => {
      await cp.dataPlane.dropRole(role.parent, String(role.status.postgres_role));
      return EMPTY_RESPONSE;
    }),
  );
}
