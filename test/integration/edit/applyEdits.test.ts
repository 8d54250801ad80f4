// Edit Data's core against the emulator's real Postgres: table info (key, types, generated columns, read-only
// reasons), staged updates/inserts/deletes applied in one transaction, NULL vs '', json/jsonb, arrays,
// timestamps and bytea round-tripped exactly, and the conflict check (a row changed since it was read →
// nothing applied). 1,000 staged edits are timed.
import assert from "node:assert/strict";
import { applyEdits } from "../../../src/core/edit/applyEdits";
import { readTableInfo } from "../../../src/core/edit/tableInfo";
import type { EditTable, RowChange } from "../../../src/core/edit/editTypes";
import type { CellValue } from "../../../src/shared/protocol";
import { useEmulator } from "../../support/emulator";
import { makeHarness, type Harness } from "../db/queryStack";

const DDL = `
DROP TABLE IF EXISTS edit_people, edit_nokey, edit_many;
CREATE TABLE edit_people (
  id int PRIMARY KEY, name text, note text, doc jsonb, raw json, tags text[], seen timestamptz, blob bytea,
  score float8, code char(4), upper_name text GENERATED ALWAYS AS (upper(name)) STORED);
INSERT INTO edit_people (id, name, note, doc, raw, tags, seen, blob, score, code) VALUES
  (1, 'Ada', NULL, '{"a": 1}', '{"k":  [1, 2]}', '{x,"y z"}', '2026-11-22 10:15:30.123456+00', '\\x00ff', 0.1, 'ab'),
  (2, 'Grace', '', NULL, NULL, NULL, NULL, NULL, NULL, NULL);
CREATE TABLE edit_nokey (a int, b text);
CREATE TABLE edit_many (id int PRIMARY KEY, v text);
INSERT INTO edit_many SELECT g, 'v' || g FROM generate_series(1, 1000) g;`;

