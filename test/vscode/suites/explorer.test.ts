// The explorer in a real VS Code: profiles from the emulator's config file with their states,
// provisioning through the commands, the tree showing the results, and the workspace target.
import * as assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import pg from "pg";
import * as vscode from "vscode";
import { activateExtension, rest, stubWindow, waitFor, emuSsl } from "../support/emulatorRest";

interface Node { id: string; kind: string; label: string; description?: string; resourceName?: string }
interface Api { profiles(): Array<{ name: string; state: string; authType?: string; host?: string }>; target(): { endpoint: string; branch: string; database: string } | undefined }

const children = (id?: string) => vscode.commands.executeCommand<Node[]>("lakebase.explorer.children", id);

describe("explorer", function () {
  this.timeout(90000);
  let api: Api;
  before(async () => { api = await activateExtension<Api>(); });

  it("lists the emulator's PAT and M2M profiles, both validated", async () => {
    const roots = await children();
    assert.deepEqual(roots.map((n) => n.label).sort(), ["emulator", "emulator-m2m"]);
    // Showing the tree validates each profile against SCIM Me in the background.
    const states = await waitFor("both profiles validated", () => {
      const s = api.profiles();
      return s.every((p) => p.state === "valid") ? s : undefined;
    });
    assert.deepEqual(states.map((p) => [p.name, p.authType]).sort(), [["emulator", "pat"], ["emulator-m2m", "oauth-m2m"]]);
  });

  it("creates a project and a branch through the commands, shows them, selects a target, deletes the branch", async () => {
    const project = await vscode.commands.executeCommand<{ name: string }>("lakebase.project.create", { profile: "emulator", projectId: "vscode-explorer", displayName: "VS Code explorer test" });
    assert.equal(project.name, "projects/vscode-explorer");
    const projects = await waitFor("the project in the tree", async () => {
      const nodes = await children("profile::emulator");
      return nodes.some((n) => n.resourceName === "projects/vscode-explorer") ? nodes : undefined;
    });
    const projectNode = projects.find((n) => n.resourceName === "projects/vscode-explorer")!;
    assert.equal(projectNode.label, "VS Code explorer test");

    const branch = await vscode.commands.executeCommand<{ name: string }>("lakebase.branch.create", { profile: "emulator", sourceBranch: "projects/vscode-explorer/branches/production", branchId: "feature-x", ttlSeconds: 3600 });
    assert.equal(branch.name, "projects/vscode-explorer/branches/feature-x");
    const branches = await waitFor("the branch in the tree", async () => {
      const nodes = await children(projectNode.id);
      return nodes.some((n) => n.resourceName === branch.name) ? nodes : undefined;
    });
    assert.equal(branches[0]!.label, "production", "the default branch comes first");
    const featureNode = branches.find((n) => n.resourceName === branch.name)!;
    assert.match(featureNode.description ?? "", /expires/);

    const folders = await children(featureNode.id);
    const endpointsFolder = folders.find((n) => n.kind === "endpointsFolder")!;
    const endpoints = await children(endpointsFolder.id);
    assert.equal(endpoints.length, 1);
    const endpointName = endpoints[0]!.resourceName!;

    await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint: endpointName });
    assert.deepEqual(api.target() && { endpoint: api.target()!.endpoint, branch: api.target()!.branch, database: api.target()!.database },
      { endpoint: endpointName, branch: branch.name, database: "databricks_postgres" });

    await vscode.commands.executeCommand("lakebase.branch.delete", { profile: "emulator", branch: branch.name, confirm: false });
    const after = await rest("GET", "/api/2.0/postgres/projects/vscode-explorer/branches");
    assert.deepEqual(after.json.branches.map((b: { name: string }) => b.name), ["projects/vscode-explorer/branches/production"]);
    const shown = await children(projectNode.id);
    assert.ok(!shown.some((n) => n.resourceName === branch.name), "the deleted branch left the tree");
    await vscode.commands.executeCommand("lakebase.target.clear");
  });

  it("shows the API's own message when the root branch cannot be deleted", async () => {
    const before = await rest("GET", "/api/2.0/postgres/projects/vscode-explorer/branches/production");
    assert.equal(before.status, 200);
    // The command wrapper shows the API's own refusal; the branch stays.
    const toast = stubWindow("showErrorMessage", () => undefined);
    try {
      await vscode.commands.executeCommand("lakebase.branch.delete", { profile: "emulator", branch: "projects/vscode-explorer/branches/production", confirm: false });
    } finally {
      toast.restore();
    }
    assert.equal(toast.calls.length, 1);
    assert.match(String(toast.calls[0]![0]), /Cannot delete root branch 'projects\/vscode-explorer\/branches\/production'/);
    const still = await rest("GET", "/api/2.0/postgres/projects/vscode-explorer/branches/production");
    assert.equal(still.status, 200);
    assert.equal(still.json.delete_time, undefined);
  });

  it("shows the API's own refusal when a protected branch cannot be deleted", async () => {
    const created = await rest("POST", "/api/2.0/postgres/projects/vscode-explorer/branches?branch_id=guarded",
      { spec: { source_branch: "projects/vscode-explorer/branches/production", no_expiry: true, is_protected: true } });
    assert.equal(created.status, 200, JSON.stringify(created.json));
    const name = "projects/vscode-explorer/branches/guarded";
    await waitFor("the protected branch", async () => ((await rest("GET", `/api/2.0/postgres/${name}`)).json?.status?.current_state === "READY" ? true : undefined));
    const toast = stubWindow("showErrorMessage", () => undefined);
    try {
      await vscode.commands.executeCommand("lakebase.branch.delete", { profile: "emulator", branch: name, confirm: false });
    } finally {
      toast.restore();
    }
    assert.equal(toast.calls.length, 1);
    assert.match(String(toast.calls[0]![0]), /^cannot delete protected branch/);
    assert.equal((await rest("GET", `/api/2.0/postgres/${name}`)).status, 200, "the branch stays");
    // Unprotected, it goes (and later tests see only production).
    await rest("PATCH", `/api/2.0/postgres/${name}?update_mask=spec.is_protected`, { spec: { is_protected: false } });
    await vscode.commands.executeCommand("lakebase.branch.delete", { profile: "emulator", branch: name, confirm: false });
    await waitFor("the branch deleted", async () => {
      const left = (await rest("GET", "/api/2.0/postgres/projects/vscode-explorer/branches")).json.branches as Array<{ name: string }>;
      return left.some((b) => b.name === name) ? undefined : true;
    });
  });

  it("browses a database down to columns with types and primary keys", async () => {
    const branchNodes = await children("profile::emulator::projects/vscode-explorer");
    const production = branchNodes.find((n) => n.label === "production")!;
    // A table to browse, made the way an app would: a credential from the API, then pg.
    const ep = (await rest("GET", "/api/2.0/postgres/projects/vscode-explorer/branches/production/endpoints")).json.endpoints[0];
    const cred = await rest("POST", "/api/2.0/postgres/credentials", { endpoint: ep.name });
    const client = new pg.Client({ host: ep.status.hosts.host, port: 5432, user: "dev@example.com", database: "databricks_postgres", password: cred.json.token, ssl: emuSsl(ep.status.hosts.host) });
    await client.connect();
    await client.query("CREATE TABLE IF NOT EXISTS public.orders (id bigint PRIMARY KEY, note text)");
    await client.end();
    const folders = await children(production.id);
    const dbFolder = folders.find((n) => n.kind === "databasesFolder")!;
    const dbs = await children(dbFolder.id);
    assert.deepEqual(dbs.map((d) => d.label), ["databricks_postgres"]);
    const schemas = await children(dbs[0]!.id);
    const publicSchema = schemas.find((s) => s.label === "public");
    assert.ok(publicSchema, `schemas: ${schemas.map((s) => s.label).join(", ")}`);
    const tables = await children(publicSchema.id);
    const orders = tables.find((t) => t.label === "orders");
    assert.ok(orders, `tables: ${tables.map((t) => t.label).join(", ")}`);
    const columns = await children(orders.id);
    assert.deepEqual(columns.map((c) => c.label), ["id", "note"]);
    assert.match(columns[0]!.description ?? "", /bigint/);
    assert.match(`${columns[0]!.description} ${(columns[0] as { contextValue?: string }).contextValue}`, /primary|PK|primaryKey/i);
  });
});

