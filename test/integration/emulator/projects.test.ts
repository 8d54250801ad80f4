import assert from "node:assert/strict";
import { api, createProject, useEmulator, waitOperation } from "../../support/emulator";

const P = "/api/2.0/postgres";
const TRACE = /\[TraceId: [0-9a-f-]{36}\]$/;

describe("emulator: projects", () => {
  const emu = useEmulator({ operationPolls: 0 });

  it("creates a project with production branch, primary endpoint, default database and owner role", async () => {
    const project = await createProject(emu(), "alpha", { spec: { display_name: "Alpha", pg_version: 17 } });
    assert.equal(project.name, "projects/alpha");
    assert.equal(project.project_id, "alpha");
    assert.equal(project.spec, undefined, "spec is input only");
    assert.equal(project.status.display_name, "Alpha");
    assert.equal(project.status.owner, "dev@example.com");
    assert.equal(project.status.default_branch, "projects/alpha/branches/production");
    assert.equal(project.status.history_retention_duration, "604800s");

    const branch = (await api(emu(), "GET", `${P}/projects/alpha/branches/production`)).json;
    assert.equal(branch.status.default, true);
    assert.equal(branch.status.current_state, "READY");

    const eps = (await api(emu(), "GET", `${P}/projects/alpha/branches/production/endpoints`)).json.endpoints;
    assert.equal(eps.length, 1);
    assert.equal(eps[0].endpoint_id, "primary");
    assert.equal(eps[0].status.endpoint_type, "ENDPOINT_TYPE_READ_WRITE");
    assert.match(eps[0].status.hosts.host, /^127\.\d+\.\d+\.\d+$/);
    assert.equal(eps[0].status.hosts.host, emu().postgres.endpoint(eps[0].name)?.host);

    const dbs = (await api(emu(), "GET", `${P}/projects/alpha/branches/production/databases`)).json.databases;
    assert.deepEqual(dbs.map((d: { database_id: string }) => d.database_id), ["databricks-postgres"]);
    assert.equal(dbs[0].status.postgres_database, "databricks_postgres");
    const roles = (await api(emu(), "GET", `${P}/projects/alpha/branches/production/roles`)).json.roles;
    assert.equal(roles.length, 1);
    assert.equal(roles[0].status.postgres_role, "dev@example.com");
    assert.equal(roles[0].status.auth_method, "LAKEBASE_OAUTH_V1");
    assert.equal(dbs[0].status.role, roles[0].name);
  });

  it("requires project_id with the service's wording", async () => {
    const r = await api(emu(), "POST", `${P}/projects`, {});
    assert.equal(r.status, 400);
    assert.equal(r.json.error_code, "INVALID_PARAMETER_VALUE");
    assert.equal(r.json.message, `Field 'project_id' is required, expected non-default value (not "")!`);
    assert.equal(r.json.details[0]["@type"], "type.googleapis.com/google.rpc.ErrorInfo");
    assert.equal(r.json.details[0].domain, "databricks.com");
    assert.equal(r.json.details[1]["@type"], "type.googleapis.com/google.rpc.RequestInfo");
    assert.equal(typeof r.json.details[1].request_id, "string");
  });

  for (const bad of ["Upper", "1abc", "a_b", "a".repeat(64), "-x"]) {
    it(`rejects invalid project id '${bad.slice(0, 10)}'`, async () => {
      const r = await api(emu(), "POST", `${P}/projects?project_id=${bad}`, {});
      assert.equal(r.status, 400);
      assert.equal(r.json.error_code, "INVALID_PARAMETER_VALUE");
    });
  }

  it("answers 409 ALREADY_EXISTS for a duplicate project", async () => {
    await createProject(emu(), "dup");
    const r = await api(emu(), "POST", `${P}/projects?project_id=dup`, {});
    assert.equal(r.status, 409);
    assert.equal(r.json.error_code, "ALREADY_EXISTS");
  });

  it("answers 404 with a TraceId for a missing project", async () => {
    const r = await api(emu(), "GET", `${P}/projects/missing`);
    assert.equal(r.status, 404);
    assert.equal(r.json.error_code, "NOT_FOUND");
    assert.match(r.json.message, /^project id not found /);
    assert.match(r.json.message, TRACE);
  });

  it("paginates 105 projects in pages of at most 100 with an opaque token", async () => {
    const before = (await api(emu(), "GET", `${P}/projects?page_size=100`)).json.projects?.length ?? 0;
    const ops = await Promise.all(Array.from({ length: 105 }, (_, i) => api(emu(), "POST", `${P}/projects?project_id=page-${i}`, {})));
    for (const op of ops) assert.equal((await waitOperation(emu(), op)).error, undefined);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const r = await api(emu(), "GET", `${P}/projects?page_size=500${token ? `&page_token=${encodeURIComponent(token)}` : ""}`);
      assert.equal(r.status, 200);
      assert.ok(r.json.projects.length <= 100, "page size is capped at 100");
      seen.push(...r.json.projects.map((p: { name: string }) => p.name));
      token = r.json.next_page_token;
      pages++;
    } while (token);
    assert.equal(seen.length, before + 105);
    assert.equal(new Set(seen).size, seen.length, "no duplicates across pages");
    assert.ok(pages >= 2);
    const small = await api(emu(), "GET", `${P}/projects?page_size=7`);
    assert.equal(small.json.projects.length, 7);
    assert.ok(small.json.next_page_token);
    const bad = await api(emu(), "GET", `${P}/projects?page_token=garbage`);
    assert.equal(bad.status, 400);
  });

  it("updates with update_mask and rejects unknown mask paths", async () => {
    await createProject(emu(), "upd");
    const op = await waitOperation(emu(), await api(emu(), "PATCH", `${P}/projects/upd?update_mask=spec.display_name`, { spec: { display_name: "Renamed" } }));
    assert.equal(op.response.status.display_name, "Renamed");
    assert.equal((await api(emu(), "GET", `${P}/projects/upd`)).json.status.display_name, "Renamed");
    const bad = await api(emu(), "PATCH", `${P}/projects/upd?update_mask=spec.nope`, { spec: {} });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.message, "Unknown field path in update_mask: 'spec.nope'");
    const limits = await api(emu(), "PATCH", `${P}/projects/upd?update_mask=spec.default_endpoint_settings`, {
      spec: { default_endpoint_settings: { autoscaling_limit_min_cu: 0.25, autoscaling_limit_max_cu: 1 } },
    });
    assert.equal(limits.status, 400);
  });

  it("soft-deletes, lists with show_deleted, undeletes and purges", async () => {
    await createProject(emu(), "gone");
    const del = await waitOperation(emu(), await api(emu(), "DELETE", `${P}/projects/gone`));
    assert.deepEqual(del.response, { "@type": "type.googleapis.com/google.protobuf.Empty" });
    const names = async (q: string) => {
      const out: string[] = [];
      let token = "";
      do {
        const r = (await api(emu(), "GET", `${P}/projects?${q}${token ? `&page_token=${token}` : ""}`)).json;
        out.push(...r.projects.map((p: { name: string }) => p.name));
        token = r.next_page_token ?? "";
      } while (token);
      return out;
    };
    assert.ok(!(await names("page_size=100")).includes("projects/gone"));
    assert.ok((await names("page_size=100&show_deleted=true")).includes("projects/gone"));
    const got = (await api(emu(), "GET", `${P}/projects/gone`)).json;
    assert.ok(got.delete_time && got.purge_time);
    assert.equal((await api(emu(), "GET", `${P}/projects/gone/branches`)).status, 404);
    assert.equal((await api(emu(), "POST", `${P}/projects?project_id=gone`, {})).status, 409);

    const und = await waitOperation(emu(), await api(emu(), "POST", `${P}/projects/gone/undelete`, {}));
    assert.equal(und.response.name, "projects/gone");
    assert.equal((await api(emu(), "GET", `${P}/projects/gone`)).json.delete_time, undefined);
    assert.equal((await api(emu(), "POST", `${P}/projects/gone/undelete`, {})).status, 400);

    await waitOperation(emu(), await api(emu(), "DELETE", `${P}/projects/gone?purge=true`));
    assert.equal((await api(emu(), "GET", `${P}/projects/gone`)).status, 404);
    await createProject(emu(), "gone"); // the id is free again after purge
  });
});
