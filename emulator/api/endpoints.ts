import type { ControlPlane } from "../controlPlane";
import { alreadyExists, badRequest, invalidParam, requiredField } from "../errors";
import { validateResourceId } from "../ids";
import { EMPTY_RESPONSE } from "../operations";
import { nowIso, type EndpointRec, type Json } from "../state";
import { ok, type Req, type Router } from "../http/router";
import { mergeCompute, type Compute } from "./computeSpec";
import { getPath, obj, readUpdateMask, selected } from "./fields";
import { findBranch, findEndpoint, findProject } from "./lookup";
import { listBody, paginate } from "./pagination";
import { closeEndpoint, newEndpointRecord, openEndpoint, view } from "./provision";

const ENDPOINT_MASK_PATHS = [
  "spec",
  "spec.autoscaling_limit_max_cu",
  "spec.autoscaling_limit_min_cu",
  "spec.disabled",
  "spec.group.enable_readable_secondaries",
  "spec.group.max",
  "spec.group.min",
  "spec.settings.pg_settings",
  "spec.suspension",
];
const TYPES = ["ENDPOINT_TYPE_READ_WRITE", "ENDPOINT_TYPE_READ_ONLY"];

export function endpointRoutes(cp: ControlPlane, r: Router, base: string): void {
  const list = `${base}/projects/:p/branches/:b/endpoints`;
  r.add("POST", list, (req) => ok(createEndpoint(cp, req)));
  r.add("GET", list, (req) => {
    const branch = findBranch(cp.state, req.params.p!, req.params.b!);
    const all = cp.state.childrenOf(cp.state.endpoints, branch.name, "endpoints");
    const { page, nextPageToken } = paginate(all, req.query, `${branch.name}/endpoints`);
    return ok(listBody("endpoints", page.map(view), nextPageToken));
  });
  r.add("GET", `${list}/:e`, (req) => ok(view(findEndpoint(cp.state, req.params.p!, req.params.b!, req.params.e!))));
  r.add("PATCH", `${list}/:e`, (req) => ok(updateEndpoint(cp, req)));
  r.add("DELETE", `${list}/:e`, (req) => ok(deleteEndpoint(cp, req)));
}

function currentCompute(ep: EndpointRec): Compute {
  const s = ep.status;
  return {
    autoscaling_limit_min_cu: Number(s.autoscaling_limit_min_cu),
    autoscaling_limit_max_cu: Number(s.autoscaling_limit_max_cu),
    ...(s.no_suspension === true ? { no_suspension: true } : { suspend_timeout_duration: String(s.suspend_timeout_duration) }),
  };
}

function createEndpoint(cp: ControlPlane, req: Req): Json {
  const endpointId = req.query.get("endpoint_id") ?? "";
  if (!endpointId) throw requiredField("endpoint_id");
  validateResourceId("endpoint_id", endpointId);
  const project = findProject(cp.state, req.params.p!);
  const branch = findBranch(cp.state, req.params.p!, req.params.b!);
  const name = `${branch.name}/endpoints/${endpointId}`;
  const existing = cp.state.endpoints.get(name);
  if (existing && req.query.get("replace_existing") !== "true") throw alreadyExists("endpoint with such id already exists");
  if (existing) return applyUpdate(cp, existing, req.body, undefined);

  const spec = obj(req.body.spec);
  const type = spec.endpoint_type;
  if (type === undefined || type === "" || type === "ENDPOINT_TYPE_UNSPECIFIED") throw requiredField("endpoint.spec.endpoint_type");
  if (typeof type !== "string" || !TYPES.includes(type)) throw invalidParam(`Field 'endpoint.spec.endpoint_type' must be one of ${TYPES.join(", ")}, got ${JSON.stringify(type)}.`);
  if (type === "ENDPOINT_TYPE_READ_WRITE") {
    const rw = cp.state.childrenOf(cp.state.endpoints, branch.name, "endpoints").find((e) => e.status.endpoint_type === type);
    if (rw) throw badRequest(`Branch '${branch.name}' already has a read-write endpoint ('${rw.name}'). A branch can have only one read-write endpoint.`);
  }
  const defaults = obj(project.status.default_endpoint_settings) as unknown as Compute;
  const base: Compute = {
    autoscaling_limit_min_cu: defaults.autoscaling_limit_min_cu,
    autoscaling_limit_max_cu: defaults.autoscaling_limit_max_cu,
    ...(defaults.no_suspension ? { no_suspension: true } : { suspend_timeout_duration: defaults.suspend_timeout_duration }),
  };
  const compute = mergeCompute("endpoint.spec", base, spec);
  const extra: Json = { disabled: spec.disabled === true };
  if (spec.settings !== undefined) extra.settings = { pg_settings: obj(obj(spec.settings).pg_settings) };
  if (spec.group !== undefined) extra.group = { min: 1, max: 1, enable_readable_secondaries: false, ...obj(spec.group) };
  const ep = newEndpointRecord(branch.name, endpointId, type, compute, extra);
  cp.state.endpoints.set(name, ep);
  cp.changed();
  return cp.ops.start(name, "Endpoint", () =>
    cp.serialize([branch.name], async () => {
      try {
        if (ep.status.disabled !== true) await openEndpoint(cp, ep);
        else ep.status.current_state = "IDLE";
      } catch (err) {
        cp.state.endpoints.delete(name);
        cp.changed();
        throw err;
      }
      return view(ep);
    }),
  );
}

