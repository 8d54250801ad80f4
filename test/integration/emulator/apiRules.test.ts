// Conformance with the API facts of reference §7: expiry options exclusive, protected branches,
// history retention bounds, settable default branch, expired branches reaped.
import assert from "node:assert/strict";
import { api, createBranch, createProject, useEmulator, waitOperation } from "../../support/emulator";

const P = "/api/2.0/postgres";
const PROJ = "rules";
const PROD = `projects/${PROJ}/branches/production`;

describe("emulator: §7 rules (expiry, protection, retention, default branch, reaping)", function () {
  this.timeout(60_000);
  const emu = useEmulator({ operationPolls: 0, branchReapIntervalMs: 100 });
  before(async () => {
    await createProject(emu(), PROJ);
  });

  const newBranch = (id: string, spec: Record<string, unknown>) => api(emu(), "POST", `${P}/projects/${PROJ}/branches?branch_id=${id}`, { spec: { source_branch: PROD, ...spec } });

  it("refuses two expiry options together on create and update, naming both", async () => {
    const soon = new Date(Date.now() + 3600_000).toISOString();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ttl: "3600s", no_expiry: true }, "'spec.ttl' and 'spec.no_expiry'"],
      [{ ttl: "3600s", expire_time: soon }, "'spec.ttl' and 'spec.expire_time'"],
      [{ expire_time: soon, no_expiry: true }, "'spec.expire_time' and 'spec.no_expiry'"],
      // Present is present: a oneof member sent as false still selects it.
      [{ ttl: "3600s", no_expiry: false }, "'spec.ttl' and 'spec.no_expiry'"],
    ];
    for (const [spec, named] of cases) {
      const r = await newBranch("two-expiries", spec);
      assert.equal(r.status, 400, JSON.stringify(spec));
      assert.equal(r.json.error_code, "INVALID_PARAMETER_VALUE");
      assert.equal(r.json.message, `Exactly one of 'spec.ttl', 'spec.expire_time' or 'spec.no_expiry' must be set, got ${named}.`);
    }
    assert.equal((await api(emu(), "GET", `${P}/projects/${PROJ}/branches/two-expiries`)).status, 404, "nothing was created");

    await createBranch(emu(), PROJ, "expiring");
    const patch = await api(emu(), "PATCH", `${P}/projects/${PROJ}/branches/expiring?update_mask=spec.expiration`, { spec: { ttl: "600s", no_expiry: true } });
    assert.equal(patch.status, 400);
    assert.equal(patch.json.message, "Exactly one of 'spec.ttl', 'spec.expire_time' or 'spec.no_expiry' must be set, got 'spec.ttl' and 'spec.no_expiry'.");
    const one = await waitOperation(emu(), await api(emu(), "PATCH", `${P}/projects/${PROJ}/branches/expiring?update_mask=spec.expiration`, { spec: { ttl: "7200s" } }));
    assert.ok(Date.parse(one.response.status.expire_time) > Date.now() + 7000_000);
  });

  it("protects a branch: no delete of the branch, of its endpoints, or of its project", async () => {
    const op = await waitOperation(emu(), await newBranch("guarded", { no_expiry: true, is_protected: true }));
    assert.equal(op.response.status.is_protected, true);
    const del = await api(emu(), "DELETE", `${P}/projects/${PROJ}/branches/guarded?purge=true`);
    assert.equal(del.status, 400);
    assert.equal(del.json.error_code, "BAD_REQUEST");
    assert.equal(del.json.message, "cannot delete protected branch");

    const ro = await waitOperation(emu(), await api(emu(), "POST", `${P}/projects/${PROJ}/branches/guarded/endpoints?endpoint_id=reader`, { spec: { endpoint_type: "ENDPOINT_TYPE_READ_ONLY" } }));
    assert.equal(ro.error, undefined);
    const delEp = await api(emu(), "DELETE", `${P}/projects/${PROJ}/branches/guarded/endpoints/reader`);
    assert.equal(delEp.status, 400);
    assert.equal(delEp.json.error_code, "BAD_REQUEST");
    assert.equal(delEp.json.message, `cannot delete endpoint 'projects/${PROJ}/branches/guarded/endpoints/reader' of protected branch 'projects/${PROJ}/branches/guarded'`);
    assert.equal((await api(emu(), "GET", `${P}/projects/${PROJ}/branches/guarded/endpoints/reader`)).status, 200, "the endpoint stays");

    const delProject = await api(emu(), "DELETE", `${P}/projects/${PROJ}`);
    assert.equal(delProject.status, 400);
    assert.equal(delProject.json.error_code, "BAD_REQUEST");
    assert.equal(delProject.json.message, `cannot delete project 'projects/${PROJ}' with protected branch 'projects/${PROJ}/branches/guarded'`);
    assert.equal((await api(emu(), "GET", `${P}/projects/${PROJ}`)).json.delete_time, undefined, "the project stays");

    // Unprotected, everything can go again.
    await waitOperation(emu(), await api(emu(), "PATCH", `${P}/projects/${PROJ}/branches/guarded?update_mask=spec.is_protected`, { spec: { is_protected: false } }));
    assert.equal((await waitOperation(emu(), await api(emu(), "DELETE", `${P}/projects/${PROJ}/branches/guarded/endpoints/reader`))).error, undefined);
    assert.equal((await waitOperation(emu(), await api(emu(), "DELETE", `${P}/projects/${PROJ}/branches/guarded?purge=true`))).error, undefined);
  });

  it("a protected root branch refuses as protected, and blocks its project", async () => {
    await createProject(emu(), "rules-root", { initial_branch_spec: { is_protected: true } });
    const del = await api(emu(), "DELETE", `${P}/projects/rules-root/branches/production`);
    assert.equal(del.status, 400);
    assert.equal(del.json.message, "cannot delete protected branch");
    const delProject = await api(emu(), "DELETE", `${P}/projects/rules-root?purge=true`);
    assert.equal(delProject.status, 400);
    assert.match(delProject.json.message, /with protected branch 'projects\/rules-root\/branches\/production'/);
  });

  it("bounds history_retention_duration to 172800s–3024000s on create and update", async () => {
    for (const bad of ["172799s", "3024001s", "0s"]) {
      const r = await api(emu(), "POST", `${P}/projects?project_id=retention-bad`, { spec: { history_retention_duration: bad } });
      assert.equal(r.status, 400, bad);
      assert.equal(r.json.error_code, "INVALID_PARAMETER_VALUE");
      assert.equal(r.json.message, `Field 'spec.history_retention_duration' must be between 172800s (2 days) and 3024000s (35 days), got "${bad}".`);
    }
    assert.equal((await api(emu(), "GET", `${P}/projects/retention-bad`)).status, 404, "nothing was created");
    const low = await createProject(emu(), "retention-low", { spec: { history_retention_duration: "172800s" } });
    assert.equal(low.status.history_retention_duration, "172800s");
    const high = await waitOperation(emu(), await api(emu(), "PATCH", `${P}/projects/retention-low?update_mask=spec.history_retention_duration`, { spec: { history_retention_duration: "3024000s" } }));
    assert.equal(high.response.status.history_retention_duration, "3024000s");
    const tooHigh = await api(emu(), "PATCH", `${P}/projects/retention-low?update_mask=spec.history_retention_duration`, { spec: { history_retention_duration: "3024001s" } });
    assert.equal(tooHigh.status, 400);
    assert.equal((await api(emu(), "GET", `${P}/projects/retention-low`)).json.status.history_retention_duration, "3024000s", "unchanged");
  });

  it("sets spec.default_branch: the default moves, and the old default may then be deleted unless it is the root", async () => {
    await createBranch(emu(), PROJ, "main-next");
    const op = await waitOperation(emu(), await api(emu(), "PATCH", `${P}/projects/${PROJ}?update_mask=spec.default_branch`, { spec: { default_branch: `projects/${PROJ}/branches/main-next` } }));
    assert.equal(op.response.status.default_branch, `projects/${PROJ}/branches/main-next`);
    const branches = (await api(emu(), "GET", `${P}/projects/${PROJ}/branches`)).json.branches as Array<{ branch_id: string; status: { default: boolean } }>;
    assert.deepEqual(branches.filter((b) => b.status.default).map((b) => b.branch_id), ["main-next"]);
    const delDefault = await api(emu(), "DELETE", `${P}/projects/${PROJ}/branches/main-next`);
    assert.equal(delDefault.status, 400);
    assert.match(delDefault.json.message, /default branch/);
    const bad = await api(emu(), "PATCH", `${P}/projects/${PROJ}?update_mask=spec.default_branch`, { spec: { default_branch: "projects/other/branches/x" } });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error_code, "INVALID_PARAMETER_VALUE");
    await waitOperation(emu(), await api(emu(), "PATCH", `${P}/projects/${PROJ}?update_mask=spec.default_branch`, { spec: { default_branch: PROD } }));
  });

  it("reaps a branch past its expire_time (with its endpoint's front door) and keeps the others", async () => {
    const keep = await waitOperation(emu(), await newBranch("lives-on", { ttl: "3600s" }));
    assert.equal(keep.error, undefined);
    const op = await waitOperation(emu(), await newBranch("short-lived", { ttl: "1s" }));
    const name = `projects/${PROJ}/branches/short-lived`;
    assert.equal(op.response.name, name);
    const endpoint = `${name}/endpoints/primary`;
    const expireAt = Date.parse(op.response.status.expire_time);
    const deadline = expireAt + 10_000;
    let status = 200;
    while (status === 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      status = (await api(emu(), "GET", `${P}/${name}`)).status;
    }
    assert.equal(status, 404, "the expired branch was removed");
    assert.ok(Date.now() >= expireAt, "not before its expire_time");
    const listed = (await api(emu(), "GET", `${P}/projects/${PROJ}/branches?show_deleted=true`)).json.branches.map((b: { branch_id: string }) => b.branch_id);
    assert.ok(!listed.includes("short-lived"));
    assert.ok(listed.includes("lives-on"), "an unexpired branch stays");
    assert.ok(listed.includes("production"));
    assert.equal(emu().postgres.endpoint(endpoint), undefined, "its front door is closed");
    assert.equal((await api(emu(), "GET", `${P}/${endpoint}`)).status, 404);
  });
});
