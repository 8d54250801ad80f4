import type { ControlPlane } from "../controlPlane";
import { alreadyExists, ApiError, badRequest, invalidParam, notFound, requiredField } from "../errors";
import { validateResourceId } from "../ids";
import { EMPTY_RESPONSE } from "../operations";
import { nowIso, type BranchRec, type Json } from "../state";
import { ok, type Req, type Router } from "../http/router";
import type { Compute } from "./computeSpec";
import { obj, parseDuration, parseTime, readUpdateMask, selected } from "./fields";
import { branchName, findBranch, findProject, isDeleted } from "./lookup";
import { listBody, paginate } from "./pagination";
import { closeEndpoint, markReady, newBranchRecord, newEndpointRecord, openEndpoint, view } from "./provision";

const BRANCH_MASK_PATHS = ["spec", "spec.is_protected", "spec.expiration"];
const SOFT_DELETE_RETENTION_S = 7 * 24 * 3600;

export function branchRoutes(cp: ControlPlane, r: Router, base: string): void {
  const one = `${base}/projects/:p/branches/:b`;
  r.add("POST", `${base}/projects/:p/branches`, (req) => ok(createBranch(cp, req)));
  r.add("GET", `${base}/projects/:p/branches`, (req) => {
    const project = findProject(cp.state, req.params.p!);
    const showDeleted = req.query.get("show_deleted") === "true";
    const all = cp.state.childrenOf(cp.state.branches, project.name, "branches").filter((b) => showDeleted || !isDeleted(b));
    const { page, nextPageToken } = paginate(all, req.query, `${project.name}/branches`);
    return ok(listBody("branches", page.map(view), nextPageToken));
  });
  r.add("GET", one, (req) => ok(view(findBranch(cp.state, req.params.p!, req.params.b!, true))));
  r.add("PATCH", one, (req) => ok(updateBranch(cp, req)));
  r.add("DELETE", one, (req) => ok(deleteBranch(cp, req)));
  r.add("POST", `${one}/undelete`, (req) => ok(undeleteBranch(cp, req)));
}

/** Exactly one of ttl / expire_time / no_expiry (reference §1.2). Returns the expire_time, or undefined for no expiry. */
function readExpiry(spec: Json): string | undefined {
  // Present is present (a oneof member sent as false or "" still selects it); JSON null is absent.
  const given = ["ttl", "expire_time", "no_expiry"].filter((k) => spec[k] !== undefined && spec[k] !== null);
  if (given.length !== 1) {
    throw invalidParam(
      `Exactly one of 'spec.ttl', 'spec.expire_time' or 'spec.no_expiry' must be set, got ${given.length === 0 ? "none" : given.map((k) => `'spec.${k}'`).join(" and ")}.`,
    );
  }
  if (given[0] === "no_expiry") {
    if (spec.no_expiry !== true) throw invalidParam("Field 'spec.no_expiry' must be true when set.");
    return undefined;
  }
  const at = given[0] === "ttl" ? Date.now() + parseDuration("spec.ttl", spec.ttl) * 1000 : parseTime("spec.expire_time", spec.expire_time);
  if (at <= Date.now()) throw invalidParam("The branch expiration must be in the future.");
  return new Date(at).toISOString();
}

