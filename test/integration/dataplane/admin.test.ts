import assert from "node:assert/strict";
import pg from "pg";
import { connected, rejection, startHarness, type Harness } from "./dataPlaneHarness";
import type { EndpointAddress } from "../../../emulator/dataplane/index";

const DEV = "dev@example.com";
const BRANCH = "projects/admin/branches/production";

describe("data plane: databases, roles and superuser access", function () {
  this.timeout(60_000);
  let h: Harness;
  let addr: EndpointAddress;
  let su: pg.Client;
  before(async () => {
    h = await startHarness();
    await h.dp.createBranch(BRANCH);
    addr = await h.dp.openEndpoint(`${BRANCH}/endpoints/primary`, BRANCH);
    const cfg = await h.dp.superuser(BRANCH);
    su = new pg.Client(cfg);
    await su.connect();
  });
  after(async () => {
    await su?.end().catch(() => undefined);
    await h?.dispose();
  });

  it("gives superuser access to databricks_postgres on the branch cluster, with SCRAM", async () => {
    const { rows } = await su.query("SELECT current_database() AS db, rolsuper FROM pg_roles WHERE rolname = current_user");
    assert.deepEqual(rows[0], { db: "databricks_postgres", rolsuper: true });
    const hba = await su.query("SELECT DISTINCT auth_method FROM pg_hba_file_rules");
    assert.deepEqual(hba.rows.map((r) => r.auth_method), ["scram-sha-256"]);
    const owner = await su.query("SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = 'databricks_postgres'");
    assert.equal(owner.rows[0].owner, "databricks_superuser");
  });

  it("creates a database the owner can log into through the front door", async () => {
    await h.dp.createDatabase(BRANCH, "app_db", DEV);
    const c = await connected(addr, DEV, h.tokens.issue("tok-appdb", DEV), "app_db");
    try {
      const { rows } = await c.query("SELECT current_database() AS db, current_user AS usr");
      assert.deepEqual(rows[0], { db: "app_db", usr: DEV });
      await c.query("CREATE TABLE app_t (id int)");
    } finally {
      await c.end();
    }
    const owner = await su.query("SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = 'app_db'");
    assert.equal(owner.rows[0].owner, DEV);
  });

  it("drops a database even with sessions open", async () => {
    const c = await connected(addr, DEV, h.tokens.issue("tok-appdb-2", DEV), "app_db");
    await h.dp.dropDatabase(BRANCH, "app_db");
    await rejection(c.query("SELECT 1"));
    await c.end().catch(() => undefined);
    const { rowCount } = await su.query("SELECT 1 FROM pg_database WHERE datname = 'app_db'");
    assert.equal(rowCount, 0);
    await assert.rejects(h.dp.dropDatabase(BRANCH, "databricks_postgres"), /cannot be dropped/);
  });

  it("creates roles with attributes; a login role can use the front door", async () => {
    const sp = "0f1e2d3c-4b5a-6978-8091-a2b3c4d5e6f7";
    await h.dp.createRole(BRANCH, sp, { login: true, createdb: true, superuserMember: true });
    await h.dp.createRole(BRANCH, "readers", { login: false, bypassrls: true });
    const { rows } = await su.query(
      "SELECT rolname, rolcanlogin, rolcreatedb, rolbypassrls, pg_has_role(rolname, 'databricks_superuser', 'MEMBER') AS member FROM pg_roles WHERE rolname = ANY($1) ORDER BY rolname",
      [[sp, "readers"]],
    );
    assert.deepEqual(rows, [
      { rolname: sp, rolcanlogin: true, rolcreatedb: true, rolbypassrls: false, member: true },
      { rolname: "readers", rolcanlogin: false, rolcreatedb: false, rolbypassrls: true, member: false },
    ]);
    const c = await connected(addr, sp, h.tokens.issue("tok-sp", sp));
    assert.equal((await c.query("SELECT current_user AS u")).rows[0].u, sp);
    await c.query("CREATE TABLE sp_owned (id int)");
    await c.end();
    // Creating the same role again updates it instead of failing.
    await h.dp.createRole(BRANCH, "readers", { login: false, createrole: true });
    const again = await su.query("SELECT rolcreaterole, rolbypassrls FROM pg_roles WHERE rolname = 'readers'");
    assert.deepEqual(again.rows[0], { rolcreaterole: true, rolbypassrls: false });
  });

  it("drops a role that owns objects, handing them to databricks_superuser", async () => {
    const sp = "0f1e2d3c-4b5a-6978-8091-a2b3c4d5e6f7";
    await h.dp.dropRole(BRANCH, sp);
    const { rowCount } = await su.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [sp]);
    assert.equal(rowCount, 0);
    const owner = await su.query("SELECT tableowner FROM pg_tables WHERE tablename = 'sp_owned'");
    assert.equal(owner.rows[0].tableowner, "databricks_superuser");
    // Like the service: with its role gone the identity is refused until the role is created again.
    const refused = await rejection(connected(addr, sp, h.tokens.issue("tok-sp-gone", sp)));
    assert.equal(refused.code, "28000");
    assert.match(refused.message, /does not exist/);
    await h.dp.createRole(BRANCH, sp, { login: true });
    const c = await connected(addr, sp, h.tokens.issue("tok-sp-again", sp));
    assert.equal((await c.query("SELECT current_user AS u")).rows[0].u, sp);
    await c.end();
  });

  it("recovers when SQL changed or dropped an identity's role behind its back", async () => {
    const c = await connected(addr, DEV, h.tokens.issue("tok-heal-1", DEV));
    await c.end();
    await su.query(`ALTER ROLE "${DEV}" PASSWORD 'chosen-by-someone'`);
    const again = await connected(addr, DEV, h.tokens.issue("tok-heal-2", DEV));
    assert.equal((await again.query("SELECT current_user AS u")).rows[0].u, DEV);
    await again.end();
    await su.query(`DROP OWNED BY "${DEV}"`);
    await su.query(`DROP ROLE "${DEV}"`);
    const third = await connected(addr, DEV, h.tokens.issue("tok-heal-3", DEV));
    assert.equal((await third.query("SELECT current_user AS u")).rows[0].u, DEV);
    await third.end();
  });
});