describe("explorer: roles", function () {
  this.timeout(60000);
  it("creates an OAuth Postgres role for a service principal; a wrong identity is refused before any call", async () => {
    await activateExtension();
    await vscode.commands.executeCommand("lakebase.project.create", { profile: "emulator", projectId: "vscode-roles" });
    const branch = "projects/vscode-roles/branches/production";
    // The SP's application id is its client id in the emulator's config file.
    const clientId = readConfigValue("emulator-m2m", "client_id");
    // Before its role exists the SP is refused, told to create the role (only the owner gets in).
    const endpoint = `${branch}/endpoints/primary`;
    await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator-m2m", endpoint, database: "databricks_postgres" });
    const query = () => vscode.commands.executeCommand<{ status: string; error?: { message: string; sqlstate?: string }; results: Array<{ rows?: unknown[][] }> }>(
      "lakebase.query.run", { sql: "SELECT current_user", returnRows: 1 });
    const refused = await query();
    assert.equal(refused.error?.sqlstate, "28000", JSON.stringify(refused.error));
    assert.match(refused.error!.message, new RegExp(`role "${clientId}" does not exist`));
    assert.match(refused.error!.message, /run "Lakebase: Create Postgres Role for a Databricks Identity" on branch production as the project owner/);
    const role = await vscode.commands.executeCommand<{ name: string; status: { postgres_role: string; identity_type: string; auth_method: string } }>(
      "lakebase.role.create", { profile: "emulator", branch, identityType: "SERVICE_PRINCIPAL", identity: clientId });
    assert.equal(role.status.postgres_role, clientId);
    assert.equal(role.status.identity_type, "SERVICE_PRINCIPAL");
    assert.equal(role.status.auth_method, "LAKEBASE_OAUTH_V1");
    const roles = await rest("GET", `/api/2.0/postgres/${branch}/roles`);
    assert.ok(roles.json.roles.some((r: { status: { postgres_role: string } }) => r.status.postgres_role === clientId));
    // Now the SP gets in.
    const admitted = await query();
    assert.equal(admitted.error, undefined, JSON.stringify(admitted.error));
    assert.deepEqual(admitted.results[0]!.rows, [[clientId]]);
    await vscode.commands.executeCommand("lakebase.target.clear");
    // A wrong identity is refused before any call, with a message that says what is expected.
    const before = (await rest("GET", `/api/2.0/postgres/${branch}/roles`)).json.roles.length;
    await vscode.commands.executeCommand("lakebase.role.create", { profile: "emulator", branch, identityType: "USER", identity: "not-an-email" });
    assert.equal((await rest("GET", `/api/2.0/postgres/${branch}/roles`)).json.roles.length, before);
  });
});

function readConfigValue(section: string, key: string): string {
  const text = readFileSync(process.env.LAKEBASE_TEST_CONFIG_FILE!, "utf8");
  const body = text.split(/^\[/m).find((s) => s.startsWith(`${section}]`)) ?? "";
  const value = body.match(new RegExp(`^${key}\\s*=\\s*(\\S+)`, "m"))?.[1];
  assert.ok(value, `${section}.${key} in the config file`);
  return value;
}