function createBranch(cp: ControlPlane, req: Req): Json {
  const branchId = req.query.get("branch_id") ?? "";
  if (!branchId) throw requiredField("branch_id");
  validateResourceId("branch_id", branchId);
  const project = findProject(cp.state, req.params.p!);
  const name = branchName(req.params.p!, branchId);
  const spec = obj(req.body.spec);
  const existing = cp.state.branches.get(name);
  if (existing) {
    if (req.query.get("replace_existing") !== "true") throw alreadyExists("branch with such id already exists");
    applyBranchSpec(existing, spec, undefined);
    cp.changed();
    return cp.ops.start(name, "Branch", async () => view(existing));
  }

  const sourceName = typeof spec.source_branch === "string" && spec.source_branch ? spec.source_branch : String(project.status.default_branch);
  const source = cp.state.branches.get(sourceName);
  if (!source || source.parent !== project.name || isDeleted(source)) {
    if (!/^projects\/[^/]+\/branches\/[^/]+$/.test(sourceName)) throw invalidParam(`Field 'spec.source_branch' must be a branch name such as 'projects/p/branches/b', got '${sourceName}'.`);
    throw notFound("branch");
  }
  const expireTime = readExpiry(spec);
  assertUnderBranchLimit(cp, project.name);
  const branch = newBranchRecord(project.name, branchId, {
    is_protected: spec.is_protected === true,
    source_branch: source.name,
    source_branch_time: typeof spec.source_branch_time === "string" ? spec.source_branch_time : nowIso(),
    ...(expireTime ? { expire_time: expireTime } : {}),
  });
  const defaults = obj(project.status.default_endpoint_settings) as unknown as Compute;
  const endpoint = newEndpointRecord(branch.name, "primary", "ENDPOINT_TYPE_READ_WRITE", {
    autoscaling_limit_min_cu: defaults.autoscaling_limit_min_cu,
    autoscaling_limit_max_cu: defaults.autoscaling_limit_max_cu,
    ...(defaults.no_suspension ? { no_suspension: true } : { suspend_timeout_duration: defaults.suspend_timeout_duration }),
  }, {}, true);
  cp.state.branches.set(branch.name, branch);
  cp.state.endpoints.set(endpoint.name, endpoint);
  copyCatalog(cp, source, branch);
  cp.changed();

  return cp.ops.start(name, "Branch", () =>
    cp.serialize([source.name, branch.name], async () => {
      try {
        const atTime = typeof spec.source_branch_time === "string" ? spec.source_branch_time : undefined;
        const { lsn } = await cp.dataPlane.createBranch(branch.name, { copyFrom: source.name, ...(atTime ? { atTime } : {}) });
        branch.status.source_branch_lsn = lsn;
        await openEndpoint(cp, endpoint);
      } catch (err) {
        cp.state.removeTree(branch.name);
        cp.changed();
        await cp.dataPlane.deleteBranch(branch.name).catch(() => undefined);
        throw err;
      }
      markReady(cp, branch);
      return view(branch);
    }),
  );
}

/**
 * The project's branch limit, when a test set one (the service documents 10 unarchived branches
 * per project; the emulator never archives, so every live branch counts). The service's exact
 * error for it is UNCONFIRMED: 400 RESOURCE_EXHAUSTED with a message naming the limit.
 */
function assertUnderBranchLimit(cp: ControlPlane, project: string): void {
  const max = cp.faults.branchLimit;
  if (max === undefined) return;
  const live = cp.state.childrenOf(cp.state.branches, project, "branches").filter((b) => !isDeleted(b)).length;
  if (live >= max) {
    throw new ApiError(400, "RESOURCE_EXHAUSTED", `Project '${project}' has reached its limit of ${max} branches. Delete a branch you no longer need, then try again.`, "RESOURCE_LIMIT_EXCEEDED");
  }
}

/** The copy has the source's databases and roles (the Postgres catalog came with the data). */
function copyCatalog(cp: ControlPlane, source: BranchRec, target: BranchRec): void {
  const now = nowIso();
  for (const role of cp.state.childrenOf(cp.state.roles, source.name, "roles")) {
    const name = `${target.name}/roles/${role.role_id}`;
    cp.state.roles.set(name, { ...structuredClone(role), name, parent: target.name, create_time: now, update_time: now });
  }
  for (const db of cp.state.childrenOf(cp.state.databases, source.name, "databases")) {
    const name = `${target.name}/databases/${db.database_id}`;
    const status = structuredClone(db.status);
    if (typeof status.role === "string") status.role = status.role.replace(`${source.name}/`, `${target.name}/`);
    cp.state.databases.set(name, { ...db, name, parent: target.name, create_time: now, update_time: now, status });
  }
}

