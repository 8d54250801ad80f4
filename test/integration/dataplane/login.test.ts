import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";
import { connected, rejection, useBranchEndpoint, type Harness } from "./dataPlaneHarness";
import type { EndpointAddress } from "../../../emulator/dataplane/index";

const run = promisify(execFile);
const BRANCH = "projects/login/branches/production";
const ENDPOINT = `${BRANCH}/endpoints/primary`;
const DEV = "dev@example.com";
const SP = "6b1f7b2e-3c51-4a8f-9d0e-1f2a3b4c5d6e";

describe("data plane: login through the front door", function () {
  this.timeout(60_000);
  const endpoint = useBranchEndpoint(BRANCH);
  let h: Harness;
  let addr: EndpointAddress;
  before(() => { h = endpoint.h(); addr = endpoint.addr(); });

  it("listens on its own loopback address, port 5432", () => {
    assert.match(addr.host, /^127\.\d+\.\d+\.\d+$/);
    assert.notEqual(addr.host, "127.0.0.1");
    assert.equal(addr.port, 5432);
  });

  it("logs in with a valid token as the identity, in databricks_postgres", async () => {
    const c = await connected(addr, DEV, h.tokens.issue("tok-dev-1", DEV));
    try {
      const { rows } = await c.query("SELECT current_database() AS db, current_user AS usr");
      assert.deepEqual(rows[0], { db: "databricks_postgres", usr: DEV });
      assert.deepEqual(h.tokens.checks.at(-1), { user: DEV, endpoint: ENDPOINT });
      // Members of databricks_superuser can create in public.
      await c.query("CREATE TABLE login_t (id int)");
      await c.query("INSERT INTO login_t VALUES (1)");
    } finally {
      await c.end();
    }
  });

  it("refuses an identity without a Postgres role (only the owner gets in before one exists) with how to create it", async () => {
    const err = await rejection(connected(addr, SP, h.tokens.issue("tok-sp-norole", SP)));
    assert.equal(err.code, "28000");
    assert.match(err.message, new RegExp(`^role "${SP}" does not exist`));
    assert.match(err.message, /create a Postgres role for this identity/i);
    assert.match(err.hint ?? "", new RegExp(`POST /api/2\\.0/postgres/${BRANCH}/roles`));
    assert.match(err.hint ?? "", /"identity_type":"SERVICE_PRINCIPAL","auth_method":"LAKEBASE_OAUTH_V1"/);
    const su = await h.dp.superuser(BRANCH);
    const admin = await connected({ host: su.host, port: su.port }, su.user, su.password);
    try {
      const { rowCount } = await admin.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [SP]);
      assert.equal(rowCount, 0, "a refused login creates no role");
    } finally {
      await admin.end();
    }
  });

  it("lets a service principal read tables another identity created, once its role exists", async () => {
    // What POST …/roles with membership_roles DATABRICKS_SUPERUSER does on the branch.
    await h.dp.createRole(BRANCH, SP, { login: true, superuserMember: true });
    const c = await connected(addr, SP, h.tokens.issue("tok-sp-1", SP));
    try {
      const { rows } = await c.query("SELECT count(*)::int AS n FROM login_t");
      assert.equal(rows[0].n, 1);
    } finally {
      await c.end();
    }
  });

  it("works with pg.Pool asking for the token lazily, as the official driver does", async () => {
    let asked = 0;
    const pool = new pg.Pool({
      host: addr.host, port: addr.port, user: DEV, database: "databricks_postgres", max: 2,
      password: async () => h.tokens.issue(`tok-lazy-${++asked}`, DEV),
    });
    try {
      const [a, b] = await Promise.all([pool.query("SELECT pg_sleep(0.2), 1 AS n"), pool.query("SELECT pg_sleep(0.2), 2 AS n")]);
      assert.deepEqual([a.rows[0].n, b.rows[0].n], [1, 2]);
      assert.equal(asked, 2, "one fresh token per physical connection");
    } finally {
      await pool.end();
    }
  });

  it("handles a burst of first logins to a fresh branch by a new identity", async () => {
    const fresh = "projects/burst/branches/production";
    await h.dp.createBranch(fresh);
    const a = await h.dp.openEndpoint(`${fresh}/endpoints/primary`, fresh);
    const who = "burst@example.com";
    h.roles.setOwner(fresh, who); // the owner's role is on record, made at its first login
    const clients = await Promise.all(Array.from({ length: 12 }, (_, i) => connected(a, who, h.tokens.issue(`tok-burst-${i}`, who))));
    try {
      const users = await Promise.all(clients.map(async (c) => (await c.query("SELECT current_user AS u")).rows[0].u));
      assert.deepEqual(new Set(users), new Set([who]));
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  });

  it("refuses an unknown or wrong token with 28P01", async () => {
    const err = await rejection(connected(addr, DEV, "not-a-token"));
    assert.equal(err.code, "28P01");
    assert.match(err.message, /password authentication failed for user "dev@example.com"/);
    // A token minted for someone else is refused too.
    const other = await rejection(connected(addr, DEV, h.tokens.issue("tok-sp-2", SP)));
    assert.equal(other.code, "28P01");
  });

  it("refuses an expired token while a session opened with it keeps working", async () => {
    const token = h.tokens.issue("tok-dev-exp", DEV);
    const open = await connected(addr, DEV, token);
    try {
      h.tokens.expire(token);
      const err = await rejection(connected(addr, DEV, token));
      assert.equal(err.code, "28P01");
      assert.match(err.hint ?? "", /expired/);
      const { rows } = await open.query("SELECT 41 + 1 AS answer");
      assert.equal(rows[0].answer, 42);
    } finally {
      await open.end();
    }
  });

  it("accepts two valid tokens for the same identity at once", async () => {
    const a = await connected(addr, DEV, h.tokens.issue("tok-dev-a", DEV));
    const b = await connected(addr, DEV, h.tokens.issue("tok-dev-b", DEV));
    try {
      const [ra, rb] = await Promise.all([a.query("SELECT pg_backend_pid() AS pid"), b.query("SELECT pg_backend_pid() AS pid")]);
      assert.notEqual(ra.rows[0].pid, rb.rows[0].pid);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it("passes the backend's error through for a database that does not exist", async () => {
    const err = await rejection(connected(addr, DEV, h.tokens.issue("tok-dev-db", DEV), "no_such_db"));
    assert.equal(err.code, "3D000");
  });

  it("refuses internal role names even with an accepted token", async () => {
    const err = await rejection(connected(addr, "databricks_superuser", h.tokens.issue("tok-int", "databricks_superuser")));
    assert.equal(err.code, "28000");
  });

  it("works with psql (SSLRequest answered with N, cleartext password)", async () => {
    const { stdout } = await run("psql", ["-h", addr.host, "-p", String(addr.port), "-U", DEV, "-d", "databricks_postgres", "-Atc", "SELECT current_database() || ' ' || current_user"], {
      env: { ...process.env, PGPASSWORD: h.tokens.issue("tok-psql", DEV), PGSSLMODE: "prefer", PGCONNECT_TIMEOUT: "10" },
    });
    assert.equal(stdout.trim(), `databricks_postgres ${DEV}`);
  });

  it("gives each endpoint its own address and keeps it across reopen", async () => {
    const other = "projects/login/branches/production/endpoints/second";
    const a2 = await h.dp.openEndpoint(other, BRANCH);
    assert.notEqual(a2.host, addr.host);
    assert.equal(a2.port, 5432);
    await h.dp.closeEndpoint(other);
    await rejection(connected(a2, DEV, h.tokens.issue("tok-closed", DEV)));
    const again = await h.dp.openEndpoint(other, BRANCH);
    assert.equal(again.host, a2.host);
    const c = await connected(again, DEV, h.tokens.issue("tok-again", DEV));
    await c.end();
  });
});
