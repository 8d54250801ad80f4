import type { ControlPlane } from "../controlPlane";
import { ApiError, invalidParam, requiredField } from "../errors";
import { ok, type Router } from "../http/router";
import { parseDuration, parseTime } from "./fields";
import { findEndpoint, parseEndpointName } from "./lookup";

/** Requested lifetimes must lie within 300 s – 1 h (reference §1.2). */
const MIN_TTL_S = 300;
const MAX_TTL_S = 3600;

const CODES: Record<number, string> = {
  400: "INVALID_PARAMETER_VALUE",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "REQUEST_LIMIT_EXCEEDED",
  500: "INTERNAL_ERROR",
  503: "TEMPORARILY_UNAVAILABLE",
};

export function credentialRoutes(cp: ControlPlane, r: Router, base: string): void {
  r.add("POST", `${base}/credentials`, (req) => {
    const fault = cp.faults.takeCredentialFault();
    if (fault) {
      const headers: Record<string, string> = fault.status === 429 || fault.status === 503 ? { "retry-after": "1" } : {};
      throw new ApiError(fault.status, CODES[fault.status] ?? "INTERNAL_ERROR", `Could not generate a database credential (emulator fault, HTTP ${fault.status}).`, undefined, {}, headers);
    }
    const endpoint = req.body.endpoint;
    if (typeof endpoint !== "string" || !endpoint) throw requiredField("endpoint");
    const parsed = parseEndpointName(endpoint);
    if (!parsed) {
      throw invalidParam(`Field 'endpoint' must be an endpoint name such as 'projects/p/branches/b/endpoints/e', got '${endpoint}'.`);
    }
    const ep = findEndpoint(cp.state, parsed.p, parsed.b, parsed.e);

    let requested: number | undefined;
    if (req.body.ttl !== undefined && req.body.expire_time !== undefined) throw invalidParam("Set at most one of 'ttl' and 'expire_time'.");
    if (req.body.ttl !== undefined) requested = parseDuration("ttl", req.body.ttl);
    if (req.body.expire_time !== undefined) requested = (parseTime("expire_time", req.body.expire_time) - Date.now()) / 1000;
    // expire_time gets 2 s of slack for the trip from the client's clock; ttl none.
    const slack = req.body.expire_time !== undefined ? 2 : 0;
    if (requested !== undefined && (requested < MIN_TTL_S - slack || requested > MAX_TTL_S + slack)) {
      throw invalidParam(`The credential lifetime must be between ${MIN_TTL_S}s and ${MAX_TTL_S}s, got ${Math.round(requested)}s.`);
    }
    // The test-only knob wins over what the client asked for.
    const lifetime = cp.faults.credentialLifetimeSeconds ?? requested ?? cp.credentialTtlSeconds;
    const cred = cp.auth.issueCredential(req.identity, ep.name, lifetime);
    return ok({ token: cred.token, expire_time: new Date(cred.expiresAt).toISOString().replace(/\.\d{3}Z$/, "Z") });
  });
}
