import assert from "node:assert/strict";
import { invokeTool } from "../../../src/core/agent/agentTools";
import { runReadOnly } from "../../../src/core/agent/readOnlySql";
import { useEmulator } from "../../support/emulator";
import { agentHarness, ownerQuery, type AgentHarness } from "./agentHarness";

const counts = async (emu: Parameters<typeof ownerQuery>[0]) => {
  const r = await ownerQuery(emu, "SELECT (SELECT count(*) FROM customers)::int AS customers, (SELECT count(*) FROM orders)::int AS orders, (SELECT count(*) FROM pg_tables WHERE tablename = 'evil')::int AS evil");
  return r.rows[0] as { customers: number; orders: number; evil: number };
};

describe("agent tools: read-only SQL enforced by the server (emulator)", function () {
  this.timeout(60_000);
  const emu = useEmulator({ seed: true, operationPolls: 0 });
  let h: AgentHarness;
  let initial: Awaited<ReturnType<typeof counts>>;

  before(async () => {
    h = await agentHarness(emu(), { policy: { statementTimeoutMs: 1500, maxRows: 50, maxResultBytes: 8 * 1024 } });
    // A function with a side effect, owned by the tables' owner (as an app would have one).
    await ownerQuery(emu(), "CREATE FUNCTION add_customer() RETURNS int LANGUAGE plpgsql AS $$ BEGIN INSERT INTO customers (name, email) VALUES ('Evil', 'evil@example.com'); RETURN 1; END $$");
    initial = await counts(emu());
  });
  after(async () => h?.dispose());

  it("returns rows as compact text with column types", async () => {
    const r = await h.call("lakebase_query", { sql: "SELECT id, name, email FROM customers ORDER BY id" });
    assert.equal(r.isError, undefined, r.text);
    const lines = r.text.split("\n");
    assert.match(lines[0], /^SELECT · 3 rows · \d+ ms$/);
    assert.equal(lines[1], "id (int4)\tname (text)\temail (text)");
    assert.equal(lines[2], "1\tAda Lovelace\tada@example.com");
    assert.equal(lines.length, 5);
  });

  it("an INSERT fails on the server (25006) and the table is unchanged", async () => {
    const r = await h.call("lakebase_query", { sql: "INSERT INTO customers (name, email) VALUES ('Mallory', 'm@example.com')" });
    assert.equal(r.isError, true);
    assert.match(r.text, /^ERROR 25006: cannot execute INSERT in a read-only transaction/);
    assert.deepEqual(await counts(emu()), initial);
  });

  const attempts: Array<[string, string, RegExp]> = [
    ["UPDATE", "UPDATE orders SET total = 0", /ERROR 25006: cannot execute UPDATE in a read-only transaction/],
    ["DELETE", "DELETE FROM orders", /ERROR 25006: cannot execute DELETE in a read-only transaction/],
    ["DDL", "CREATE TABLE evil (id int)", /ERROR 25006: cannot execute CREATE TABLE in a read-only transaction/],
    ["SET TRANSACTION READ WRITE", "SET TRANSACTION READ WRITE", /ERROR 25001: transaction read-write mode must be set before any query/],
    ["a function with a side effect", "SELECT add_customer()", /ERROR 25006: cannot execute INSERT in a read-only transaction/],
    ["nextval", "SELECT nextval('orders_id_seq')", /ERROR 25006: cannot execute nextval\(\) in a read-only transaction/],
    ["a DO block", "DO $$ BEGIN DELETE FROM orders; END $$", /ERROR 25006: cannot execute DELETE in a read-only transaction/],
    ["a writable CTE", "WITH d AS (DELETE FROM orders RETURNING *) SELECT count(*) FROM d", /ERROR 25006: cannot execute SELECT in a read-only transaction/],
  ];
  for (const [what, sql, expected] of attempts) {
    it(`${what}: refused by the server, tables unchanged`, async () => {
      const r = await h.call("lakebase_query", { sql });
      assert.equal(r.isError, true, r.text);
      assert.match(r.text, expected);
      assert.deepEqual(await counts(emu()), initial);
    });
  }

  it("several statements in one string (COMMIT; DELETE …) are refused before anything is sent", async () => {
    const sent = () => h.logger.lines.length;
    const r = await h.call("lakebase_query", { sql: "COMMIT; DELETE FROM orders" });
    assert.equal(r.isError, true);
    assert.match(r.text, /one statement per call: this text holds 2 statements/);
    assert.ok(sent() > 0);
    assert.deepEqual(await counts(emu()), initial);
  });

  it("…and the server refuses them too when they get past the check (one statement per Execute)", async () => {
    await assert.rejects(
      runReadOnly(h.services.pools, (await h.services.resolveTarget(h.ctx.target()!)).db, "COMMIT; DELETE FROM orders", { maxRows: 10, timeoutMs: 2000 }),
      (err: { code?: string; message: string }) => err.code === "42601" && /multiple commands/.test(err.message),
    );
    assert.deepEqual(await counts(emu()), initial);
  });

  for (const sql of ["SET default_transaction_read_only = off", "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE", "SELECT set_config('default_transaction_read_only', 'off', false)"]) {
    it(`${sql}: Postgres accepts it inside the transaction, but it dies with the call's connection — the next DELETE still fails`, async () => {
      const set = await h.call("lakebase_query", { sql });
      assert.equal(set.isError, undefined, set.text);
      // Ten calls, more than the pool holds: none of them lands on a session the SET changed.
      for (let i = 0; i < 10; i++) {
        const del = await h.call("lakebase_query", { sql: "DELETE FROM orders" });
        assert.match(del.text, /ERROR 25006/);
      }
      assert.deepEqual(await counts(emu()), initial);
    });
  }

  it("a pooled connection's session state (search_path, role settings) does not leak into the call", async () => {
    const db = (await h.services.resolveTarget(h.ctx.target()!)).db;
    const checkout = await h.services.pools.connect(db);
    await checkout.client.query("SET search_path = nowhere; SET default_transaction_read_only = off");
    checkout.client.release(); // back into the pool, as a user's session would leave it
    const r = await h.call("lakebase_query", { sql: "SELECT current_setting('search_path') AS p, (SELECT count(*) FROM customers) AS n" });
    assert.equal(r.isError, undefined, r.text);
    assert.equal(r.text.split("\n")[2], `"$user", public\t${initial.customers}`);
  });

  it("SQL that runs for minutes is cancelled on the server by the statement timeout", async () => {
    const started = Date.now();
    const r = await h.call("lakebase_query", { sql: "SELECT pg_sleep(600), 'agent-sleep-marker'" });
    const ms = Date.now() - started;
    assert.equal(r.isError, true);
    assert.match(r.text, /ERROR 57014: cancelled on the server after the 1.5 s statement timeout/);
    assert.ok(ms < 10_000, `took ${ms} ms`);
    const running = await ownerQuery(emu(), "SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE '%agent-sleep-marker%' AND state = 'active' AND pid <> pg_backend_pid()");
    assert.equal(running.rows[0].n, 0, "the statement still runs on the server");
  });

  it("a cancelled call cancels the statement on the server", async () => {
    const abort = new AbortController();
    const ctx = { ...h.ctx, signal: abort.signal, policy: { ...h.ctx.policy, statementTimeoutMs: 600_000 } };
    const pending = invokeTool(ctx, "lakebase_query", { sql: "SELECT pg_sleep(600), 'agent-abort-marker'" });
    // Abort once the statement really runs on the server (not while still connecting).
    for (let i = 0; i < 200; i++) {
      const seen = await ownerQuery(emu(), "SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE '%agent-abort-marker%' AND state = 'active' AND pid <> pg_backend_pid()");
      if (seen.rows[0].n === 1) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    abort.abort();
    const r = await pending;
    assert.equal(r.isError, true);
    assert.match(r.text, /ERROR 57014: canceling statement due to user request/);
    const running = await ownerQuery(emu(), "SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE '%agent-abort-marker%' AND state = 'active' AND pid <> pg_backend_pid()");
    assert.equal(running.rows[0].n, 0);
  });

  it("caps rows, and says so", async () => {
    const r = await h.call("lakebase_query", { sql: "SELECT g FROM generate_series(1, 100000) g" });
    assert.equal(r.isError, undefined);
    const lines = r.text.split("\n");
    assert.match(lines[0], /^SELECT · first 50 rows/);
    assert.equal(lines.filter((l) => /^\d+$/.test(l)).length, 50);
    assert.match(r.text, /\[TRUNCATED at 50 rows: the query returns more/);
  });

  it("caps bytes (wide rows), and says so", async () => {
    const r = await h.call("lakebase_query", { sql: "SELECT g, repeat('x', 180) AS pad FROM generate_series(1, 50) g" });
    assert.ok(Buffer.byteLength(r.text) <= 8 * 1024, `${Buffer.byteLength(r.text)} bytes`);
    assert.match(r.text, /\[TRUNCATED at 8192 bytes: \d+ more rows not shown/);
    const shown = r.text.split("\n").filter((l) => /^\d+\tx+$/.test(l)).length;
    assert.ok(shown > 20 && shown < 50, `${shown} rows shown`);
  });

  it("malformed arguments get a clear, schema-based error", async () => {
    const wrongType = await h.call("lakebase_query", { sql: 42 });
    assert.equal(wrongType.isError, true);
    assert.match(wrongType.text, /Invalid arguments for lakebase_query/);
    assert.match(wrongType.text, /sql/);
    const missing = await h.call("lakebase_query", {});
    assert.match(missing.text, /Invalid arguments for lakebase_query[\s\S]*sql/);
    const extra = await h.call("lakebase_query", { sql: "SELECT 1", readOnly: false });
    assert.match(extra.text, /Invalid arguments[\s\S]*readOnly/);
    const unknown = await h.call("lakebase_drop_everything", {});
    assert.match(unknown.text, /Unknown tool "lakebase_drop_everything"/);
  });

  it("concurrent calls each get their own answer", async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => h.call("lakebase_query", { sql: `SELECT ${i} AS n, pg_sleep(0.05)::text AS s` })));
    results.forEach((r, i) => {
      assert.equal(r.isError, undefined, r.text);
      assert.equal(r.text.split("\n")[2], `${i}\t`);
    });
  });

  it("explain returns the plan as text; explain analyze of a write still fails on the server", async () => {
    const plan = await h.call("lakebase_explain", { sql: "SELECT * FROM orders WHERE customer_id = 1" });
    assert.equal(plan.isError, undefined, plan.text);
    assert.match(plan.text, /Scan on orders/);
    assert.match(plan.text, /Filter: \(customer_id = 1\)/);
    const analyzed = await h.call("lakebase_explain", { sql: "SELECT count(*) FROM customers", analyze: true });
    assert.match(analyzed.text, /actual time=/);
    const write = await h.call("lakebase_explain", { sql: "DELETE FROM orders", analyze: true });
    assert.match(write.text, /ERROR 25006/);
    assert.deepEqual(await counts(emu()), initial);
  });

  it("every call is logged with its duration", async () => {
    const n = h.logger.lines.length;
    await h.call("lakebase_query", { sql: "SELECT 1" });
    const line = h.logger.lines.slice(n).find((l) => l.includes("tool lakebase_query"));
    assert.match(line ?? "", /^info tool lakebase_query ok in \d+ ms: read-only query: SELECT 1$/);
  });
});
