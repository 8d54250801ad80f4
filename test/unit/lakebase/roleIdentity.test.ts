import assert from "node:assert/strict";
import { checkRoleIdentity } from "../../../src/core/lakebase/roleIdentity";

describe("checkRoleIdentity", () => {
  it("wants an email for a user and an application id for a service principal", () => {
    assert.equal(checkRoleIdentity("USER", "dev@example.com"), undefined);
    assert.match(checkRoleIdentity("USER", "dev") ?? "", /email/);
    assert.equal(checkRoleIdentity("SERVICE_PRINCIPAL", "91d78816-99e8-4dfc-aa68-1615fb358d58"), undefined);
    assert.match(checkRoleIdentity("SERVICE_PRINCIPAL", "dev@example.com") ?? "", /application \(client\) id/);
  });
});
