import type { ControlPlane } from "../controlPlane";
import { badRequest, invalidParam, notFound, requiredField } from "../errors";
import { generatedDatabaseId, validateChildId } from "../ids";
import { EMPTY_RESPONSE } from "../operations";
import { nowIso, type DatabaseRec, type Json } from "../state";
import { ok, type Req, type Router } from "../http/router";
import { obj, readUpdateMask, selected } from "./fields";
import { findBranch, findDatabase, parseRoleName } from "./lookup";
import { listBody, paginate } from "./pagination";
import { newDatabaseRecord, view } from "./provision";
import { quoteIdent, runAsSuperuser } from "./superuserSql";

const DATABASE_MASK_PATHS = ["spec", "spec.postgres_database", "spec.role"];

export function databaseRoutes(cp: ControlPlane, r: Router, base: string): void {
  const list = `${base}/projects/:p/branches/:b/databases`;
  r.add("POST", list, (req) => ok(createDatabase(cp, req)));
  r.add("GET", list, (req) => {
    const branch = findBranch(cp.state, req.params.p!, req.params.b!);
    const all = cp.state.childrenOf(cp.state.databases, branch.name, "databases");
    const { page, nextPageToken } = paginate(all, req.query, `${branch.name}/databases`);
    return ok(listBody("databases", page.map(view), nextPageToken));
  });
  r.add("GET", `${list}/:d`, (req) => ok(view(findDatabase(cp.state, req.params.p!, req.params.b!, req.params.d!))));
  r.add("PATCH", `${list}/:d`, (req) => ok(updateDatabase(cp, req)));
  r.add("DELETE", `${list}/:d`, (req) => ok(deleteDatabase(cp, req)));
}

/** The role a database spec names must be a role of the same branch; returns its Postgres name. */
function ownerOf(cp: ControlPlane, branchName: string, roleName: string): string {
  const parsed = parseRoleName(roleName);
  if (!parsed || `projects/${parsed.p}/branches/${parsed.b}` !== branchName) {
    throw invalidParam(`Field 'database.spec.role' must name a role of ${branchName}, such as '${branchName}/roles/<role_id>', got '${roleName}'.`);
  }
  const role = cp.state.roles.get(roleName);
  if (!role) throw notFound("role");
  return String(role.status.postgres_role);
}

function createDatabase(cp: ControlPlane, req: Req): Json {
  const branch = findBranch(cp.state, req.params.p!, req.params.b!);
  const databaseId = req.query.get("database_id") || generatedDatabaseId();
  validateChildId("database_id", databaseId);
  const spec = obj(req.body.spec);
  if (typeof spec.role !== "string" || !spec.role) throw requiredField("database.spec.role");
  const owner = ownerOf(cp, branch.name, spec.role);
  const pgName = typeof spec.postgres_database === "string" && spec.postgres_database ? spec.postgres_database : databaseId.replace(/-/g, "_");
  const name = `${branch.name}/databases/${databaseId}`;
  const existing = cp.state.databases.get(name);
  if (existing && req.query.get("replace_existing") === "true") return update(cp, existing, { spec }, undefined);
  const siblings = cp.state.childrenOf(cp.state.databases, branch.name, "databases");
  if (existing || siblings.some((d) => d.status.postgres_database === pgName)) throw badRequest("database with that name already exists");
  const db = newDatabaseRecord(branch.name, databaseId, pgName, spec.role);
  cp.state.databases.set(name, db);
  cp.changed();
  return cp.ops.start(name, "Database", () =>
    cp.serialize([branch.name], async () => {
      try {
        await cp.dataPlane.createDatabase(branch.name, pgName, owner);
      } catch (err) {
        cp.state.databases.delete(name);
        cp.changed();
        throw err;
      }
      return view(db);
    }),
  );
}

function updateDatabase(cp: ControlPlane, req: Req): Json {
  const db = findDatabase(cp.state, req.params.p!, req.params.b!, req.params.d!);
  const mask = readUpdateMask(req.query, req.body, DATABASE_MASK_PATHS);
  return update(cp, db, req.body, mask);
}

/** Rename and owner change happen for real in Postgres (ALTER DATABASE). */
function update(cp: ControlPlane, db: DatabaseRec, body: Json, mask: string[] | undefined): Json {
  const spec = obj(body.spec);
  const sql: string[] = [];
  const oldName = String(db.status.postgres_database);
  if (selected(mask, body, "spec.postgres_database") && typeof spec.postgres_database === "string" && spec.postgres_database && spec.postgres_database !== oldName) {
    if (cp.state.childrenOf(cp.state.databases, db.parent, "databases").some((d) => d.status.postgres_database === spec.postgres_database)) {
      throw badRequest("database with that name already exists");
    }
    sql.push(`ALTER DATABASE ${quoteIdent(oldName)} RENAME TO ${quoteIdent(spec.postgres_database)}`);
    db.status.postgres_database = spec.postgres_database;
  }
  if (selected(mask, body, "spec.role") && typeof spec.role === "string" && spec.role && spec.role !== db.status.role) {
    const owner = ownerOf(cp, db.parent, spec.role);
    sql.push(`ALTER DATABASE ${quoteIdent(String(db.status.postgres_database))} OWNER TO ${quoteIdent(owner)}`);
    db.status.role = spec.role;
  }
  db.update_time = nowIso();
  cp.changed();
  return cp.ops.start(db.name, "Database", () =>
    cp.serialize([db.parent], async () => {
      await runAsSuperuser(cp, db.parent, sql);
      return view(db);
    }),
  );
}

function deleteDatabase(cp: ControlPlane, req: Req): Json {
  const db = findDatabase(cp.state, req.params.p!, req.params.b!, req.params.d!);
  cp.state.databases.delete(db.name);
  cp.changed();
  return cp.ops.start(db.name, "Database", () =>
    cp.serialize([db.parent], async () => {
      await cp.dataPlane.dropDatabase(db.parent, String(db.status.postgres_database));
      return EMPTY_RESPONSE;
    }),
  );
}