function updateEndpoint(cp: ControlPlane, req: Req): Json {
  const ep = findEndpoint(cp.state, req.params.p!, req.params.b!, req.params.e!);
  const mask = readUpdateMask(req.query, req.body, ENDPOINT_MASK_PATHS);
  return applyUpdate(cp, ep, req.body, mask);
}

function applyUpdate(cp: ControlPlane, ep: EndpointRec, body: Json, mask: string[] | undefined): Json {
  const spec = obj(body.spec);
  const compute = mergeCompute("endpoint.spec", currentCompute(ep), spec, {
    minMax: selected(mask, body, "spec.autoscaling_limit_min_cu") || selected(mask, body, "spec.autoscaling_limit_max_cu"),
    suspension: mask ? selected(mask, body, "spec.suspension") : spec.suspend_timeout_duration !== undefined || spec.no_suspension !== undefined,
  });
  delete ep.status.suspend_timeout_duration;
  delete ep.status.no_suspension;
  Object.assign(ep.status, compute);
  if (selected(mask, body, "spec.settings.pg_settings") && getPath(body, "spec.settings.pg_settings") !== undefined) {
    ep.status.settings = { pg_settings: obj(getPath(body, "spec.settings.pg_settings")) };
  }
  for (const k of ["min", "max", "enable_readable_secondaries"]) {
    const v = getPath(body, `spec.group.${k}`);
    if (selected(mask, body, `spec.group.${k}`) && v !== undefined) ep.status.group = { ...obj(ep.status.group), [k]: v };
  }
  const wasDisabled = ep.status.disabled === true;
  if (selected(mask, body, "spec.disabled") && typeof spec.disabled === "boolean") ep.status.disabled = spec.disabled;
  const nowDisabled = ep.status.disabled === true;
  ep.update_time = nowIso();
  cp.changed();
  return cp.ops.start(ep.name, "Endpoint", () =>
    cp.serialize([ep.parent], async () => {
      // A disabled endpoint accepts no connections: its front door closes.
      if (!wasDisabled && nowDisabled) await closeEndpoint(cp, ep);
      if (wasDisabled && !nowDisabled) await openEndpoint(cp, ep);
      return view(ep);
    }),
  );
}

function deleteEndpoint(cp: ControlPlane, req: Req): Json {
  const ep = findEndpoint(cp.state, req.params.p!, req.params.b!, req.params.e!);
  if (cp.state.branches.get(ep.parent)?.status.is_protected === true) {
    throw badRequest(`cannot delete endpoint '${ep.name}' of protected branch '${ep.parent}'`);
  }
  if (ep.status.endpoint_type === "ENDPOINT_TYPE_READ_WRITE") {
    throw badRequest(`Cannot delete read-write endpoint '${ep.name}'. Read-write endpoints cannot be deleted.`, true);
  }
  cp.state.endpoints.delete(ep.name);
  cp.changed();
  return cp.ops.start(ep.name, "Endpoint", () =>
    cp.serialize([ep.parent], async () => {
      await closeEndpoint(cp, ep);
      return EMPTY_RESPONSE;
    }),
  );
}
