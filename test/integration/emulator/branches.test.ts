import assert from "node:assert/strict";
import { api, createBranch, createProject, useEmulator, waitOperation } from "../../support/emulator";

const P = "/api/2.0/postgres";

describe("emulator: branches", () => {
  const emu = useEmulator({ operationPolls: 0 });
  before(async () => {
    await createProject(emu(), "br-proj");
  });

  it("creates a branch with its own primary endpoint, source and LSN, and the source's catalog", async () => {
    const b = await createBranch(emu(), "br-proj", "feature");
    assert.equal(b.name, "projects/br-proj/branches/feature");
    assert.equal(b.parent, "projects/br-proj");
    assert.equal(b.status.current_state, "READY");
    assert.equal(b.status.default, false);
    assert.equal(b.status.source_branch, "projects/br-proj/branches/production");
    assert.match(b.status.source_branch_lsn, /^[0-9A-F]+\/[0-9A-F]+$/);
    const eps = (await api(emu(), "GET", `${P}/${b.name}/endpoints`)).json.endpoints;
    assert.deepEqual(eps.map((e: { endpoint_id: string }) => e.endpoint_id), ["primary"]);
    const prodHost = (await api(emu(), "GET", `${P}/projects/br-proj/branches/production/endpoints/primary`)).json.status.hosts.host;
    assert.notEqual(eps[0].status.hosts.host, prodHost, "each endpoint has its own host");
    const dbs = (await api(emu(), "GET", `${P}/${b.name}/databases`)).json.databases;
    assert.equal(dbs[0].status.postgres_database, "databricks_postgres");
    assert.ok(dbs[0].status.role.startsWith(`${b.name}/roles/`));
  });

  it("requires branch_id and exactly one expiry option", async () => {
    const missing = await api(emu(), "POST", `${P}/projects/br-proj/branches`, { spec: { no_expiry: true } });
    assert.equal(missing.status, 400);
    assert.equal(missing.json.message, `Field 'branch_id' is required, expected non-default value (not "")!`);
    const none = await api(emu(), "POST", `${P}/projects/br-proj/branches?branch_id=noexp`, { spec: {} });
    assert.equal(none.status, 400);
    assert.equal(none.json.error_code, "INVALID_PARAMETER_VALUE");
    const two = await api(emu(), "POST", `${P}/projects/br-proj/branches?branch_id=twoexp`, { spec: { ttl: "3600s", no_expiry: true } });
    assert.equal(two.status, 400);
    const ttl = await waitOperation(emu(), await api(emu(), "POST", `${P}/projects/br-proj/branches?branch_id=ttl`, { spec: { ttl: "3600s" } }));
    assert.ok(Date.parse(ttl.response.status.expire_time) > Date.now() + 3500_000);
  });

  it("answers 409 for a duplicate branch and 404 for a missing project or source", async () => {
    await createBranch(emu(), "br-proj", "twice");
    const dup = await api(emu(), "POST", `${P}/projects/br-proj/branches?branch_id=twice`, { spec: { no_expiry: true } });
    assert.equal(dup.status, 409);
    assert.equal(dup.json.error_code, "ALREADY_EXISTS");
    const noProject = await api(emu(), "POST", `${P}/projects/nope/branches?branch_id=x`, { spec: { no_expiry: true } });
    assert.equal(noProject.status, 404);
    assert.match(noProject.json.message, /^project id not found/);
    const noSource = await api(emu(), "POST", `${P}/projects/br-proj/branches?branch_id=y`, { spec: { source_branch: "projects/br-proj/branches/ghost", no_expiry: true } });
    assert.equal(noSource.status, 404);
    assert.match(noSource.json.message, /^branch id not found/);
    const get = await api(emu(), "GET", `${P}/projects/br-proj/branches/ghost`);
    assert.equal(get.status, 404);
    assert.match(get.json.message, /^branch id not found \[TraceId: /);
  });

  it("refuses to delete the root branch (MANAGED_BY_PARENT) and a protected branch", async () => {
    const root = await api(emu(), "DELETE", `${P}/projects/br-proj/branches/production`);
    assert.equal(root.status, 400);
    assert.equal(root.json.error_code, "BAD_REQUEST");
    assert.equal(root.json.message, "Cannot delete root branch 'projects/br-proj/branches/production'. Root branches cannot be deleted independently.");
    assert.equal(root.json.details[0].metadata.declarative_context, "MANAGED_BY_PARENT");

    await createBranch(emu(), "br-proj", "guarded");
    const prot = await waitOperation(emu(), await api(emu(), "PATCH", `${P}/projects/br-proj/branches/guarded?update_mask=spec.is_protected`, { spec: { is_protected: true } }));
    assert.equal(prot.response.status.is_protected, true);
    const del = await api(emu(), "DELETE", `${P}/projects/br-proj/branches/guarded`);
    assert.equal(del.status, 400);
    assert.equal(del.json.error_code, "BAD_REQUEST");
  });

  it("soft-deletes a branch, hides it from lists, undeletes it and purges it", async () => {
    await createBranch(emu(), "br-proj", "temp");
    const names = async (q = "") => (await api(emu(), "GET", `${P}/projects/br-proj/branches${q}`)).json.branches.map((b: { branch_id: string }) => b.branch_id);
    const del = await waitOperation(emu(), await api(emu(), "DELETE", `${P}/projects/br-proj/branches/temp`));
    assert.deepEqual(del.response, { "@type": "type.googleapis.com/google.protobuf.Empty" });
    assert.ok(!(await names()).includes("temp"));
    assert.ok((await names("?show_deleted=true")).includes("temp"));
    assert.equal((await api(emu(), "GET", `${P}/projects/br-proj/branches/temp/endpoints`)).status, 404);
    await waitOperation(emu(), await api(emu(), "POST", `${P}/projects/br-proj/branches/temp/undelete`, {}));
    assert.ok((await names()).includes("temp"));
    const ep = (await api(emu(), "GET", `${P}/projects/br-proj/branches/temp/endpoints/primary`)).json;
    assert.equal(ep.status.current_state, "ACTIVE");
    await waitOperation(emu(), await api(emu(), "DELETE", `${P}/projects/br-proj/branches/temp?purge=true`));
    assert.equal((await api(emu(), "GET", `${P}/projects/br-proj/branches/temp`)).status, 404);
  });

  it("paginates branches", async () => {
    const all = (await api(emu(), "GET", `${P}/projects/br-proj/branches`)).json.branches.length;
    const first = (await api(emu(), "GET", `${P}/projects/br-proj/branches?page_size=2`)).json;
    assert.equal(first.branches.length, 2);
    const rest = (await api(emu(), "GET", `${P}/projects/br-proj/branches?page_size=100&page_token=${first.next_page_token}`)).json;
    assert.equal(first.branches.length + rest.branches.length, all);
    const foreign = await api(emu(), "GET", `${P}/projects?page_token=${first.next_page_token}`);
    assert.equal(foreign.status, 400, "a token from another list is refused");
  });
});
