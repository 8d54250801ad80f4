import assert from "node:assert/strict";
import { LakebaseResponseError } from "../../../src/core/lakebase/errors";
import { parseResponse } from "../../../src/core/lakebase/parse";
import { BranchSchema, EndpointSchema } from "../../../src/core/lakebase/types";

describe("lakebase: response parsing", () => {
  it("keeps unknown fields and tolerates missing optional ones", () => {
    const b = parseResponse(BranchSchema, { name: "projects/p/branches/b", brand_new_field: 1, status: { current_state: "SOMETHING_NEW" } }, "branch");
    assert.equal((b as Record<string, unknown>).brand_new_field, 1);
    assert.equal(b.status?.current_state, "SOMETHING_NEW");
  });

  it("names the resource and the offending field when the shape is wrong", () => {
    assert.throws(
      () => parseResponse(EndpointSchema, { name: "projects/p/branches/b/endpoints/e", status: { autoscaling_limit_max_cu: "four" } }, "endpoint 'e'"),
      (e: unknown) => e instanceof LakebaseResponseError && e.resource === "endpoint 'e'" && /^Unexpected endpoint 'e' response from the Lakebase API: status\.autoscaling_limit_max_cu: /.test(e.message),
    );
    assert.throws(() => parseResponse(BranchSchema, "<html>", "branch"), /Unexpected branch response from the Lakebase API: \(body\): /);
  });
});
