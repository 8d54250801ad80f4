import assert from "node:assert/strict";
import { api, useEmulator, waitOperation, emuFetch } from "../../support/emulator";

const P = "/api/2.0/postgres";

describe("emulator: long-running operations", () => {
  const emu = useEmulator({ operationPolls: 2 });

  it("answers done:false for the configured number of polls, then done:true with the resource", async () => {
    const first = await api(emu(), "POST", `${P}/projects?project_id=ops-a`, {});
    assert.equal(first.status, 200);
    assert.equal(first.json.done, false);
    assert.match(first.json.name, /^projects\/ops-a\/operations\/[0-9a-f-]{36}$/);
    assert.equal(first.json.metadata["@type"], "type.googleapis.com/databricks.postgres.v1.ProjectOperationMetadata");
    await new Promise((r) => setTimeout(r, 300)); // the work itself has finished by now
    const poll = () => api(emu(), "GET", `${P}/${first.json.name}`);
    assert.equal((await poll()).json.done, false);
    assert.equal((await poll()).json.done, false);
    const done = (await poll()).json;
    assert.equal(done.done, true);
    assert.equal(done.response.name, "projects/ops-a");
    assert.equal(done.error, undefined);
  });

  it("can require a minimum time, via the admin route", async () => {
    await emuFetch(emu())(`${emu().workspaceUrl}/__emulator/operations/timing`, { method: "POST", body: JSON.stringify({ polls: 0, minMs: 400 }) });
    const started = Date.now();
    const op = await waitOperation(emu(), await api(emu(), "POST", `${P}/projects?project_id=ops-b`, {}));
    assert.ok(Date.now() - started >= 400);
    assert.equal(op.response.project_id, "ops-b");
  });

  it("names branch/endpoint/delete operations by kind and answers Empty for deletes", async () => {
    emu().faults.setOperationTiming(0);
    const br = await waitOperation(emu(), await api(emu(), "POST", `${P}/projects/ops-b/branches?branch_id=dev`, { spec: { no_expiry: true } }));
    assert.equal(br.metadata["@type"], "type.googleapis.com/databricks.postgres.v1.BranchOperationMetadata");
    const del = await waitOperation(emu(), await api(emu(), "DELETE", `${P}/projects/ops-b/branches/dev`));
    assert.deepEqual(del.response, { "@type": "type.googleapis.com/google.protobuf.Empty" });
  });

  it("answers 404 for an unknown operation", async () => {
    const r = await api(emu(), "GET", `${P}/projects/ops-a/operations/00000000-0000-0000-0000-000000000000`);
    assert.equal(r.status, 404);
    assert.match(r.json.message, /^operation id not found \[TraceId: /);
  });
});
