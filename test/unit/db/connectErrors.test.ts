import assert from "node:assert/strict";
import { classifyConnectError, explainConnectError } from "../../../src/core/db/connectErrors";

describe("db: connect error classification", () => {
  it("sorts rejected credentials, waking computes and the rest", () => {
    assert.equal(classifyConnectError({ code: "28P01", message: "password authentication failed" }), "bad-credential");
    assert.equal(classifyConnectError({ code: "ECONNREFUSED", message: "connect ECONNREFUSED" }), "waking");
    assert.equal(classifyConnectError({ code: "57P03", message: "the database system is starting up" }), "waking");
    assert.equal(classifyConnectError(new Error("Connection terminated due to connection timeout")), "waking");
    assert.equal(classifyConnectError(new Error("Connection terminated unexpectedly")), "waking");
    assert.equal(classifyConnectError({ code: "3D000", message: 'database "x" does not exist' }), "fatal");
    assert.equal(classifyConnectError({ code: "28000", message: "role does not exist" }), "fatal");
  });
  it("explains failures without leaking anything but the server text", () => {
    assert.match(explainConnectError({ code: "3D000", message: 'database "nope" does not exist' }, "u@h:5432/nope"), /Database not found .* Pick an existing database/);
    // Issue #10 changes this expectation: the fix named is the lakebase.extraCaFile setting.
    assert.match(explainConnectError({ code: "DEPTH_ZERO_SELF_SIGNED_CERT", message: "self signed" }, "h"), /TLS certificate of h could not be verified \(DEPTH_ZERO_SELF_SIGNED_CERT: self signed\).*lakebase\.extraCaFile/);
    assert.match(explainConnectError({ code: "ERR_TLS_CERT_ALTNAME_INVALID", message: "Hostname/IP does not match" }, "h"), /could not be verified \(ERR_TLS_CERT_ALTNAME_INVALID/);
  });
  it("says how to create a missing login role, naming the branch", () => {
    const missing = { code: "28000", message: 'role "app-sp" does not exist' };
    assert.equal(explainConnectError(missing, "app-sp@h:5432/db", "projects/p/branches/dev/endpoints/primary"),
      'Login to app-sp@h:5432/db was refused: role "app-sp" does not exist. Only the project owner can log in until a Postgres role exists for an identity: '
      + 'run "Lakebase: Create Postgres Role for a Databricks Identity" on branch dev as the project owner, then try again.');
    assert.match(explainConnectError(missing, "h"), /Create Postgres Role for a Databricks Identity" on the branch as/);
    // Other 28000 refusals keep the generic advice.
    assert.match(explainConnectError({ code: "28000", message: "no PostgreSQL user name specified in startup packet" }, "h"), /Check the Postgres role for this identity exists/);
  });
});
