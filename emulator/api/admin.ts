import type { EmulatorFaults } from "../emulatorFaults";
import { invalidParam } from "../errors";
import type { CallFault } from "../faultState";
import type { RequestLog } from "../http/requestLog";
import { ok, type Router } from "../http/router";
import type { State } from "../state";

/**
 * Test-only routes under /__emulator/ so a test in another process (e.g. inside
 * VS Code) can drive faults and read the request log. Loopback only, no auth.
 */
export function adminRoutes(r: Router, deps: { faults: EmulatorFaults; requestLog: RequestLog; state: State; suspendEndpoint: (name: string, wakeMs: number) => Promise<number> }): void {
  const { faults, requestLog, state } = deps;
  r.add("GET", "/__emulator/health", () => ok({ ok: true }));
  r.add("GET", "/__emulator/requests", (req) =>
    ok({ requests: requestLog.list({ method: req.query.get("method") ?? undefined, pathPrefix: req.query.get("path_prefix") ?? undefined }) }),
  );
  r.add("DELETE", "/__emulator/requests", () => {
    requestLog.clear();
    return ok({});
  });
  r.add("GET", "/__emulator/endpoints", () =>
    ok({
      endpoints: [...state.endpoints.values()].map((e) => ({ name: e.name, state: e.status.current_state, host: e._address?.host, port: e._address?.port })),
    }),
  );
  r.add("POST", "/__emulator/faults/calls", (req) => {
    const count = num(req.body.count, "count");
    const raw = req.body.kind;
    const kind = (raw === "hang" ? "hang" : Number(raw)) as CallFault;
    if (kind !== "hang" && kind !== 429 && kind !== 500 && kind !== 503) throw invalidParam(`'kind' must be 429, 500, 503 or "hang", got ${JSON.stringify(raw)}`);
    faults.failNextCalls(count, kind, {
      retryAfterSeconds: req.body.retryAfterSeconds === undefined ? undefined : num(req.body.retryAfterSeconds, "retryAfterSeconds"),
      pathPrefix: typeof req.body.pathPrefix === "string" ? req.body.pathPrefix : undefined,
      method: typeof req.body.method === "string" ? req.body.method : undefined,
    });
    return ok({});
  });
  r.add("POST", "/__emulator/faults/credentials", (req) => {
    faults.failCredentials(num(req.body.status, "status"), req.body.count === undefined ? undefined : num(req.body.count, "count"));
    return ok({});
  });
  r.add("DELETE", "/__emulator/faults", () => {
    faults.clear();
    return ok({});
  });
  r.add("POST", "/__emulator/credentials/expire-all", () => ok({ expired: faults.expireAllCredentials() }));
  r.add("POST", "/__emulator/credentials/lifetime", (req) => {
    faults.setCredentialLifetime(req.body.seconds === null || req.body.seconds === undefined ? undefined : num(req.body.seconds, "seconds"));
    return ok({});
  });
  r.add("POST", "/__emulator/workspace-tokens/revoke", (req) => {
    if (typeof req.body.token !== "string") throw invalidParam("'token' must be a string");
    return ok({ revoked: faults.revokeWorkspaceToken(req.body.token) });
  });
  r.add("POST", "/__emulator/workspace-tokens/lifetime", (req) => {
    faults.setWorkspaceTokenLifetime(num(req.body.seconds, "seconds"));
    return ok({});
  });
  r.add("POST", "/__emulator/operations/timing", (req) => {
    faults.setOperationTiming(num(req.body.polls, "polls"), req.body.minMs === undefined ? 0 : num(req.body.minMs, "minMs"));
    return ok({});
  });
  r.add("POST", "/__emulator/dataplane/drop-sessions", async () => ok({ dropped: await faults.dropAllSessions() }));
  r.add("POST", "/__emulator/limits/branches", (req) => {
    const max = req.body.max === null || req.body.max === undefined ? undefined : num(req.body.max, "max");
    if (max !== undefined && !(Number.isInteger(max) && max >= 1)) throw invalidParam(`'max' must be an integer >= 1 or null, got ${JSON.stringify(req.body.max)}`);
    faults.setBranchLimit(max);
    return ok({});
  });
  r.add("POST", "/__emulator/endpoints/suspend", async (req) => {
    if (typeof req.body.endpoint !== "string") throw invalidParam("'endpoint' must be an endpoint resource name");
    const wakeMs = req.body.wakeMs === undefined ? 1500 : num(req.body.wakeMs, "wakeMs");
    return ok({ dropped: await deps.suspendEndpoint(req.body.endpoint, wakeMs) });
  });
  r.add("POST", "/__emulator/dataplane/cold-start", (req) => {
    faults.setColdStart(num(req.body.ms, "ms"));
    return ok({});
  });
}

function num(v: unknown, field: string): number {
  if (typeof v !== "number" || !Number.isFinite(v)) throw invalidParam(`'${field}' must be a number, got ${JSON.stringify(v)}`);
  return v;
}
