import assert from "node:assert/strict";
import { LakebaseOperationError, OperationTimeoutError, OperationWaitCancelledError } from "../../../src/core/lakebase/errors";
import type { WaitProgress } from "../../../src/core/lakebase/operations";
import { useEmulator } from "../../support/emulator";
import { controlPlaneOnly, lakebaseClient } from "./emulatorClient";

const opGets = (e: ReturnType<ReturnType<typeof useEmulator>>) => e.requests({ method: "GET" }).filter((r) => r.path.includes("/operations/"));

describe("lakebase client: long-running operations", () => {
  const emu = useEmulator({ operationPolls: 0, dataPlaneFactory: controlPlaneOnly });

  it("polls an operation that takes several polls, reporting progress", async () => {
    const c = lakebaseClient(emu());
    emu().faults.setOperationTiming(4);
    emu().clearRequests();
    const op = await c.createProject("slow");
    assert.equal(op.operation.done, false);
    const progress: WaitProgress[] = [];
    const project = await c.waitForOperation(op, { onProgress: (p) => progress.push(p) });
    assert.equal(project.name, "projects/slow");
    assert.equal(opGets(emu()).length, 5, "4 polls answer done:false, the 5th done:true");
    assert.deepEqual(progress.map((p) => p.polls), [1, 2, 3, 4, 5]);
    assert.deepEqual(progress.map((p) => p.operation.done), [false, false, false, false, true]);
  });

  it("backs off between polls (delays grow, then cap)", async () => {
    const c = lakebaseClient(emu(), { pollBackoff: { initialMs: 20, maxMs: 80, factor: 2 } });
    emu().faults.setOperationTiming(5);
    const op = await c.createProject("backoff");
    const times: number[] = [];
    await c.waitForOperation(op, { onProgress: () => times.push(Date.now()) });
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // Expected waits 40, 80, 80, 80 (plus request time): never faster than the schedule.
    assert.ok(gaps[0]! >= 35 && gaps.slice(1).every((g) => g >= 75), `gaps ${gaps.join(",")}`);
  });

  it("stops polling when cancelled and says the operation may still complete", async () => {
    const c = lakebaseClient(emu());
    emu().faults.setOperationTiming(100_000);
    const op = await c.createProject("cancelled");
    const ac = new AbortController();
    const wait = c.waitForOperation(op, { signal: ac.signal });
    await new Promise((r) => setTimeout(r, 100));
    ac.abort();
    const err = await wait.then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof OperationWaitCancelledError, String(err));
    assert.match(err.message, /may still complete on the server/);
    const polled = opGets(emu()).length;
    assert.ok(polled >= 1);
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(opGets(emu()).length, polled, "no polls after cancellation");
  });

  it("gives up after timeoutMs with a clear message", async () => {
    const c = lakebaseClient(emu());
    emu().faults.setOperationTiming(100_000);
    const op = await c.createProject("timeout");
    const started = Date.now();
    await assert.rejects(c.waitForOperation(op, { timeoutMs: 200 }), (e: unknown) => e instanceof OperationTimeoutError && /may still complete/.test(e.message));
    // It gave up on its own timeout, not when the (100 s) operation ended.
    assert.ok(Date.now() - started < 20_000);
  });

  it("throws the operation's error with its error_code and message", async () => {
    // The work behind this update fails server-side: this suite's data plane runs no Postgres,
    // so the rename (SQL as superuser) errors inside the operation, not in the HTTP answer.
    const c = lakebaseClient(emu());
    await c.createProjectAndWait("src");
    const branch = "projects/src/branches/production";
    const [owner] = await c.listRolesPage(branch).then((p) => p.items);
    const db = await c.waitForOperation(await c.createDatabase(branch, "renamed", { postgres_database: "before_rename", role: owner!.name }));
    const op = await c.updateDatabase(db.name, { spec: { postgres_database: "after_rename" } }, "spec.postgres_database");
    const err = await c.waitForOperation(op).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof LakebaseOperationError, String(err));
    assert.equal(err.errorCode, "INTERNAL_ERROR");
    assert.match(err.message, /^Operation failed: controlPlaneOnly: this suite runs no Postgres/);
    assert.equal(err.operationName, op.name);
    assert.ok(err.requestId, "request id from the operation error's details");
  });

  it("getOperation reads an operation by name; polls retry an injected 503", async () => {
    const c = lakebaseClient(emu());
    emu().faults.setOperationTiming(2);
    const op = await c.createProject("reread");
    const again = await c.getOperation(op.name);
    assert.equal(again.name, op.name);
    emu().faults.failNextCalls(1, 503, { retryAfterSeconds: 0, pathPrefix: `/api/2.0/postgres/${op.name}` });
    assert.equal((await c.waitForOperation(op)).name, "projects/reread");
  });
});
