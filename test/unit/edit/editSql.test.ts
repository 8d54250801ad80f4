// The SQL Edit Data runs, exactly: parameterised, key first in WHERE, NULL as IS NULL, json compared as text,
// generated columns refused, batches of one shape over unnest(), and the preview the user reviews.
import assert from "node:assert/strict";
import { buildEditStatements, EditError, previewText } from "../../../src/core/edit/editSql";
import type { EditTable, RowChange } from "../../../src/core/edit/editTypes";

const T: EditTable = {
  schema: "public", table: "customers", key: ["id"],
  columns: [
    { name: "name", sqlType: "text", writable: true },
    { name: "id", sqlType: "integer", writable: true },
    { name: "doc", sqlType: "json", writable: true },
    { name: "up", sqlType: "text", writable: false },
  ],
};

describe("Edit Data SQL", () => {
  it("updates by key with every column as read (NULL as IS NULL, json via text), values cast to the column type", () => {
    const [s] = buildEditStatements(T, [{ kind: "update", original: ["Ada", "1", null, "ADA"], values: { name: "" } }]);
    assert.equal(s!.sql, `UPDATE "public"."customers" SET "name" = $1::text WHERE "id" = $2::integer AND "name" = $3::text AND "doc"::text IS NOT DISTINCT FROM $4::text AND "up" = $5::text`);
    assert.deepEqual(s!.params, ["", "1", "Ada", null, "ADA"]);
    assert.equal(s!.check, "rowCount");
    const [d] = buildEditStatements(T, [{ kind: "delete", original: [null, "2", '{"a":1}', null] }]);
    assert.equal(d!.sql, `DELETE FROM "public"."customers" WHERE "id" = $1::integer AND "name" IS NULL AND "doc"::text IS NOT DISTINCT FROM $2::text AND "up" IS NULL`);
    assert.deepEqual(d!.params, ["2", '{"a":1}']);
  });

  it("inserts only the columns given (the rest take their DEFAULT); NULL stays NULL, '' stays ''", () => {
    const [a, b] = buildEditStatements(T, [{ kind: "insert", values: { id: "3", name: null, doc: "" } }, { kind: "insert", values: {} }]);
    assert.equal(a!.sql, `INSERT INTO "public"."customers" ("id", "name", "doc") VALUES ($1::integer, $2::text, $3::json)`);
    assert.deepEqual(a!.params, ["3", null, ""]);
    assert.equal(b!.sql, `INSERT INTO "public"."customers" DEFAULT VALUES`);
  });

  it("refuses a table without a key, a generated column, an unknown column and a row of the wrong width", () => {
    assert.throws(() => buildEditStatements({ ...T, key: [] }, []), (e: Error) => e instanceof EditError && /no primary key.*read-only/.test(e.message));
    assert.throws(() => buildEditStatements(T, [{ kind: "insert", values: { up: "x" } }]), /"up" is a generated column/);
    assert.throws(() => buildEditStatements(T, [{ kind: "insert", values: { nope: "x" } }]), /has no column "nope"/);
    assert.throws(() => buildEditStatements(T, [{ kind: "delete", original: ["1"] }]), /Change 1: the row has 1 values, "public"\."customers" has 4 columns/);
  });

  it("batches a run of one shape over unnest() (key with '=', ordinals returned); shorter runs stay one per change", () => {
    const upd = (i: number): RowChange => ({ kind: "update", original: [`n${i}`, String(i), null, null], values: { name: `m${i}` } });
    const changes = [...Array.from({ length: 3 }, (_, i) => upd(i)), { kind: "delete", original: ["x", "9", null, null] } as RowChange];
    assert.equal(buildEditStatements(T, changes).length, 4);
    const [b, d] = buildEditStatements(T, changes, 3);
    assert.equal(b!.sql, `UPDATE "public"."customers" AS t SET "name" = d.n0::text FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS d(o0, o1, o2, o3, n0, ord) WHERE t."id" = d.o0::integer AND t."name" IS NOT DISTINCT FROM d.o1::text AND t."doc"::text IS NOT DISTINCT FROM d.o2 AND t."up" IS NOT DISTINCT FROM d.o3::text RETURNING d.ord`);
    assert.deepEqual(b!.params, [["0", "1", "2"], ["n0", "n1", "n2"], [null, null, null], [null, null, null], ["m0", "m1", "m2"]]);
    assert.deepEqual([b!.changes, b!.check, d!.changes], [[0, 1, 2], "ordinals", [3]]);
  });

  it("previews the statements with their values, in one transaction", () => {
    const text = previewText(buildEditStatements(T, [{ kind: "update", original: ["O'Brien", "1", null, null], values: { name: null } }]));
    assert.equal(text, [
      "BEGIN;",
      `UPDATE "public"."customers" SET "name" = $1::text WHERE "id" = $2::integer AND "name" = $3::text AND "doc"::text IS NOT DISTINCT FROM $4::text AND "up" IS NULL;`,
      "  -- $1 = NULL, $2 = '1', $3 = 'O''Brien', $4 = NULL",
      "COMMIT;",
    ].join("\n"));
  });
});
