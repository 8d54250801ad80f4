import assert from "node:assert/strict";
import { DatabricksApiError } from "../../../src/core/http/errors";
import { describeBranch } from "../../../src/core/lakebase/describe";
import { collect } from "../../../src/core/lakebase/paging";
import type { BranchSpec } from "../../../src/core/lakebase/specs";
import { useEmulator } from "../../support/emulator";
import { controlPlaneOnly, lakebaseClient } from "./emulatorClient";

const PROJECT = "projects/branchy";
const PROD = `${PROJECT}/branches/production`;

describe("lakebase client: branches", () => {
  const emu = useEmulator({ operationPolls: 0, dataPlaneFactory: controlPlaneOnly });
  before(async () => {
    await lakebaseClient(emu()).createProjectAndWait("branchy");
  });

  it("lists the root branch, marked default", async () => {
    const branches = await collect(lakebaseClient(emu()).listBranches(PROJECT));
    assert.deepEqual(branches.map((b) => b.name), [PROD]);
    assert.equal(branches[0]!.status?.default, true);
    assert.match(describeBranch(branches[0]!), /^default · READY/);
  });

  it("creates a branch with no_expiry from a source branch and reads its source and LSN", async () => {
    const c = lakebaseClient(emu());
    const b = await c.createBranchAndWait(PROJECT, "dev", { source_branch: PROD, no_expiry: true });
    assert.equal(b.name, `${PROJECT}/branches/dev`);
    assert.equal(b.status?.source_branch, PROD);
    assert.match(b.status?.source_branch_lsn ?? "", /^[0-9A-F]+\/[0-9A-F]+$/);
    assert.equal(b.status?.expire_time, undefined);
    assert.equal(b.status?.default, false);
    const got = await c.getBranch(b.name);
    assert.equal(got.branch_id, "dev");
  });

  it("creates a branch with a TTL: the API computes expire_time", async () => {
    const c = lakebaseClient(emu());
    const before = Date.now();
    const b = await c.createBranchAndWait(PROJECT, "preview-1", { source_branch: PROD, ttl: "3600s" });
    const expires = Date.parse(b.status?.expire_time ?? "");
    assert.ok(expires >= before + 3590_000 && expires <= Date.now() + 3610_000, `expire_time ${b.status?.expire_time}`);
    assert.match(describeBranch(b), /expires \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  });

  it("creates a branch with an explicit expire_time and a protected flag", async () => {
    const c = lakebaseClient(emu());
    const at = new Date(Date.now() + 2 * 86400_000).toISOString();
    const b = await c.createBranchAndWait(PROJECT, "pinned", { source_branch: PROD, expire_time: at, is_protected: true });
    assert.equal(Date.parse(b.status!.expire_time!), Date.parse(at));
    assert.equal(b.status?.is_protected, true);
    await assert.rejects(async () => c.waitForOperation(await c.deleteBranch(b.name)), (e: unknown) => e instanceof Error && /protected/.test(e.message));
  });

  it("refuses a branch spec without exactly one expiry option, before sending", async () => {
    const c = lakebaseClient(emu());
    emu().clearRequests();
    await assert.rejects(c.createBranch(PROJECT, "x", { source_branch: PROD } as unknown as BranchSpec), /exactly one expiry setting/);
    await assert.rejects(c.createBranch(PROJECT, "x", { source_branch: PROD, ttl: "60s", no_expiry: true } as unknown as BranchSpec), /got ttl and no_expiry/);
    await assert.rejects(c.createBranch(PROJECT, "x", { source_branch: PROD, ttl: "60s", no_expiry: false } as unknown as BranchSpec), /got ttl and no_expiry/);
    await assert.rejects(c.createBranch(PROJECT, "Bad", { no_expiry: true }), /Branch ids start with a lowercase letter/);
    assert.equal(emu().requests({ method: "POST", pathPrefix: `/api/2.0/postgres/${PROJECT}/branches` }).length, 0, "nothing was sent");
    // An update of the expiration is held to the same rule.
    await assert.rejects(c.updateBranch(PROD, { spec: { ttl: "60s", expire_time: new Date(Date.now() + 3600_000).toISOString() } }, "spec.expiration"), /got ttl and expire_time/);
    assert.equal(emu().requests({ method: "PATCH" }).length, 0, "nothing was sent");
  });

  it("updates a branch's expiration with spec.expiration", async () => {
    const c = lakebaseClient(emu());
    const b = await c.waitForOperation(await c.updateBranch(`${PROJECT}/branches/preview-1`, { spec: { no_expiry: true } }, "spec.expiration"));
    assert.equal(b.status?.expire_time, undefined);
  });

  it("refuses to delete the root branch with the API's message", async () => {
    const c = lakebaseClient(emu());
    const err = await c.deleteBranch(PROD).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof DatabricksApiError, String(err));
    assert.equal(err.status, 400);
    assert.equal(err.errorCode, "BAD_REQUEST");
    assert.match(err.message, /^Cannot delete root branch 'projects\/branchy\/branches\/production'/);
  });

  it("deletes, lists deleted, and undeletes a branch", async () => {
    const c = lakebaseClient(emu());
    const name = `${PROJECT}/branches/dev`;
    await c.waitForOperation(await c.deleteBranch(name));
    assert.ok(!(await collect(c.listBranches(PROJECT))).some((b) => b.name === name));
    assert.ok((await collect(c.listBranches(PROJECT, { showDeleted: true }))).some((b) => b.name === name));
    const back = await c.waitForOperation(await c.undeleteBranch(name));
    assert.equal(back.name, name);
    assert.ok((await collect(c.listBranches(PROJECT))).some((b) => b.name === name));
  });

  it("answers 409 for a duplicate branch and 404 for a missing source", async () => {
    const c = lakebaseClient(emu());
    await assert.rejects(c.createBranch(PROJECT, "dev", { source_branch: PROD, no_expiry: true }), (e: unknown) => e instanceof DatabricksApiError && e.status === 409 && e.errorCode === "ALREADY_EXISTS");
    await assert.rejects(
      async () => c.waitForOperation(await c.createBranch(PROJECT, "orphan", { source_branch: `${PROJECT}/branches/missing`, no_expiry: true })),
      (e: unknown) => e instanceof Error && (e as { errorCode?: string }).errorCode === "NOT_FOUND" && /branch id not found/.test(e.message),
    );
  });
});
