import assert from "node:assert/strict";
import pg from "pg";
import { ExplorerModel, type ExplorerNode } from "../../../src/core/explorer/model";
import { PgSchemaReader } from "../../../src/core/explorer/pgSchemaReader";
import { collect } from "../../../src/core/lakebase/paging";
import { useEmulator } from "../../support/emulator";
import { credentialPools, lakebaseClient } from "./emulatorClient";
import { nodeContextValue } from "../../../src/ui/explorer/contextValues";
import { nodeIcon } from "../../../src/ui/explorer/nodeIcons";

/** Explorer model over the real client, the emulator and its Postgres (seeded demo-app). */
describe("explorer model: profile → project → branch → resources → catalog", function () {
  this.timeout(60_000);
  let pools: ReturnType<typeof credentialPools>;
  let model: ExplorerModel;
  // Registered before useEmulator's own `after`, so pools close while Postgres still runs.
  after(async () => {
    model?.dispose();
    await pools?.end();
  });
  const emu = useEmulator({ operationPolls: 1, seed: true });

  const find = (nodes: ExplorerNode[], label: string) => {
    const n = nodes.find((x) => x.label === label);
    assert.ok(n, `no node '${label}' among ${nodes.map((x) => `${x.kind}:${x.label}`).join(", ")}`);
    return n;
  };

  before(async () => {
    const client = lakebaseClient(emu());
    pools = credentialPools(emu(), client);
    // Objects the seed does not have: a view, a second schema, a composite primary key.
    const pool = await pools.connect({ profileName: "emu", branchName: "projects/demo-app/branches/production", databaseName: "x", postgresDatabase: "databricks_postgres" });
    await pool.query(`
      CREATE VIEW paid_orders AS SELECT id, total FROM orders WHERE status = 'paid';
      CREATE SCHEMA analytics;
      CREATE TABLE analytics.daily (day date NOT NULL, region text NOT NULL, revenue numeric(12,2), PRIMARY KEY (day, region));
      COMMENT ON TABLE analytics.daily IS 'Revenue per day and region';`);
    model = new ExplorerModel({
      listProfiles: async () => [
        { name: "emu", host: emu().workspaceUrl, authType: "pat", isDefault: true },
        { name: "broken", host: "https://nowhere.invalid" },
      ],
      clientFor: (name) => {
        if (name === "broken") throw new Error("Profile broken has no usable credentials: run 'databricks auth login --profile broken'");
        return client;
      },
      schemaReader: new PgSchemaReader((ref) => pools.connect(ref)),
    });
  });
  it("lists profiles, and shows a profile's failure as an error node under it", async () => {
    const profiles = await model.children(undefined);
    assert.deepEqual(profiles.map((p) => p.label), ["emu", "broken"]);
    assert.equal(nodeContextValue(profiles[0]!), "lakebase.profile.default");
    const broken = await model.children(profiles[1]);
    assert.equal(broken.length, 1);
    assert.equal(broken[0]!.kind, "error");
    assert.match(broken[0]!.label, /^Could not list projects: Profile broken has no usable credentials/);
    assert.equal(broken[0]!.data?.kind === "error" && broken[0]!.data.retryNodeId, profiles[1]!.id);
  });

  it("walks profile → project → branches (default first, marked) → folders → items", async () => {
    const [emuProfile] = await model.children(undefined);
    const projects = await model.children(emuProfile);
    const demo = find(projects, "Demo app");
    assert.equal(demo.resourceName, "projects/demo-app");
    assert.equal(demo.id, "profile::emu::projects/demo-app");
    assert.equal(model.parent(demo)?.id, emuProfile!.id);

    const branches = await model.children(demo);
    assert.deepEqual(branches.map((b) => b.label), ["production", "dev"]);
    assert.match(branches[0]!.description ?? "", /^default · READY/);
    assert.equal(nodeContextValue(branches[0]!), "lakebase.branch.default");
    assert.equal(nodeContextValue(branches[1]!), "lakebase.branch");

    const folders = await model.children(branches[0]);
    assert.deepEqual(folders.map((f) => f.kind), ["endpointsFolder", "databasesFolder", "rolesFolder"]);
    const [endpoints, databases, roles] = await Promise.all(folders.map((f) => model.children(f)));
    assert.equal(endpoints!.length, 1);
    assert.equal(endpoints![0]!.label, "primary");
    assert.equal(endpoints![0]!.resourceName, "projects/demo-app/branches/production/endpoints/primary");
    assert.match(endpoints![0]!.description ?? "", /^(active|idle \(scaled to zero\)) · read-write/);
    assert.match(endpoints![0]!.tooltip ?? "", /host: 127\./);
    assert.deepEqual(databases!.map((d) => d.label), ["databricks_postgres"]);
    assert.ok(roles!.some((r) => r.label === emu().identities.user.email), roles!.map((r) => r.label).join(","));
  });

  it("browses database → schemas → tables and views → columns with type, nullability and primary key", async () => {
    const [emuProfile] = await model.children(undefined);
    const demo = find(await model.children(emuProfile), "Demo app");
    const prod = find(await model.children(demo), "production");
    const dbFolder = (await model.children(prod)).find((f) => f.kind === "databasesFolder")!;
    const db = find(await model.children(dbFolder), "databricks_postgres");

    const schemas = await model.children(db);
    assert.deepEqual(schemas.map((s) => s.label), ["public", "analytics"], "public first; no pg_catalog/information_schema/pg_toast");

    const rels = await model.children(schemas[0]);
    assert.deepEqual(rels.map((r) => `${r.kind}:${r.label}`), ["table:customers", "table:orders", "view:paid_orders"]);

    const cols = await model.children(find(rels, "customers"));
    assert.deepEqual(cols.map((c) => `${c.label} ${c.description}`), [
      "id integer · not null · PK",
      "name text · not null",
      "email text · not null",
      "created_at timestamp with time zone · not null",
    ]);
    assert.equal(nodeIcon(cols[0]!), "key");
    assert.match(cols[0]!.tooltip ?? "", /default nextval\('customers_id_seq'::regclass\)/);

    const viewCols = await model.children(find(rels, "paid_orders"));
    assert.deepEqual(viewCols.map((c) => `${c.label} ${c.description}`), ["id integer", "total numeric(10,2)"]);

    const daily = (await model.children(schemas[1]))[0]!;
    assert.equal(daily.label, "daily");
    assert.match(daily.tooltip ?? "", /Revenue per day and region/);
    const dailyCols = await model.children(daily);
    assert.deepEqual(dailyCols.map((c) => `${c.label} ${c.description}`), ["day date · not null · PK", "region text · not null · PK", "revenue numeric(12,2)"]);
  });

  it("refresh(node) reloads only that subtree and fires onDidChange", async () => {
    const [emuProfile] = await model.children(undefined);
    const demo = find(await model.children(emuProfile), "Demo app");
    const prod = find(await model.children(demo), "production");
    const dbFolder = (await model.children(prod)).find((f) => f.kind === "databasesFolder")!;
    const db = find(await model.children(dbFolder), "databricks_postgres");
    const publicSchema = (await model.children(db))[0]!;
    await model.children(publicSchema);

    const pool = await pools.connect({ profileName: "emu", branchName: "projects/demo-app/branches/production", databaseName: "x", postgresDatabase: "databricks_postgres" });
    await pool.query("CREATE TABLE audit_log (id bigint PRIMARY KEY)");
    assert.ok(!(await model.children(publicSchema)).some((r) => r.label === "audit_log"), "cached until refreshed");

    const fired: Array<string | undefined> = [];
    const sub = model.onDidChange((n) => fired.push(n?.id));
    model.refresh(publicSchema);
    sub.dispose();
    assert.deepEqual(fired, [publicSchema.id]);
    assert.ok((await model.children(publicSchema)).some((r) => r.label === "audit_log"));
    assert.equal(model.getNode(db.id)?.id, db.id, "ancestors stay cached");
  });

  it("creates, renames and deletes a database through the client (real Postgres behind it)", async () => {
    const c = lakebaseClient(emu());
    const branch = "projects/demo-app/branches/production";
    const owner = (await collect(c.listRoles(branch))).find((r) => r.status?.postgres_role === emu().identities.user.email)!;
    const db = await c.waitForOperation(await c.createDatabase(branch, "reports", { postgres_database: "reports", role: owner.name }));
    assert.equal(db.status?.role, owner.name);
    assert.equal((await c.getDatabase(db.name)).status?.postgres_database, "reports");
    const renamed = await c.waitForOperation(await c.updateDatabase(db.name, { spec: { postgres_database: "reports_v2" } }, "spec.postgres_database"));
    assert.equal(renamed.status?.postgres_database, "reports_v2");

    const direct = new pg.Client(await emu().postgres.superuser(branch));
    await direct.connect();
    try {
      const { rows } = await direct.query("SELECT datname FROM pg_database WHERE datname LIKE 'reports%'");
      assert.deepEqual(rows.map((r) => r.datname), ["reports_v2"]);
    } finally {
      await direct.end();
    }
    await c.waitForOperation(await c.deleteDatabase(db.name));
    assert.ok(!(await collect(c.listDatabases(branch))).some((d) => d.name === db.name));
  });
});
