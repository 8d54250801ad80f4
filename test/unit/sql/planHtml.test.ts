import assert from "node:assert/strict";
import { parseExplain } from "../../../src/core/sql/plan/explainPlan";
import { planHtml } from "../../../src/ui/sql/planHtml";

// EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) output as PostgreSQL 18 prints it (trimmed to the keys used).
const RAW = JSON.stringify([{
  Plan: {
    "Node Type": "Hash Join", "Join Type": "Left", "Startup Cost": 1.07, "Total Cost": 2.2, "Plan Rows": 4, "Actual Total Time": 9.5, "Actual Rows": 4, "Actual Loops": 1,
    "Hash Cond": "(o.customer_id = c.id)", "Shared Hit Blocks": 2, "Shared Read Blocks": 0,
    Plans: [
      { "Node Type": "Seq Scan", "Relation Name": "orders", Alias: "o", "Startup Cost": 0, "Total Cost": 1.04, "Plan Rows": 400, "Actual Total Time": 8, "Actual Rows": 4, "Actual Loops": 1, Filter: "(total > '<1>'::numeric)", "Rows Removed by Filter": 0, "Shared Hit Blocks": 1, "Shared Read Blocks": 0 },
      { "Node Type": "Hash", "Startup Cost": 1.03, "Total Cost": 1.03, "Plan Rows": 3, "Actual Total Time": 0.5, "Actual Rows": 3, "Actual Loops": 1, "Shared Hit Blocks": 1, "Shared Read Blocks": 0,
        Plans: [{ "Node Type": "Seq Scan", "Relation Name": "customers", Alias: "c", "Startup Cost": 0, "Total Cost": 1.03, "Plan Rows": 3, "Actual Total Time": 0.4, "Actual Rows": 3, "Actual Loops": 1, "Shared Hit Blocks": 1, "Shared Read Blocks": 0 }] },
    ],
  },
  "Planning Time": 0.2, "Execution Time": 9.8,
}]);

describe("plan view", () => {
  const plan = parseExplain(RAW);

  it("computes self time, misestimates and the slowest nodes", () => {
    assert.equal(plan.root.selfMs, 1);
    const [scan, hash] = plan.root.children;
    assert.equal(scan.selfMs, 8);
    assert.equal(scan.misestimate, 100);
    assert.ok(Math.abs(hash.selfMs! - 0.1) < 1e-9);
    assert.deepEqual(plan.slowest, [scan.id, plan.root.id]);
    assert.equal(plan.root.target, "Left join");
    assert.equal(scan.target, "on orders o");
    assert.deepEqual(scan.details, ["Filter: (total > '<1>'::numeric)", "Rows Removed by Filter: 0"]);
  });

  it("renders the tree with the slowest nodes marked, escapes everything, and needs no script or inline style", () => {
    const html = planHtml({ plan, raw: RAW, statement: "SELECT * FROM orders o WHERE total > '<1>'", analyze: true, rolledBack: false }, { nonce: "N0NCE", cspSource: "vscode-webview:", target: "Demo app / production / databricks_postgres" });
    assert.match(html, /content="default-src 'none'; style-src 'nonce-N0NCE';"/);
    assert.ok(!/<script/i.test(html) && !/ style="/.test(html), "no script, no style attribute");
    assert.equal((html.match(/class="node slow"/g) ?? []).length, 2);
    assert.match(html, /<span class="type">Seq Scan<\/span> on orders o <strong>· slowest<\/strong>/);
    assert.match(html, /rows 400 est → <span class="bad">4 actual \(100× off\)<\/span>/);
    assert.match(html, /Filter: \(total &#62; &#39;&#60;1&#62;&#39;::numeric\)/);
    assert.ok(!html.includes("'<1>'"), "statement and conditions are escaped");
    assert.match(html, /<p class="summary">EXPLAIN ANALYZE on Demo app \/ production \/ databricks_postgres · planning 0\.200 ms · execution 9\.8 ms<\/p>/);
    assert.match(html, /<details><summary>Raw JSON<\/summary><pre class="raw">\[\n {2}\{/);
  });
});
