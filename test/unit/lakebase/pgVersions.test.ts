import * as assert from "node:assert/strict";
import { checkPgVersion, DEFAULT_PG_VERSION, pgVersionChoices } from "../../../src/core/lakebase/pgVersions";

describe("PostgreSQL versions offered for a new project", () => {
  it("offers 16, 17 and 18 with the documented default (17) first and marked", () => {
    const rows = pgVersionChoices();
    assert.deepEqual(rows.map((r) => r.version), [17, 18, 16]);
    assert.equal(rows[0].version, DEFAULT_PG_VERSION);
    assert.deepEqual(rows.map((r) => r.description), ["default", undefined, undefined]);
    assert.deepEqual(rows.map((r) => r.label), ["PostgreSQL 17", "PostgreSQL 18", "PostgreSQL 16"]);
  });

  it("accepts a documented version and explains any other", () => {
    for (const v of [16, 17, 18]) assert.equal(checkPgVersion(v), undefined);
    assert.equal(checkPgVersion(15), "pgVersion must be one of 16, 17, 18 (the PostgreSQL versions Lakebase offers); got 15.");
    assert.match(checkPgVersion("18") ?? "", /got "18"/);
  });
});