describe("Edit Data core against the emulator", function () {
  this.timeout(120_000);
  const emu = useEmulator({ seed: true });
  let h: Harness;
  beforeEach(async () => {
    h = makeHarness(emu());
    await sql(DDL);
  });
  afterEach(async () => { await h.dispose(); });

  async function sql(text: string, params: unknown[] = []): Promise<CellValue[][]> {
    const { client } = await h.pools.connect(h.target);
    try {
      // Text format, as the grid reads rows.
      const r = await client.query({ text, values: params, rowMode: "array", types: { getTypeParser: () => (v: string) => v } } as never);
      const all = r as unknown as { rows: CellValue[][] } | Array<{ rows: CellValue[][] }>;
      const last = Array.isArray(all) ? all.at(-1)! : all;
      return last.rows;
    } finally { client.release(); }
  }
  async function info(table: string): Promise<EditTable> {
    const { client } = await h.pools.connect(h.target);
    try {
      const i = await readTableInfo(client, "public", table);
      assert.equal(i.editable, true, i.editable ? "" : i.reason);
      return i.table;
    } finally { client.release(); }
  }
  const people = () => sql("SELECT * FROM edit_people ORDER BY id");

  it("reads the key, the SQL types and which columns are generated; a table without a key is read-only, saying why", async () => {
    const t = await info("edit_people");
    assert.deepEqual(t.key, ["id"]);
    assert.deepEqual(t.columns.map((c) => `${c.name}:${c.sqlType}${c.writable ? "" : " (generated)"}`), [
      "id:integer", "name:text", "note:text", "doc:jsonb", "raw:json", "tags:text[]", "seen:timestamp with time zone", "blob:bytea",
      "score:double precision", "code:character(4)", "upper_name:text (generated)"]);
    const { client } = await h.pools.connect(h.target);
    try {
      const nokey = await readTableInfo(client, "public", "edit_nokey");
      assert.equal(nokey.editable, false);
      assert.match(nokey.editable ? "" : nokey.reason, /"public"\."edit_nokey" has no primary key.*read-only/);
    } finally { client.release(); }
  });

  it("applies updates, an insert and a delete in one transaction; NULL vs '' and every type round-trip exactly", async () => {
    const t = await info("edit_people");
    const [ada, grace] = await people();
    const changes: RowChange[] = [
      { kind: "update", original: ada!, values: { name: "Ada L.", note: "", doc: '{"b": [true, null]}', tags: '{"a,b",NULL}', blob: "\\xdeadbeef", seen: "2027-01-02 03:04:05.000006+00" } },
      { kind: "update", original: grace!, values: { note: null, raw: '{"x": 1}', score: "NaN" } },
      { kind: "insert", values: { id: "3", name: "Edsger", note: "", code: "xy" } },
    ];
    const outcome = await applyEdits(h.pools, h.target, t, changes);
    assert.equal(outcome.status, "applied", JSON.stringify(outcome));
    assert.deepEqual(outcome.status === "applied" && [outcome.inserted, outcome.updated, outcome.deleted], [1, 2, 0]);
    const after = await people();
    assert.deepEqual(after[0], ["1", "Ada L.", "", '{"b": [true, null]}', '{"k":  [1, 2]}', '{"a,b",NULL}', "2027-01-02 03:04:05.000006+00", "\\xdeadbeef", "0.1", "ab  ", "ADA L."]);
    assert.deepEqual(after[1], ["2", "Grace", null, null, '{"x": 1}', null, null, null, "NaN", null, "GRACE"]);
    assert.deepEqual(after[2], ["3", "Edsger", "", null, null, null, null, null, null, "xy  ", "EDSGER"]);

    // The rows as now read (json with its own spacing, char padding, NaN) still match their own conflict check.
    const del = await applyEdits(h.pools, h.target, t, [{ kind: "delete", original: after[1]! }, { kind: "update", original: after[0]!, values: { name: "Ada" } }]);
    assert.equal(del.status, "applied", JSON.stringify(del));
    assert.deepEqual((await people()).map((r) => r[1]), ["Ada", "Edsger"]);
  });

  it("applies nothing when a row changed since it was read (conflict), and nothing when a change fails", async () => {
    const t = await info("edit_people");
    const [ada, grace] = await people();
    await sql("UPDATE edit_people SET note = 'changed elsewhere' WHERE id = 2");
    const conflict = await applyEdits(h.pools, h.target, t, [
      { kind: "update", original: ada!, values: { name: "Not applied" } },
      { kind: "update", original: grace!, values: { name: "Nor this" } },
    ]);
    assert.equal(conflict.status, "conflict");
    assert.equal(conflict.status === "conflict" && conflict.change, 1);
    assert.match(conflict.status === "conflict" ? conflict.message : "", /Change 2 \(update\): the row was changed or deleted by someone else.*Nothing was applied/);
    assert.deepEqual((await people()).map((r) => r[1]), ["Ada", "Grace"], "the first update was rolled back too");

    const dup = await applyEdits(h.pools, h.target, t, [{ kind: "update", original: ada!, values: { name: "Rolled back" } }, { kind: "insert", values: { id: "2" } }]);
    assert.equal(dup.status, "error");
    assert.equal(dup.status === "error" && dup.sqlstate, "23505");
    assert.match(dup.status === "error" ? dup.message : "", /Change 2 failed: .*duplicate key.*Nothing was applied/);
    assert.deepEqual((await people()).map((r) => r[1]), ["Ada", "Grace"]);
  });

  it("applies 1,000 staged edits in one round trip per shape, well under a second; a conflict in the batch applies nothing", async () => {
    const t = await info("edit_many");
    const rows = await sql("SELECT * FROM edit_many ORDER BY id");
    const changes: RowChange[] = rows.map((r) => ({ kind: "update", original: r, values: { v: `${r[1]}!` } }));
    await sql("UPDATE edit_many SET v = 'elsewhere' WHERE id = 500");
    const conflict = await applyEdits(h.pools, h.target, t, changes);
    assert.equal(conflict.status, "conflict", JSON.stringify(conflict));
    assert.equal(conflict.status === "conflict" && conflict.change, 499);
    assert.deepEqual((await sql("SELECT count(*) FROM edit_many WHERE v LIKE '%!'"))[0], ["0"], "nothing applied");
    await sql("UPDATE edit_many SET v = 'v500' WHERE id = 500");
    const outcome = await applyEdits(h.pools, h.target, t, changes);
    assert.equal(outcome.status, "applied", JSON.stringify(outcome));
    console.log(`      1,000 staged updates applied in ${outcome.status === "applied" ? outcome.ms : "?"} ms`);
    assert.deepEqual((await sql("SELECT count(*) FROM edit_many WHERE v LIKE '%!'"))[0], ["1000"]);
  });
});
