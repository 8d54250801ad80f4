import assert from "node:assert/strict";
import { api, createProject, useEmulator, waitOperation } from "../../support/emulator";

const P = "/api/2.0/postgres";
const B = `${P}/projects/ep-proj/branches/production`;

describe("emulator: endpoints", () => {
  const emu = useEmulator({ operationPolls: 0 });
  before(async () => {
    await createProject(emu(), "ep-proj");
  });

  const create = (id: string, spec: unknown) => api(emu(), "POST", `${B}/endpoints?endpoint_id=${id}`, { spec });

  it("requires endpoint_id and spec.endpoint_type", async () => {
    const noId = await api(emu(), "POST", `${B}/endpoints`, { spec: { endpoint_type: "ENDPOINT_TYPE_READ_ONLY" } });
    assert.equal(noId.status, 400);
    assert.equal(noId.json.message, `Field 'endpoint_id' is required, expected non-default value (not "")!`);
    const noType = await create("ro-x", {});
    assert.equal(noType.status, 400);
    assert.equal(noType.json.error_code, "INVALID_PARAMETER_VALUE");
  });

  it("allows only one read-write endpoint per branch", async () => {
    const r = await create("second-rw", { endpoint_type: "ENDPOINT_TYPE_READ_WRITE" });
    assert.equal(r.status, 400);
    assert.match(r.json.message, /only one read-write endpoint/);
  });

  const limits: Array<[string, Record<string, unknown>]> = [
    ["min below 0.5", { autoscaling_limit_min_cu: 0.25, autoscaling_limit_max_cu: 1 }],
    ["max above 64", { autoscaling_limit_min_cu: 60, autoscaling_limit_max_cu: 65 }],
    ["max - min above 16", { autoscaling_limit_min_cu: 1, autoscaling_limit_max_cu: 18 }],
    ["min above max", { autoscaling_limit_min_cu: 4, autoscaling_limit_max_cu: 2 }],
    ["suspend below 60s", { suspend_timeout_duration: "59s" }],
    ["suspend above 604800s", { suspend_timeout_duration: "604801s" }],
  ];
  for (const [what, spec] of limits) {
    it(`rejects ${what}`, async () => {
      const r = await create("ro-bad", { endpoint_type: "ENDPOINT_TYPE_READ_ONLY", ...spec });
      assert.equal(r.status, 400);
      assert.equal(r.json.error_code, "INVALID_PARAMETER_VALUE");
    });
  }

  it("creates, lists, updates and deletes a read-only endpoint at the limits", async () => {
    const op = await waitOperation(emu(), await create("ro-1", { endpoint_type: "ENDPOINT_TYPE_READ_ONLY", autoscaling_limit_min_cu: 0.5, autoscaling_limit_max_cu: 16.5, suspend_timeout_duration: "60s" }));
    const ep = op.response;
    assert.equal(ep.name, "projects/ep-proj/branches/production/endpoints/ro-1");
    assert.equal(ep.status.endpoint_type, "ENDPOINT_TYPE_READ_ONLY");
    assert.equal(ep.status.autoscaling_limit_min_cu, 0.5);
    assert.equal(ep.status.suspend_timeout_duration, "60s");
    assert.ok(ep.status.hosts.host && ep.status.hosts.read_only_host);
    assert.equal((await create("ro-1", { endpoint_type: "ENDPOINT_TYPE_READ_ONLY" })).status, 409);

    const list = (await api(emu(), "GET", `${B}/endpoints`)).json.endpoints.map((e: { endpoint_id: string }) => e.endpoint_id);
    assert.deepEqual(list, ["primary", "ro-1"]);

    const upd = await waitOperation(emu(), await api(emu(), "PATCH", `${B}/endpoints/ro-1?update_mask=spec.autoscaling_limit_max_cu`, { spec: { autoscaling_limit_max_cu: 8 } }));
    assert.equal(upd.response.status.autoscaling_limit_max_cu, 8);
    const tooWide = await api(emu(), "PATCH", `${B}/endpoints/ro-1?update_mask=spec.autoscaling_limit_max_cu`, { spec: { autoscaling_limit_max_cu: 20 } });
    assert.equal(tooWide.status, 400);
    const missing = await api(emu(), "PATCH", `${B}/endpoints/ro-1?update_mask=spec.autoscaling_limit_min_cu`, { spec: { autoscaling_limit_max_cu: 2 } });
    assert.equal(missing.status, 400);
    assert.equal(missing.json.message, "Field 'spec.autoscaling_limit_min_cu' is in update_mask but not provided in request");

    const del = await waitOperation(emu(), await api(emu(), "DELETE", `${B}/endpoints/ro-1`));
    assert.deepEqual(del.response, { "@type": "type.googleapis.com/google.protobuf.Empty" });
    const gone = await api(emu(), "GET", `${B}/endpoints/ro-1`);
    assert.equal(gone.status, 404);
    assert.match(gone.json.message, /^endpoint id not found \[TraceId: /);
    assert.equal(emu().postgres.endpoint("projects/ep-proj/branches/production/endpoints/ro-1"), undefined, "front door closed");
  });

  it("refuses to delete the read-write endpoint", async () => {
    const r = await api(emu(), "DELETE", `${B}/endpoints/primary`);
    assert.equal(r.status, 400);
    assert.equal(r.json.error_code, "BAD_REQUEST");
  });

  it("closes the front door of a disabled endpoint and reopens it", async () => {
    const name = "projects/ep-proj/branches/production/endpoints/primary";
    const off = await waitOperation(emu(), await api(emu(), "PATCH", `${B}/endpoints/primary?update_mask=spec.disabled`, { spec: { disabled: true } }));
    assert.equal(off.response.status.disabled, true);
    assert.equal(emu().postgres.endpoint(name), undefined);
    await waitOperation(emu(), await api(emu(), "PATCH", `${B}/endpoints/primary?update_mask=spec.disabled`, { spec: { disabled: false } }));
    assert.ok(emu().postgres.endpoint(name));
  });
});
