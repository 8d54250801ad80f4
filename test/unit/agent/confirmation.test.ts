import assert from "node:assert/strict";
import { findTool } from "../../../src/core/agent/agentTools";
import { toolConfirmation } from "../../../src/core/agent/confirmation";
import { DEFAULT_AGENT_POLICY } from "../../../src/core/agent/toolDefinition";
import type { WorkspaceTarget } from "../../../src/core/target/targetStore";

const target: WorkspaceTarget = {
  profile: "dev", project: "projects/shop", branch: "projects/shop/branches/production", endpoint: "projects/shop/branches/production/endpoints/primary",
  database: "databricks_postgres", host: "h", branchLabel: "production", projectLabel: "Shop",
};

describe("agent tool confirmations", () => {
  it("read-only tools only get a progress line", () => {
    assert.deepEqual(toolConfirmation(findTool("lakebase_query")!, { sql: "SELECT 1" }, target, DEFAULT_AGENT_POLICY), { invocationMessage: "Lakebase: read-only query: SELECT 1" });
  });

  it("changing tools ask, naming the source branch, the SQL and the guard", () => {
    const c = toolConfirmation(findTool("lakebase_create_branch")!, { sql: "ALTER TABLE t ADD c int" }, target, DEFAULT_AGENT_POLICY);
    assert.equal(c.confirm?.title, "Lakebase: Create a throwaway branch");
    assert.equal(c.confirm?.message, "create a throwaway branch (TTL 60 min) and run: ALTER TABLE t ADD c int.\n\nTarget: **production** of Shop (profile dev).\n\n```sql\nALTER TABLE t ADD c int\n```\n\nDefault and protected branches are never written to.");
    const exec = toolConfirmation(findTool("lakebase_execute")!, { branch: "agent-1", sql: "DELETE FROM t" }, target, { ...DEFAULT_AGENT_POLICY, allowProtectedBranches: true });
    assert.match(exec.confirm!.message, /Writes to branch \*\*agent-1\*\*\./);
    assert.match(exec.confirm!.message, /may be written to: `lakebase\.agent\.allowProtectedBranches` is on/);
  });
});
