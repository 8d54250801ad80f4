import assert from "node:assert/strict";
import { DatabricksApiError } from "../../../src/core/http/errors";
import { describeLakebaseError } from "../../../src/core/lakebase/errors";
import { InvalidResourceIdError } from "../../../src/core/lakebase/ids";
import { collect } from "../../../src/core/lakebase/paging";
import { useEmulator } from "../../support/emulator";
import { controlPlaneOnly, lakebaseClient } from "./emulatorClient";

describe("lakebase client: projects", () => {
  const emu = useEmulator({ operationPolls: 0, dataPlaneFactory: controlPlaneOnly });

  it("creates a project and waits for it through the operation", async () => {
    const c = lakebaseClient(emu());
    const op = await c.createProject("shop", { spec: { display_name: "Shop", pg_version: 17 } });
    assert.match(op.name, /operations\/[^/]+$/);
    const project = await c.waitForOperation(op);
    assert.equal(project.name, "projects/shop");
    assert.equal(project.project_id, "shop");
    assert.equal(project.status?.display_name, "Shop");
    assert.equal(project.status?.default_branch, "projects/shop/branches/production");
    assert.equal(project.status?.owner, emu().identities.user.email);
  });

  it("gets, updates (with update_mask) and lists projects", async () => {
    const c = lakebaseClient(emu());
    await c.createProjectAndWait("catalog");
    const got = await c.getProject("projects/catalog");
    assert.equal(got.status?.display_name, "catalog");

    const updated = await c.waitForOperation(await c.updateProject("projects/catalog", { spec: { display_name: "Catalog" } }, ["spec.display_name"]));
    assert.equal(updated.status?.display_name, "Catalog");

    const names = (await collect(c.listProjects())).map((p) => p.name);
    assert.ok(names.includes("projects/catalog") && names.includes("projects/shop"), names.join(","));
  });

  it("soft-deletes, lists with show_deleted, undeletes, then purges", async () => {
    const c = lakebaseClient(emu());
    await c.createProjectAndWait("scratch");
    await c.waitForOperation(await c.deleteProject("projects/scratch"));
    assert.ok(!(await collect(c.listProjects())).some((p) => p.name === "projects/scratch"), "hidden after delete");
    const deleted = (await collect(c.listProjects({ showDeleted: true }))).find((p) => p.name === "projects/scratch");
    assert.ok(deleted?.delete_time, "listed with delete_time under show_deleted");

    const back = await c.waitForOperation(await c.undeleteProject("projects/scratch"));
    assert.equal(back.name, "projects/scratch");
    assert.equal(back.delete_time, undefined);

    await c.waitForOperation(await c.deleteProject("projects/scratch", { purge: true }));
    await assert.rejects(c.getProject("projects/scratch"), (e: unknown) => e instanceof DatabricksApiError && e.status === 404 && e.errorCode === "NOT_FOUND");
    assert.ok(!(await collect(c.listProjects({ showDeleted: true }))).some((p) => p.name === "projects/scratch"), "gone after purge");
  });

  it("validates a user-typed project id before calling the API", async () => {
    const c = lakebaseClient(emu());
    emu().clearRequests();
    await assert.rejects(c.createProject("My_Project"), (e: unknown) => e instanceof InvalidResourceIdError && /Project ids start with a lowercase letter/.test(e.message));
    assert.equal(emu().requests({ method: "POST" }).length, 0, "no request sent");
  });

  it("surfaces 409 ALREADY_EXISTS with the API's message and request id, without retrying", async () => {
    const c = lakebaseClient(emu());
    emu().clearRequests();
    const err = await c.createProject("shop").then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof DatabricksApiError, String(err));
    assert.equal(err.status, 409);
    assert.equal(err.errorCode, "ALREADY_EXISTS");
    assert.equal(err.message, "project with such id already exists in the workspace");
    assert.ok(err.requestId, "request id from the error details");
    assert.match(describeLakebaseError(err), /^project with such id already exists in the workspace \(ALREADY_EXISTS, request id .+\)$/);
    assert.equal(emu().requests({ method: "POST" }).length, 1, "409 is not retried");
  });

  it("surfaces 404 NOT_FOUND with the API's message", async () => {
    const c = lakebaseClient(emu());
    emu().clearRequests();
    await assert.rejects(c.getProject("projects/nope"), (e: unknown) =>
      e instanceof DatabricksApiError && e.status === 404 && e.errorCode === "NOT_FOUND" && /^project id not found \[TraceId: [0-9a-f-]+\]$/.test(e.message));
    assert.equal(emu().requests({ method: "GET", pathPrefix: "/api/2.0/postgres/projects/nope" }).length, 1, "404 is not retried");
  });

  it("surfaces 400 for an update mask the API refuses", async () => {
    const c = lakebaseClient(emu());
    await assert.rejects(c.updateProject("projects/shop", { spec: {} }, "spec.no_such_field"), (e: unknown) => e instanceof DatabricksApiError && e.status === 400 && /no_such_field/.test(e.message));
    await assert.rejects(c.updateProject("projects/shop", { spec: {} }, []), /needs an update mask/);
  });

  it("retries injected 429 and 503 answers and then succeeds", async () => {
    const c = lakebaseClient(emu());
    emu().clearRequests();
    emu().faults.failNextCalls(2, 429, { retryAfterSeconds: 0 });
    const p = await c.getProject("projects/shop");
    assert.equal(p.name, "projects/shop");
    assert.equal(emu().requests({ pathPrefix: "/api/2.0/postgres/projects/shop" }).length, 3);

    emu().faults.failNextCalls(1, 503, { retryAfterSeconds: 0 });
    const page = await c.listProjectsPage({ pageSize: 1 });
    assert.equal(page.items.length, 1);

    // 429 means the server did no work, so even a create (POST) is retried.
    emu().clearRequests();
    emu().faults.failNextCalls(1, 429, { retryAfterSeconds: 0, pathPrefix: "/api/2.0/postgres/projects" });
    const created = await c.createProjectAndWait("after-429");
    assert.equal(created.name, "projects/after-429");
    assert.deepEqual(emu().requests({ method: "POST" }).map((r) => r.status), [429, 200]);
  });

  it("gives up on a persistent 503 with the service's error", async () => {
    const c = lakebaseClient(emu());
    emu().faults.failNextCalls(50, 503, { retryAfterSeconds: 0 });
    await assert.rejects(c.getProject("projects/shop"), (e: unknown) => e instanceof DatabricksApiError && e.status === 503 && e.errorCode === "TEMPORARILY_UNAVAILABLE");
  });
});
