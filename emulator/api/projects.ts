import type { ControlPlane } from "../controlPlane";
import { alreadyExists, badRequest, invalidParam, notFound, requiredField } from "../errors";
import { validateResourceId } from "../ids";
import { EMPTY_RESPONSE } from "../operations";
import { nowIso, type Json, type ProjectRec } from "../state";
import { ok, type Req, type Router } from "../http/router";
import { DEFAULT_MAX_CU, DEFAULT_MIN_CU, DEFAULT_SUSPEND, mergeCompute, type Compute } from "./computeSpec";
import { getPath, obj, parseDuration, readUpdateMask, selected } from "./fields";
import { findProject, isDeleted, projectName } from "./lookup";
import { listBody, paginate } from "./pagination";
import {
  DEFAULT_DATABASE,
  DEFAULT_DATABASE_ID,
  closeEndpoint,
  markReady,
  newBranchRecord,
  newDatabaseRecord,
  newEndpointRecord,
  openEndpoint,
  ownerRoleRecord,
  view,
} from "./provision";

const PROJECT_MASK_PATHS = [
  "spec",
  "initial_branch_spec",
  "initial_endpoint_spec",
  "spec.budget_policy_id",
  "spec.custom_tags",
  "spec.default_branch",
  "spec.default_endpoint_settings",
  "spec.default_endpoint_settings.autoscaling_limit_max_cu",
  "spec.default_endpoint_settings.autoscaling_limit_min_cu",
  "spec.default_endpoint_settings.pg_settings",
  "spec.default_endpoint_settings.suspension",
  "spec.display_name",
  "spec.enable_pg_native_login",
  "spec.history_retention_duration",
];

/** Retention of soft-deleted projects and branches before purge. */
const SOFT_DELETE_RETENTION_S = 7 * 24 * 3600;

export function projectRoutes(cp: ControlPlane, r: Router, base: string): void {
  r.add("POST", `${base}/projects`, (req) => ok(createProject(cp, req)));
  r.add("GET", `${base}/projects`, (req) => {
    const showDeleted = req.query.get("show_deleted") === "true";
    const all = [...cp.state.projects.values()].filter((p) => showDeleted || !isDeleted(p));
    const { page, nextPageToken } = paginate(all, req.query, "projects");
    return ok(listBody("projects", page.map(view), nextPageToken));
  });
  r.add("GET", `${base}/projects/:p`, (req) => ok(view(findProject(cp.state, req.params.p!, true))));
  r.add("PATCH", `${base}/projects/:p`, (req) => ok(updateProject(cp, req)));
  r.add("DELETE", `${base}/projects/:p`, (req) => ok(deleteProject(cp, req)));
  r.add("POST", `${base}/projects/:p/undelete`, (req) => ok(undeleteProject(cp, req.params.p!)));
}

