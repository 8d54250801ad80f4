import assert from "node:assert/strict";
import { lastSegment, parseResourceName, projectNameOf } from "../../../src/core/lakebase/resourceNames";

describe("lakebase: resource names", () => {
  it("parses every level", () => {
    assert.deepEqual(parseResourceName("projects/p"), { project: "p" });
    assert.deepEqual(parseResourceName("projects/p/branches/b"), { project: "p", branch: "b" });
    assert.deepEqual(parseResourceName("projects/p/branches/b/endpoints/e"), { project: "p", branch: "b", endpoint: "e" });
    assert.deepEqual(parseResourceName("projects/p/branches/b/databases/d"), { project: "p", branch: "b", database: "d" });
    assert.deepEqual(parseResourceName("projects/p/branches/b/roles/r"), { project: "p", branch: "b", role: "r" });
  });

  it("keeps UUID project ids and generated branch ids as they are", () => {
    const name = "projects/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0/branches/br-broad-pine-y12n6gnv/endpoints/ep-summer-frost-y131l3vx";
    assert.deepEqual(parseResourceName(name), { project: "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", branch: "br-broad-pine-y12n6gnv", endpoint: "ep-summer-frost-y131l3vx" });
  });

  it("reads the operation id of an operation name", () => {
    assert.deepEqual(parseResourceName("projects/p/branches/b/operations/123-abc"), { project: "p", branch: "b", operation: "123-abc" });
  });

  it("rejects names that are not Lakebase resource names, saying why", () => {
    assert.throws(() => parseResourceName("clusters/x"), /Not a Lakebase resource name: 'clusters\/x' \(expected 'projects\/<id>\/…'\)/);
    assert.throws(() => parseResourceName("projects/p/branches"), /'branches' has no id/);
    assert.throws(() => parseResourceName("projects/p/endpoints/e"), /unexpected 'endpoints'/);
    assert.throws(() => parseResourceName("projects/p/branches/b/tables/t"), /unexpected 'tables'/);
  });

  it("lastSegment and projectNameOf", () => {
    assert.equal(lastSegment("projects/p/branches/dev"), "dev");
    assert.equal(projectNameOf("projects/p/branches/dev/roles/r1"), "projects/p");
  });
});
