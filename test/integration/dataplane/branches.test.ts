import assert from "node:assert/strict";
import { connected, startHarness, type Harness } from "./dataPlaneHarness";

const DEV = "dev@example.com";
const PROD = "projects/br/branches/production";
const CHILD = "projects/br/branches/feature";

describe("data plane: branches", function () {
  this.timeout(60_000);
  let h: Harness;
  before(async () => { h = await startHarness(); });
  after(async () => { await h?.dispose(); });

  it("copies a running branch without interrupting its open session, then keeps both isolated", async () => {
    await h.dp.createBranch(PROD);
    const prodAddr = await h.dp.openEndpoint(`${PROD}/endpoints/primary`, PROD);
    const parent = await connected(prodAddr, DEV, h.tokens.issue("tok-parent", DEV));
    try {
      await parent.query("CREATE TABLE items (id int PRIMARY KEY, note text)");
      await parent.query("INSERT INTO items SELECT g, 'before' FROM generate_series(1, 1000) g");
      // An open transaction on the parent during the copy: it must neither block the copy nor be disturbed.
      await parent.query("BEGIN");
      await parent.query("INSERT INTO items VALUES (5000, 'uncommitted during copy')");
      let busy = true;
      let parentQueries = 0;
      const during = (async () => {
        while (busy) {
          await parent.query("SELECT count(*) FROM items");
          parentQueries++;
        }
      })();
      const { lsn } = await h.dp.createBranch(CHILD, { copyFrom: PROD });
      busy = false;
      await during;
      assert.match(lsn, /^[0-9A-F]+\/[0-9A-F]+$/);
      assert.ok(parentQueries > 0, "the parent session answered queries during the copy");
      await parent.query("COMMIT");
      await parent.query("INSERT INTO items VALUES (2001, 'parent after copy')");

      const childAddr = await h.dp.openEndpoint(`${CHILD}/endpoints/primary`, CHILD);
      assert.notEqual(childAddr.host, prodAddr.host);
      const child = await connected(childAddr, DEV, h.tokens.issue("tok-child", DEV));
      try {
        const { rows: [c] } = await child.query("SELECT current_database() AS db, count(*)::int AS n, max(id) AS max FROM items");
        assert.equal(c.db, "databricks_postgres");
        assert.equal(c.n, 1000, "data present at copy time is in the child; later or uncommitted rows are not");
        await child.query("INSERT INTO items VALUES (3001, 'child only')");
        const { rows: [p] } = await parent.query("SELECT count(*)::int AS n, bool_or(id = 3001) AS has_child_row FROM items");
        assert.equal(p.n, 1002);
        assert.equal(p.has_child_row, false);
        const { rows: [c2] } = await child.query("SELECT count(*)::int AS n, bool_or(id = 2001) AS has_parent_row FROM items");
        assert.equal(c2.n, 1001);
        assert.equal(c2.has_parent_row, false);
      } finally {
        await child.end();
      }
    } finally {
      await parent.end();
    }
  });

  it("creates a branch of a never-used branch lazily, from the template", async () => {
    const lazyParent = "projects/lazy/branches/production";
    const lazyChild = "projects/lazy/branches/dev";
    await h.dp.createBranch(lazyParent);
    const { lsn } = await h.dp.createBranch(lazyChild, { copyFrom: lazyParent });
    assert.match(lsn, /^[0-9A-F]+\/[0-9A-F]+$/);
    const addr = await h.dp.openEndpoint(`${lazyChild}/endpoints/primary`, lazyChild);
    const c = await connected(addr, DEV, h.tokens.issue("tok-lazy", DEV));
    try {
      const { rows } = await c.query("SELECT current_database() AS db, count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
      assert.deepEqual(rows[0], { db: "databricks_postgres", n: 0 });
    } finally {
      await c.end();
    }
  });

  it("refuses a copy from a branch it does not know, and a duplicate branch", async () => {
    await assert.rejects(h.dp.createBranch("projects/x/branches/a", { copyFrom: "projects/x/branches/nope" }), /does not exist/);
    await assert.rejects(h.dp.createBranch(PROD), /already exists/);
  });

  it("deletes a branch: its endpoints close and its cluster stops", async () => {
    const name = "projects/del/branches/production";
    await h.dp.createBranch(name);
    const addr = await h.dp.openEndpoint(`${name}/endpoints/primary`, name);
    const su = await h.dp.superuser(name);
    const c = await connected(addr, DEV, h.tokens.issue("tok-del", DEV));
    await c.query("SELECT 1");
    await h.dp.deleteBranch(name);
    await assert.rejects(c.query("SELECT 1"));
    await assert.rejects(connected(addr, DEV, h.tokens.issue("tok-del-2", DEV)));
    await assert.rejects(connected({ host: su.host, port: su.port }, su.user, su.password));
    await assert.rejects(h.dp.superuser(name), /does not exist/);
  });
});
