import assert from "node:assert/strict";
import { describeDiff, diffSchemas, isEmptyDiff, type SchemaSnapshot } from "../../../src/core/migrations/schemaDiff";

const col = (type: string, nullable = false, def: string | null = null) => ({ type, nullable, default: def });
const snap = (entries: Record<string, Record<string, ReturnType<typeof col>>>): SchemaSnapshot =>
  new Map(Object.entries(entries).map(([t, cols]) => [t, new Map(Object.entries(cols))]));

describe("diffSchemas", () => {
  it("reports added/dropped tables and columns and altered types", () => {
    const before = snap({ "public.a": { id: col("integer"), title: col("character varying(200)") }, "public.old": { id: col("integer") } });
    const after = snap({ "public.a": { id: col("integer"), title: col("text"), body: col("text", true) }, "public.b": { id: col("integer") } });
    const d = diffSchemas(before, after);
    assert.deepEqual(d.addedTables, ["public.b"]);
    assert.deepEqual(d.droppedTables, ["public.old"]);
    assert.deepEqual(d.addedColumns, ["public.a.body"]);
    assert.deepEqual(d.droppedColumns, []);
    assert.equal(d.alteredColumns.length, 1);
    assert.deepEqual(describeDiff(d), [
      "+ table public.b",
      "- table public.old",
      "+ column public.a.body",
      "~ column public.a.title: character varying(200) not null → text not null",
    ]);
    assert.equal(isEmptyDiff(d), false);
  });

  it("is empty for identical snapshots", () => {
    const s = snap({ "public.a": { id: col("integer", false, "nextval('a_id_seq'::regclass)") } });
    assert.equal(isEmptyDiff(diffSchemas(s, s)), true);
  });
});
