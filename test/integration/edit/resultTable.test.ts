// "Edit" on a query's result: editable only when every column comes straight from one table and its key is
// there (aliases and column order do not matter); otherwise the reason. Columns as the real runner reports them.
import assert from "node:assert/strict";
import { applyEdits } from "../../../src/core/edit/applyEdits";
import { resultTable } from "../../../src/core/edit/resultTable";
import type { ColumnInfo } from "../../../src/shared/protocol";
import type { RunEvent } from "../../../src/core/db/runnerTypes";
import { useEmulator } from "../../support/emulator";
import { makeHarness, type Harness } from "../db/queryStack";

describe("resultTable (Edit on a query's result) against the emulator", function () {
  this.timeout(120_000);
  const emu = useEmulator({ seed: true });
  let h: Harness;
  beforeEach(async () => {
    h = makeHarness(emu());
    await h.runner.runScript(h.target, "DROP TABLE IF EXISTS rt_people, rt_orders; CREATE TABLE rt_people (id int PRIMARY KEY, name text, email text); INSERT INTO rt_people VALUES (1, 'Ada', 'a@x'), (2, 'Grace', 'g@x'); CREATE TABLE rt_orders (id int PRIMARY KEY, person int);", {});
  });
  afterEach(async () => { await h.dispose(); });

  async function columnsOf(sql: string): Promise<{ columns: ColumnInfo[]; rows: (string | null)[][] }> {
    let columns: ColumnInfo[] = [];
    const rows: (string | null)[][] = [];
    const s = await h.runner.runScript(h.target, sql, { onEvent: (e: RunEvent) => { if (e.type === "resultStarted") columns = e.columns; if (e.type === "rows") rows.push(...e.rows); } });
    assert.equal(s.error, undefined, JSON.stringify(s.error));
    return { columns, rows };
  }
  async function check(sql: string) {
    const { client } = await h.pools.connect(h.target);
    try { return await resultTable(client, (await columnsOf(sql)).columns); } finally { client.release(); }
  }

  it("edits a one-table result with its key, by the table's column names, in the result's order", async () => {
    const r = await check("SELECT email AS mail, id FROM rt_people ORDER BY id");
    assert.ok("table" in r, JSON.stringify(r));
    assert.deepEqual(r.edit, { table: "public.rt_people", key: [1], writable: [true, true] });
    assert.deepEqual(r.table.columns.map((c) => c.name), ["email", "id"]);
    const { rows } = await columnsOf("SELECT email AS mail, id FROM rt_people ORDER BY id");
    const out = await applyEdits(h.pools, h.target, r.table, [{ kind: "update", original: rows[1]!, values: { email: "grace@x" } }]);
    assert.equal(out.status, "applied", JSON.stringify(out));
    assert.deepEqual((await columnsOf("SELECT email FROM rt_people WHERE id = 2")).rows, [["grace@x"]]);
  });

  it("says why a result cannot be edited: no key, a computed column, two tables", async () => {
    const reason = async (sql: string) => { const r = await check(sql); return "reason" in r ? r.reason : "editable"; };
    assert.match(await reason("SELECT name FROM rt_people"), /Include the primary key \(id\) of "public"\."rt_people"/);
    assert.match(await reason("SELECT id, upper(name) FROM rt_people"), /Column upper is computed/);
    assert.match(await reason("SELECT p.id, o.person FROM rt_people p JOIN rt_orders o ON o.person = p.id"), /several tables/);
  });
});