function applyBranchSpec(branch: BranchRec, spec: Json, mask: string[] | undefined): void {
  const body = { spec };
  if (selected(mask, body, "spec.is_protected") && typeof spec.is_protected === "boolean") branch.status.is_protected = spec.is_protected;
  const expirySent = [spec.ttl, spec.expire_time, spec.no_expiry].some((v) => v !== undefined && v !== null);
  if ((mask ? selected(mask, body, "spec.expiration") : true) && expirySent) {
    const at = readExpiry(spec);
    if (at) branch.status.expire_time = at;
    else delete branch.status.expire_time;
  }
  branch.update_time = nowIso();
}

function updateBranch(cp: ControlPlane, req: Req): Json {
  const branch = findBranch(cp.state, req.params.p!, req.params.b!);
  const mask = readUpdateMask(req.query, req.body, BRANCH_MASK_PATHS);
  applyBranchSpec(branch, obj(req.body.spec), mask);
  cp.changed();
  return cp.ops.start(branch.name, "Branch", async () => view(branch));
}

function deleteBranch(cp: ControlPlane, req: Req): Json {
  const purge = req.query.get("purge") === "true";
  const branch = findBranch(cp.state, req.params.p!, req.params.b!, purge);
  // Protection is checked first, as the service does (the CLI's fake of it agrees).
  if (branch.status.is_protected === true) throw badRequest("cannot delete protected branch");
  if (branch._root) {
    throw badRequest(`Cannot delete root branch '${branch.name}'. Root branches cannot be deleted independently.`, true);
  }
  if (branch.status.default === true) throw badRequest(`Cannot delete the default branch '${branch.name}'. Make another branch the default first.`);
  if (purge) return cp.ops.start(branch.name, "Branch", async () => { await removeBranch(cp, branch); return EMPTY_RESPONSE; });
  const endpoints = cp.state.childrenOf(cp.state.endpoints, branch.name, "endpoints");
  branch.status.delete_time = nowIso();
  branch.status.purge_time = nowIso(SOFT_DELETE_RETENTION_S);
  cp.changed();
  return cp.ops.start(branch.name, "Branch", () =>
    cp.serialize([branch.name], async () => {
      for (const ep of endpoints) await closeEndpoint(cp, ep);
      // Nothing runs for a deleted branch (a rehearsal's copy must not keep a Postgres); undelete starts it again.
      await cp.dataPlane.stopBranch(branch.name);
      return EMPTY_RESPONSE;
    }),
  );
}

/**
 * Removes a branch for good: its records at once, then (in order with earlier work on it) its
 * front doors and its Postgres. Used by `purge=true` and by the expiry reaper.
 */
export function removeBranch(cp: ControlPlane, branch: BranchRec): Promise<void> {
  const endpoints = cp.state.childrenOf(cp.state.endpoints, branch.name, "endpoints");
  cp.state.removeTree(branch.name);
  cp.changed();
  return cp.serialize([branch.name], async () => {
    for (const ep of endpoints) await closeEndpoint(cp, ep);
    await cp.dataPlane.deleteBranch(branch.name);
  });
}

function undeleteBranch(cp: ControlPlane, req: Req): Json {
  findProject(cp.state, req.params.p!);
  const branch = cp.state.branches.get(branchName(req.params.p!, req.params.b!));
  if (!branch) throw notFound("branch");
  if (!isDeleted(branch)) throw badRequest(`Branch '${branch.name}' is not deleted.`);
  delete branch.status.delete_time;
  delete branch.status.purge_time;
  branch.update_time = nowIso();
  cp.changed();
  return cp.ops.start(branch.name, "Branch", () =>
    cp.serialize([branch.name], async () => {
      for (const ep of cp.state.childrenOf(cp.state.endpoints, branch.name, "endpoints")) {
        if (ep.status.disabled !== true) await openEndpoint(cp, ep);
      }
      return view(branch);
    }),
  );
}
