import assert from "node:assert/strict";
import { columnNode, relationNode, schemaNode } from "../../../src/core/explorer/catalogNodes";
import { errorNode, loadMoreNode } from "../../../src/core/explorer/nodes";
import { branchNode, databaseNode, endpointNode, folderNode, profileNode, projectNode, roleNode } from "../../../src/core/explorer/resourceNodes";
import type { DatabaseRef } from "../../../src/core/explorer/schemaReader";
import { describeLakebaseError } from "../../../src/core/lakebase/errors";
import { nodeContextValue } from "../../../src/ui/explorer/contextValues";
import { nodeIcon } from "../../../src/ui/explorer/nodeIcons";

const ref: DatabaseRef = { profileName: "dev", branchName: "projects/p/branches/main", databaseName: "projects/p/branches/main/databases/db-x1", postgresDatabase: "app" };

describe("explorer: node builders", () => {
  it("ids come from profile + resource names, not labels", () => {
    const p = projectNode("dev", { name: "projects/0f1e-uuid", project_id: "0f1e-uuid", status: { display_name: "Shop", pg_version: 17 } });
    assert.equal(p.id, "profile::dev::projects/0f1e-uuid");
    assert.equal(p.label, "Shop");
    assert.equal(p.description, "0f1e-uuid · PG 17");
    assert.equal(projectNode("other", { name: "projects/0f1e-uuid" }).id, "profile::other::projects/0f1e-uuid", "same project under two profiles stays distinct");
    assert.equal(folderNode("dev", "projects/p/branches/main", "roles").id, "profile::dev::projects/p/branches/main::roles");
  });

  it("soft-deleted projects are leaves with their own context value", () => {
    const p = projectNode("dev", { name: "projects/old", delete_time: "2026-01-01T00:00:00Z" });
    assert.equal(p.collapsible, false);
    assert.equal(nodeContextValue(p), "lakebase.project.deleted");
    assert.match(p.description ?? "", /deleted/);
  });

  it("branch nodes mark the default and protected branch", () => {
    const b = branchNode("dev", { name: "projects/p/branches/production", branch_id: "production", status: { default: true, is_protected: true, current_state: "READY" } });
    assert.equal(nodeContextValue(b), "lakebase.branch.default.protected");
    assert.equal(nodeIcon(b), "star-full");
    assert.equal(b.description, "default · READY · protected");
  });

  it("a protected branch has a lock; an ordinary one the branch icon", () => {
    const p = branchNode("dev", { name: "projects/p/branches/staging", branch_id: "staging", status: { is_protected: true, current_state: "READY" } });
    assert.equal(nodeIcon(p), "lock");
    assert.equal(nodeContextValue(p), "lakebase.branch.protected");
    assert.match(p.tooltip ?? "", /protected: it cannot be deleted/);
    assert.equal(nodeIcon(branchNode("dev", { name: "projects/p/branches/dev", branch_id: "dev", status: { current_state: "READY" } })), "git-branch");
  });

  it("endpoint nodes show state, type and range; icon follows the state", () => {
    const e = endpointNode("dev", { name: "projects/p/branches/b/endpoints/primary", status: { current_state: "IDLE", endpoint_type: "ENDPOINT_TYPE_READ_WRITE", autoscaling_limit_min_cu: 0.5, autoscaling_limit_max_cu: 4, hosts: { host: "ep-x.example" } } });
    assert.equal(e.label, "primary");
    assert.equal(e.description, "idle (scaled to zero) · read-write · 0.5–4 CU"); // issue #16: the compute state in words
    assert.equal(nodeIcon(e), "vm-outline");
    assert.equal(nodeContextValue(e), "lakebase.endpoint.readWrite");
    assert.match(e.tooltip ?? "", /host: ep-x\.example/);
  });

  it("database nodes are labelled with the Postgres name and carry a DatabaseRef", () => {
    const d = databaseNode("dev", "projects/p/branches/main", { name: ref.databaseName, database_id: "db-x1", status: { postgres_database: "app" } });
    assert.equal(d.label, "app");
    assert.equal(d.description, "db-x1");
    assert.deepEqual(d.data?.kind === "database" && d.data.ref, ref);
  });

  it("role and profile nodes", () => {
    const r = roleNode("dev", { name: "projects/p/branches/b/roles/sp", status: { postgres_role: "8a7b-app", identity_type: "SERVICE_PRINCIPAL", auth_method: "LAKEBASE_OAUTH_V1" } });
    assert.equal(r.label, "8a7b-app");
    assert.equal(r.description, "service principal · LAKEBASE_OAUTH_V1");
    assert.equal(nodeIcon(r), "robot");
    const p = profileNode({ name: "prod", host: "https://adb-1.azuredatabricks.net", isDefault: true });
    assert.equal(p.description, "default · adb-1.azuredatabricks.net");
    const bad = profileNode({ name: "bad", problem: "no host" });
    assert.equal(nodeIcon(bad), "warning");
    assert.equal(bad.data?.kind === "profile" && bad.data.problem, "no host");
    // A section with no credentials is not a CLI login: the tooltip says it has no auth.
    assert.match(bad.tooltip ?? "", /^auth: none$/m);
    assert.match(profileNode({ name: "u2m", host: "https://h", authType: "databricks-cli" }).tooltip ?? "", /^auth: databricks-cli$/m);
  });

  it("catalog nodes: schema, table vs view, column with PK and nullability", () => {
    assert.equal(schemaNode(ref, { name: "public" }).id, `profile::dev::${ref.databaseName}::schema:public`);
    assert.equal(relationNode(ref, "public", { name: "v", kind: "materialized view" }).kind, "view");
    assert.equal(relationNode(ref, "public", { name: "v", kind: "materialized view" }).description, "materialized view");
    assert.equal(relationNode(ref, "public", { name: "t", kind: "table" }).kind, "table");
    const c = columnNode(ref, "public", "t", { name: "id", dataType: "bigint", nullable: false, isPrimaryKey: true, position: 1 });
    assert.equal(c.description, "bigint · not null · PK");
    assert.equal(nodeIcon(c), "key");
    assert.equal(c.id, `profile::dev::${ref.databaseName}::schema:public::rel:t::col:id`);
    assert.equal(columnNode(ref, "public", "t", { name: "note", dataType: "text", nullable: true, isPrimaryKey: false, position: 2 }).description, "text");
  });

  it("load-more and error nodes carry what the command needs", () => {
    const m = loadMoreNode("profile::dev", "dev", "tok", 50);
    assert.deepEqual(m.data, { kind: "loadMore", profileName: "dev", parentId: "profile::dev", pageToken: "tok" });
    const e = errorNode("profile::dev", "Could not list projects: boom", new Error("boom"), "dev");
    assert.equal(e.data?.kind === "error" && e.data.retryNodeId, "profile::dev");
    assert.equal(nodeContextValue(e), "lakebase.error.retryable");
  });

  it("describeLakebaseError appends error code and request id once", () => {
    const err = Object.assign(new Error("Cannot delete root branch 'x'"), { errorCode: "BAD_REQUEST", requestId: "r-1" });
    assert.equal(describeLakebaseError(err), "Cannot delete root branch 'x' (BAD_REQUEST, request id r-1)");
    assert.equal(describeLakebaseError(Object.assign(new Error("Not found"), { status: 404 })), "Not found (HTTP 404)");
    assert.equal(describeLakebaseError(new Error("plain")), "plain");
  });
});
