import assert from "node:assert/strict";
import { DatabricksApiError } from "../../../src/core/http/errors";
import { describeEndpoint, endpointHost } from "../../../src/core/lakebase/describe";
import { collect } from "../../../src/core/lakebase/paging";
import { useEmulator } from "../../support/emulator";
import { controlPlaneOnly, lakebaseClient } from "./emulatorClient";

const PROD = "projects/compute/branches/production";
const PRIMARY = `${PROD}/endpoints/primary`;

describe("lakebase client: endpoints, databases, roles, credentials", () => {
  const emu = useEmulator({ operationPolls: 0, dataPlaneFactory: controlPlaneOnly });
  before(async () => {
    await lakebaseClient(emu()).createProjectAndWait("compute");
  });

  it("lists and gets the primary read-write endpoint with its host and autoscaling range", async () => {
    const c = lakebaseClient(emu());
    const eps = await collect(c.listEndpoints(PROD));
    assert.deepEqual(eps.map((e) => e.name), [PRIMARY]);
    const ep = await c.getEndpoint(PRIMARY);
    assert.equal(ep.status?.endpoint_type, "ENDPOINT_TYPE_READ_WRITE");
    assert.equal(endpointHost(ep), emu().postgres.endpoint(PRIMARY)?.host);
    assert.match(describeEndpoint(ep), /^(ACTIVE|IDLE) · read-write · [\d.]+(–[\d.]+)? CU$/);
  });

  it("creates, updates and deletes a read-only endpoint", async () => {
    const c = lakebaseClient(emu());
    const ro = await c.waitForOperation(await c.createEndpoint(PROD, "reader", { endpoint_type: "ENDPOINT_TYPE_READ_ONLY", autoscaling_limit_min_cu: 0.5, autoscaling_limit_max_cu: 2 }));
    assert.equal(ro.name, `${PROD}/endpoints/reader`);
    assert.equal(ro.status?.autoscaling_limit_max_cu, 2);

    const up = await c.waitForOperation(await c.updateEndpoint(ro.name, { spec: { autoscaling_limit_max_cu: 4 } }, "spec.autoscaling_limit_max_cu"));
    assert.equal(up.status?.autoscaling_limit_max_cu, 4);
    assert.match(describeEndpoint(up), /read-only · 0\.5–4 CU/);

    await c.waitForOperation(await c.deleteEndpoint(ro.name));
    await assert.rejects(c.getEndpoint(ro.name), (e: unknown) => e instanceof DatabricksApiError && e.status === 404);
  });

  it("surfaces the API's 400 for a second read-write endpoint and a missing endpoint_type", async () => {
    const c = lakebaseClient(emu());
    await assert.rejects(c.createEndpoint(PROD, "second", { endpoint_type: "ENDPOINT_TYPE_READ_WRITE" }), (e: unknown) =>
      e instanceof DatabricksApiError && e.status === 400 && /already has a read-write endpoint/.test(e.message));
    await assert.rejects(c.createEndpoint(PROD, "untyped", {}), (e: unknown) =>
      e instanceof DatabricksApiError && e.errorCode === "INVALID_PARAMETER_VALUE" && /endpoint_type/.test(e.message));
  });

  it("creates a role (identity type, auth method, membership) and deletes it with reassign_owned_to", async () => {
    const c = lakebaseClient(emu());
    const role = await c.waitForOperation(await c.createRole(PROD, "app-user", {
      postgres_role: "app_user",
      identity_type: "SERVICE_PRINCIPAL",
      auth_method: "PG_PASSWORD_SCRAM_SHA_256",
      membership_roles: ["DATABRICKS_SUPERUSER"],
    }));
    assert.equal(role.name, `${PROD}/roles/app-user`);
    assert.equal(role.status?.postgres_role, "app_user");
    assert.equal(role.status?.auth_method, "PG_PASSWORD_SCRAM_SHA_256");
    assert.deepEqual(role.status?.membership_roles, ["DATABRICKS_SUPERUSER"]);
    assert.ok((await collect(c.listRoles(PROD))).some((r) => r.name === role.name));
    assert.equal((await c.getRole(role.name)).status?.identity_type, "SERVICE_PRINCIPAL");

    const owner = (await collect(c.listRoles(PROD))).find((r) => r.status?.postgres_role === emu().identities.user.email)!;
    await c.waitForOperation(await c.deleteRole(role.name, { reassignOwnedTo: owner.name }));
    await assert.rejects(c.getRole(role.name), (e: unknown) => e instanceof DatabricksApiError && e.status === 404);
  });

  it("surfaces the API's refusal of NO_LOGIN roles and validates role ids locally", async () => {
    const c = lakebaseClient(emu());
    await assert.rejects(c.createRole(PROD, "nologin", { postgres_role: "nologin", identity_type: "USER", auth_method: "NO_LOGIN" }), (e: unknown) =>
      e instanceof DatabricksApiError && e.message === "Creating roles with auth_method NO_LOGIN is not currently supported");
    await assert.rejects(c.createRole(PROD, "ab", { postgres_role: "ab" }), /Role ids are 4–63 characters long/);
  });

  it("surfaces the API's message when a database has no owner role", async () => {
    const c = lakebaseClient(emu());
    await assert.rejects(c.createDatabase(PROD, "noowner", { postgres_database: "noowner", role: "" }), (e: unknown) =>
      e instanceof DatabricksApiError && e.message === `Field 'database.spec.role' is required, expected non-default value (not "")!`);
  });

  it("generates a credential with a parsed expiry; honours ttl", async () => {
    const c = lakebaseClient(emu());
    const cred = await c.generateCredential(PRIMARY);
    assert.ok(cred.token.length > 20);
    const lifetime = cred.expireTime.getTime() - Date.now();
    assert.ok(lifetime > 3500_000 && lifetime <= 3601_000, `default lifetime ~1 h, got ${lifetime} ms`);
    const short = await c.generateCredential(PRIMARY, { ttl: "600s" });
    const l2 = short.expireTime.getTime() - Date.now();
    assert.ok(l2 > 590_000 && l2 <= 601_000, `ttl 600 s, got ${l2} ms`);
    assert.equal(emu().checkToken(short.token, emu().identities.user.email, PRIMARY), "ok");
  });

  it("surfaces a credential ttl the API refuses, and retries an injected 503", async () => {
    const c = lakebaseClient(emu());
    await assert.rejects(c.generateCredential(PRIMARY, { ttl: "10s" }), (e: unknown) => e instanceof DatabricksApiError && e.status === 400 && /between 300s and 3600s/.test(e.message));
    emu().faults.failNextCalls(1, 503, { retryAfterSeconds: 0, pathPrefix: "/api/2.0/postgres/credentials" });
    assert.ok((await c.generateCredential(PRIMARY)).token);
  });
});