function createProject(cp: ControlPlane, req: Req): Json {
  const projectId = req.query.get("project_id") ?? "";
  if (!projectId) throw requiredField("project_id");
  validateResourceId("project_id", projectId);
  const name = projectName(projectId);
  if (cp.state.projects.has(name)) throw alreadyExists("project with such id already exists in the workspace");

  const spec = obj(req.body.spec);
  const defaults = mergeCompute("spec.default_endpoint_settings", defaultCompute(), obj(spec.default_endpoint_settings));
  const primaryCompute = mergeCompute("initial_endpoint_spec", defaults, obj(req.body.initial_endpoint_spec));
  const retention = spec.history_retention_duration !== undefined ? readRetention(spec.history_retention_duration) : 604800;
  const now = nowIso();
  const project: ProjectRec = {
    name,
    project_id: projectId,
    uid: cryptoUid(),
    create_time: now,
    update_time: now,
    status: {
      project_id: projectId,
      display_name: typeof spec.display_name === "string" && spec.display_name ? spec.display_name : projectId,
      // What its branches really run: the emulator has one PostgreSQL (the service offers a choice).
      pg_version: cp.dataPlane.postgresMajorVersion(),
      owner: req.identity.userName,
      default_branch: `${name}/branches/production`,
      default_endpoint_settings: { ...defaults, pg_settings: obj(obj(spec.default_endpoint_settings).pg_settings) },
      history_retention_duration: `${retention}s`,
      enable_pg_native_login: spec.enable_pg_native_login === true,
      branch_logical_size_limit_bytes: 8796093022208,
      synthetic_storage_size_bytes: 0,
      ...(typeof spec.budget_policy_id === "string" ? { budget_policy_id: spec.budget_policy_id } : {}),
      ...(Array.isArray(spec.custom_tags) ? { custom_tags: spec.custom_tags } : {}),
    },
  };
  const branch = newBranchRecord(name, "production", { default: true, is_protected: obj(req.body.initial_branch_spec).is_protected === true }, true);
  const endpoint = newEndpointRecord(branch.name, "primary", "ENDPOINT_TYPE_READ_WRITE", primaryCompute, {}, true);
  const owner = ownerRoleRecord(branch.name, req.identity);
  const database = newDatabaseRecord(branch.name, DEFAULT_DATABASE_ID, DEFAULT_DATABASE, owner.name);
  cp.state.projects.set(name, project);
  cp.state.branches.set(branch.name, branch);
  cp.state.endpoints.set(endpoint.name, endpoint);
  cp.state.roles.set(owner.name, owner);
  cp.state.databases.set(database.name, database);
  cp.changed();

  return cp.ops.start(name, "Project", () =>
    cp.serialize([branch.name], async () => {
      try {
        // Cheap on purpose (no Postgres starts): the template already holds
        // databricks_postgres, and the front door creates the owner's login role
        // (in databricks_superuser) at its first login.
        await cp.dataPlane.createBranch(branch.name);
        await openEndpoint(cp, endpoint);
      } catch (err) {
        // A project the data plane could not build must not linger half-made.
        cp.state.removeTree(name);
        cp.changed();
        await cp.dataPlane.deleteBranch(branch.name).catch(() => undefined);
        throw err;
      }
      markReady(cp, branch);
      return view(project);
    }),
  );
}

function updateProject(cp: ControlPlane, req: Req): Json {
  const project = findProject(cp.state, req.params.p!);
  const mask = readUpdateMask(req.query, req.body, PROJECT_MASK_PATHS);
  const b = req.body;
  const st = project.status;
  // Validated before anything changes: a refused PATCH changes nothing.
  const retentionValue = selected(mask, b, "spec.history_retention_duration") ? getPath(b, "spec.history_retention_duration") : undefined;
  const retention = retentionValue !== undefined ? readRetention(retentionValue) : undefined;
  if (selected(mask, b, "spec.display_name") && typeof getPath(b, "spec.display_name") === "string") st.display_name = getPath(b, "spec.display_name");
  if (retention !== undefined) st.history_retention_duration = `${retention}s`;
  if (selected(mask, b, "spec.enable_pg_native_login") && typeof getPath(b, "spec.enable_pg_native_login") === "boolean") st.enable_pg_native_login = getPath(b, "spec.enable_pg_native_login");
  if (selected(mask, b, "spec.budget_policy_id") && typeof getPath(b, "spec.budget_policy_id") === "string") st.budget_policy_id = getPath(b, "spec.budget_policy_id");
  if (selected(mask, b, "spec.custom_tags") && Array.isArray(getPath(b, "spec.custom_tags"))) st.custom_tags = getPath(b, "spec.custom_tags");
  if (selected(mask, b, "spec.default_endpoint_settings")) {
    const des = obj(getPath(b, "spec.default_endpoint_settings"));
    const current = obj(st.default_endpoint_settings);
    const merged = mergeCompute("spec.default_endpoint_settings", current as unknown as Compute, des, {
      minMax: true,
      suspension: selected(mask, b, "spec.default_endpoint_settings.suspension") || !mask,
    });
    st.default_endpoint_settings = { ...merged, pg_settings: des.pg_settings !== undefined ? obj(des.pg_settings) : obj(current.pg_settings) };
  }
  if (selected(mask, b, "spec.default_branch") && typeof getPath(b, "spec.default_branch") === "string") {
    const target = String(getPath(b, "spec.default_branch"));
    const br = cp.state.branches.get(target);
    if (!br || br.parent !== project.name) throw invalidParam(`Field 'spec.default_branch' must name a branch of ${project.name}, got '${target}'.`);
    for (const other of cp.state.childrenOf(cp.state.branches, project.name, "branches")) other.status.default = other === br;
    st.default_branch = target;
  }
  project.update_time = nowIso();
  cp.changed();
  return cp.ops.start(project.name, "Project", async () => view(project));
}

