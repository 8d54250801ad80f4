import assert from "node:assert/strict";
import { assertResourceId, checkResourceId, InvalidResourceIdError } from "../../../src/core/lakebase/ids";

describe("lakebase: user-typed resource ids", () => {
  for (const ok of ["a", "dev", "feature-123", "a".repeat(63), "x-1-y"]) {
    it(`accepts branch id '${ok.slice(0, 12)}'`, () => assert.equal(checkResourceId("branch", ok), undefined));
  }

  it("says ids start with a lowercase letter", () => {
    assert.equal(checkResourceId("branch", "1dev"), "Branch ids start with a lowercase letter (a–z); '1dev' starts with '1'.");
    assert.match(checkResourceId("project", "-x")!, /^Project ids start with a lowercase letter/);
  });

  it("names the offending character and suggests the fix", () => {
    assert.equal(checkResourceId("endpoint", "my_ep"), "Endpoint ids may contain only lowercase letters, digits and '-'; '_' at position 3 is not allowed (use '-' instead of '_').");
    assert.match(checkResourceId("project", "myProject")!, /'P' at position 3 is not allowed \(use lowercase\)/);
    assert.match(checkResourceId("project", "a b")!, /' ' at position 2/);
  });

  it("checks lengths: 1–63 for project/branch/endpoint, 4–63 for database/role", () => {
    assert.match(checkResourceId("project", "")!, /Project id is empty/);
    assert.match(checkResourceId("branch", "a".repeat(64))!, /at most 63 characters long; this one has 64/);
    assert.equal(checkResourceId("branch", "abc"), undefined);
    assert.equal(checkResourceId("database", "abc"), "Database ids are 4–63 characters long; 'abc' has 3.");
    assert.match(checkResourceId("role", "ab")!, /^Role ids are 4–63 characters long/);
    assert.equal(checkResourceId("role", "abcd"), undefined);
    assert.match(checkResourceId("database", "")!, /Database id is empty: enter 4 to 63 characters/);
  });

  it("assertResourceId throws a typed error carrying the kind and id", () => {
    assert.throws(() => assertResourceId("branch", "Dev"), (e: unknown) => e instanceof InvalidResourceIdError && e.kind === "branch" && e.id === "Dev" && /lowercase/.test(e.message));
    assert.doesNotThrow(() => assertResourceId("branch", "dev"));
  });
});
