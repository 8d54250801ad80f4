import assert from "node:assert/strict";
import { credentialView, targetStatusLabel } from "../../../src/ui/credentials/credentialView";

const base = { profile: "dev", project: "projects/p", endpoint: "projects/p/branches/b/endpoints/primary", database: "databricks_postgres", host: "h" };

describe("status bar label of the target", () => {
  it("a protected branch shows a lock; others do not", () => {
    assert.equal(targetStatusLabel({ ...base, branch: "projects/p/branches/staging", branchLabel: "staging", isProtected: true }), "$(lock) staging");
    assert.equal(targetStatusLabel({ ...base, branch: "projects/p/branches/dev", branchLabel: "dev" }), "dev");
    assert.equal(targetStatusLabel({ ...base, branch: "projects/p/branches/feature-x" }), "feature-x");
    const view = credentialView({ label: targetStatusLabel({ ...base, branch: "projects/p/branches/staging", isProtected: true }), profile: "dev", endpoint: base.endpoint, database: base.database, now: 0 });
    assert.match(view.text, /^\$\(sync~spin\) \$\(lock\) staging$/);
  });
});