function deleteProject(cp: ControlPlane, req: Req): Json {
  const purge = req.query.get("purge") === "true";
  const project = findProject(cp.state, req.params.p!, purge);
  const branches = cp.state.childrenOf(cp.state.branches, project.name, "branches");
  const guarded = branches.find((b) => b.status.is_protected === true && !isDeleted(b));
  if (guarded) throw badRequest(`cannot delete project '${project.name}' with protected branch '${guarded.name}'`);
  const endpoints = branches.flatMap((b) => cp.state.childrenOf(cp.state.endpoints, b.name, "endpoints"));
  if (purge) {
    cp.state.removeTree(project.name);
  } else {
    project.delete_time = nowIso();
    project.purge_time = nowIso(SOFT_DELETE_RETENTION_S);
  }
  cp.changed();
  return cp.ops.start(project.name, "Project", () =>
    cp.serialize(branches.map((b) => b.name), async () => {
      for (const ep of endpoints) await closeEndpoint(cp, ep);
      if (purge) for (const b of branches) await cp.dataPlane.deleteBranch(b.name);
      else for (const b of branches) await cp.dataPlane.stopBranch(b.name);
      return EMPTY_RESPONSE;
    }),
  );
}

function undeleteProject(cp: ControlPlane, p: string): Json {
  const project = cp.state.projects.get(projectName(p));
  if (!project) throw notFound("project");
  if (!isDeleted(project)) throw badRequest(`Project '${project.name}' is not deleted.`);
  delete project.delete_time;
  delete project.purge_time;
  project.update_time = nowIso();
  cp.changed();
  const branches = cp.state.childrenOf(cp.state.branches, project.name, "branches").filter((b) => !isDeleted(b));
  return cp.ops.start(project.name, "Project", () =>
    cp.serialize(branches.map((b) => b.name), async () => {
      for (const b of branches) {
        for (const ep of cp.state.childrenOf(cp.state.endpoints, b.name, "endpoints")) {
          if (ep.status.disabled !== true) await openEndpoint(cp, ep);
        }
      }
      return view(project);
    }),
  );
}

/** Reference §7: history retention is 2 to 35 days. */
const RETENTION_MIN_S = 172800;
const RETENTION_MAX_S = 3024000;

function readRetention(value: unknown): number {
  const field = "spec.history_retention_duration";
  const seconds = parseDuration(field, value);
  if (seconds < RETENTION_MIN_S || seconds > RETENTION_MAX_S) {
    throw invalidParam(`Field '${field}' must be between ${RETENTION_MIN_S}s (2 days) and ${RETENTION_MAX_S}s (35 days), got ${JSON.stringify(value)}.`);
  }
  return seconds;
}

function defaultCompute(): Compute {
  return { autoscaling_limit_min_cu: DEFAULT_MIN_CU, autoscaling_limit_max_cu: DEFAULT_MAX_CU, suspend_timeout_duration: DEFAULT_SUSPEND };
}

function cryptoUid(): string {
  return globalThis.crypto.randomUUID();
}
