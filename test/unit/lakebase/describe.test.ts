import assert from "node:assert/strict";
import { autoscalingRange, describeBranch, describeEndpoint, endpointHost, formatTime, isConnectableState, projectLabel } from "../../../src/core/lakebase/describe";
import type { Branch, Endpoint } from "../../../src/core/lakebase/types";

const ep = (status: Endpoint["status"]): Endpoint => ({ name: "projects/p/branches/b/endpoints/primary", endpoint_id: "primary", status });
const br = (status: Branch["status"]): Branch => ({ name: "projects/p/branches/dev", branch_id: "dev", status });

describe("lakebase: display helpers", () => {
  it("describes an endpoint: state, type, autoscaling range", () => {
    const e = ep({ current_state: "ACTIVE", endpoint_type: "ENDPOINT_TYPE_READ_WRITE", autoscaling_limit_min_cu: 0.5, autoscaling_limit_max_cu: 4 });
    assert.equal(describeEndpoint(e), "ACTIVE · read-write · 0.5–4 CU");
    assert.equal(autoscalingRange(e), "0.5–4 CU");
  });

  it("shows a pending state change, fixed size and disabled endpoints", () => {
    const e = ep({ current_state: "IDLE", pending_state: "ACTIVE", endpoint_type: "ENDPOINT_TYPE_READ_ONLY", autoscaling_limit_min_cu: 2, autoscaling_limit_max_cu: 2, disabled: true });
    assert.equal(describeEndpoint(e), "IDLE → ACTIVE · read-only · 2 CU · disabled");
    assert.equal(isConnectableState(e), false);
  });

  it("tolerates missing status", () => {
    assert.equal(describeEndpoint(ep(undefined)), "unknown");
    assert.equal(autoscalingRange(ep({})), undefined);
    assert.equal(endpointHost(ep({ hosts: {} })), undefined);
    assert.equal(describeBranch(br(undefined)), "unknown");
  });

  it("reads the host from status.hosts.host", () => {
    assert.equal(endpointHost(ep({ hosts: { host: "ep-a-b-12345678.database.us-east-1.cloud.databricks.com" } })), "ep-a-b-12345678.database.us-east-1.cloud.databricks.com");
  });

  it("connectable only when ACTIVE or IDLE", () => {
    assert.equal(isConnectableState(ep({ current_state: "ACTIVE" })), true);
    assert.equal(isConnectableState(ep({ current_state: "IDLE" })), true);
    assert.equal(isConnectableState(ep({ current_state: "INIT" })), false);
  });

  it("describes a branch: default mark, state, protection, expiry", () => {
    assert.equal(describeBranch(br({ default: true, current_state: "READY", is_protected: true })), "default · READY · protected");
    assert.equal(describeBranch(br({ current_state: "READY", expire_time: "2026-02-06T17:07:00Z" })), "READY · expires 2026-02-06 17:07 UTC");
  });

  it("labels a project by display name, else id", () => {
    assert.equal(projectLabel({ name: "projects/p", project_id: "p", status: { display_name: "Shop" } }), "Shop");
    assert.equal(projectLabel({ name: "projects/p" }), "p");
  });

  it("formatTime keeps unparsable text", () => {
    assert.equal(formatTime("soon"), "soon");
  });
});
