import assert from "node:assert/strict";
import { runExplain } from "../../../src/core/sql/plan/runExplain";
import { changesData } from "../../../src/core/sql/plan/explainPlan";
import { useEmulator } from "../../support/emulator";
import { makeHarness, type Harness } from "../db/queryStack";

describe("Explain on the emulator's Postgres", function () {
  this.timeout(120_000);
  let h: Harness | undefined;
  after(async () => { await h?.dispose(); });
  const emu = useEmulator({ seed: true });
  before(async () => {
    h = makeHarness(emu());
    const s = await h.runner.runScript(h.target, "CREATE TABLE big_orders AS SELECT g AS id, g % 3 AS customer_id FROM generate_series(1, 20000) g; ANALYZE big_orders;");
    assert.equal(s.error, undefined, JSON.stringify(s.error));
  });

  it("EXPLAIN: the plan tree with costs and estimated rows, no timings", async () => {
    const r = await runExplain(h!.runner, h!.target, "SELECT c.name, count(*) FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.name", { analyze: false });
    assert.ok(r);
    assert.equal(r.plan.analyzed, false);
    assert.equal(r.plan.root.actualRows, undefined);
    assert.ok(r.plan.root.totalCost > 0);
    const types: string[] = [];
    const walk = (n: typeof r.plan.root) => { types.push(`${n.nodeType}${n.target ? ` ${n.target}` : ""}`); n.children.forEach(walk); };
    walk(r.plan.root);
    assert.ok(types.some((t) => /^Seq Scan on orders o$/.test(t)), types.join(" | "));
    assert.ok(types.some((t) => /^Seq Scan on customers c$/.test(t)), types.join(" | "));
    assert.deepEqual(r.plan.slowest, []);
    assert.match(r.raw, /^\[/);
  });

  it("EXPLAIN ANALYZE: actual rows and loops, self time, buffers, the slowest node flagged", async () => {
    const r = await runExplain(h!.runner, h!.target, "SELECT customer_id, count(*) FROM big_orders WHERE id > 10 GROUP BY customer_id", { analyze: true });
    assert.ok(r);
    assert.equal(r.plan.analyzed, true);
    assert.equal(r.rolledBack, false);
    assert.equal(r.plan.root.actualRows, 3);
    assert.ok((r.plan.executionMs ?? 0) > 0, "EXPLAIN ANALYZE reports an execution time");
    assert.equal(typeof r.plan.planningMs, "number", "and a planning time");
    const scan = findNode(r.plan.root, (n) => n.nodeType === "Seq Scan");
    assert.ok(scan);
    assert.equal(scan.actualRows, 19990);
    assert.ok(scan.details.some((d) => d === "Rows Removed by Filter: 10"), scan.details.join("; "));
    assert.ok(scan.buffers && scan.buffers.sharedHit + scan.buffers.sharedRead > 0);
    assert.ok(r.plan.slowest.length >= 1);
    const slowest = findNode(r.plan.root, (n) => n.id === r.plan.slowest[0])!;
    assert.equal(slowest.slow, true);
    const all: number[] = [];
    const walk = (n: typeof r.plan.root) => { all.push(n.selfMs!); n.children.forEach(walk); };
    walk(r.plan.root);
    assert.equal(slowest.selfMs, Math.max(...all));
  });

  it("EXPLAIN ANALYZE of a DELETE asks first, runs inside a transaction and rolls it back", async () => {
    let asked = "";
    const r = await runExplain(h!.runner, h!.target, "DELETE FROM big_orders WHERE id <= 100", { analyze: true, confirm: async (s) => { asked = s; return true; } });
    assert.equal(asked, "DELETE FROM big_orders WHERE id <= 100");
    assert.equal(r?.rolledBack, true);
    assert.equal(r?.plan.root.nodeType, "Delete");
    const count = await h!.runner.runScript(h!.target, "SELECT count(*) FROM big_orders", { returnRows: 1 });
    assert.deepEqual(count.results[0].rows, [["20000"]], "nothing was deleted");
    const declined = await runExplain(h!.runner, h!.target, "DELETE FROM big_orders", { analyze: true, confirm: async () => false });
    assert.equal(declined, undefined);
  });

  it("a statement with $n and :name placeholders: the values go as bind parameters, inside the rolled-back transaction too", async () => {
    const r = await runExplain(h!.runner, h!.target, "SELECT * FROM big_orders WHERE customer_id = :c AND id <= $1", { analyze: true, parameters: { ":c": "1", $1: "30" } });
    assert.equal(r?.plan.root.actualRows, 10);
    assert.equal(r?.statement, "SELECT * FROM big_orders WHERE customer_id = :c AND id <= $1", "the plan names the statement as written");
    const plain = await runExplain(h!.runner, h!.target, "SELECT * FROM big_orders WHERE id = $1", { analyze: false, parameters: { $1: "5" } });
    const scan = findNode(plain!.plan.root, (n) => n.nodeType === "Seq Scan");
    assert.ok(scan?.details.some((d) => /^Filter: \(id = 5\)$/.test(d)), scan?.details.join("; "));
    // A value is data, never SQL: a quote in it does not end a string.
    const quoted = await runExplain(h!.runner, h!.target, "SELECT * FROM customers WHERE name = :n", { analyze: true, parameters: { ":n": "x'; DROP TABLE big_orders; --" } });
    assert.equal(quoted?.plan.root.actualRows, 0);
    const deleted = await runExplain(h!.runner, h!.target, "DELETE FROM big_orders WHERE id <= $1", { analyze: true, parameters: { $1: "50" }, confirm: async () => true });
    assert.equal(deleted?.rolledBack, true);
    assert.equal(deleted?.plan.root.children[0]?.actualRows, 50);
    const count = await h!.runner.runScript(h!.target, "SELECT count(*) FROM big_orders", { returnRows: 1 });
    assert.deepEqual(count.results[0].rows, [["20000"]], "nothing was deleted");
    await assert.rejects(runExplain(h!.runner, h!.target, "SELECT * FROM big_orders WHERE id = $1", { analyze: false, parameters: {} }), /No value was given for \$1/);
  });

  it("a bad statement or several statements: a clear error", async () => {
    await assert.rejects(runExplain(h!.runner, h!.target, "SELECT nme FROM customers", { analyze: false }), /EXPLAIN failed: column "nme" does not exist \(SQLSTATE 42703\)/);
    await assert.rejects(runExplain(h!.runner, h!.target, "SELECT 1; SELECT 2", { analyze: false }), /one statement/);
  });

  it("knows which statements change data", () => {
    for (const s of ["INSERT INTO t VALUES (1)", "update t set a = 1", "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d", "SELECT * INTO t2 FROM t", "MERGE INTO t USING s ON true WHEN MATCHED THEN DELETE"]) assert.equal(changesData(s), true, s);
    for (const s of ["SELECT * FROM t", "WITH x AS (SELECT 1) SELECT * FROM x", "VALUES (1)"]) assert.equal(changesData(s), false, s);
  });
});

function findNode<T extends { children: T[] }>(n: T, pred: (n: T) => boolean): T | undefined {
  if (pred(n)) return n;
  for (const c of n.children) { const f = findNode(c, pred); if (f) return f; }
  return undefined;
}
