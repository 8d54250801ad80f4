import assert from "node:assert/strict";
import * as sqlFormatter from "sql-formatter";
import { formatSql, type TextEdit } from "../../../src/core/sql/format/formatSql";

const apply = (text: string, edits: TextEdit[]) => [...edits].sort((a, b) => b.start - a.start).reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);

describe("formatSql (sql-formatter, PostgreSQL dialect)", () => {
  it("formats each statement, honouring the editor's indentation, and keeps comments, psql lines and semicolons", () => {
    const text = "-- the customers\nselect id, name from customers where id = 1;\n\\set x 1\nSELECT  o.id,o.total FROM orders o JOIN customers c ON c.id=o.customer_id ;";
    const { edits, skipped } = formatSql(text, sqlFormatter, { tabWidth: 4, useTabs: false });
    assert.equal(skipped, 0);
    assert.equal(apply(text, edits), [
      "-- the customers",
      "select",
      "    id,",
      "    name",
      "from",
      "    customers",
      "where",
      "    id = 1;",
      "\\set x 1",
      "SELECT",
      "    o.id,",
      "    o.total",
      "FROM",
      "    orders o",
      "    JOIN customers c ON c.id = o.customer_id ;",
    ].join("\n"));
    const tabs = formatSql("select a from t", sqlFormatter, { tabWidth: 2, useTabs: true });
    assert.equal(tabs.edits[0].text, "select\n\ta\nfrom\n\tt");
  });

  it("keeps dollar-quoted bodies, quoted identifiers and casts intact", () => {
    const text = `create function f() returns int language sql as $$ select   1 $$;\nselect "Mood 😀"::text, x::int4[] from "Sales Ünit"."Order ""Items"""`;
    const out = apply(text, formatSql(text, sqlFormatter, { tabWidth: 2, useTabs: false }).edits);
    assert.ok(out.includes("$$ select   1 $$"), out);
    assert.ok(out.includes('"Mood 😀"::text') && out.includes("x::int4[]") && out.includes('"Sales Ünit"."Order ""Items"""'), out);
  });

  it("a range formats only the statements it touches", () => {
    const text = "select 1 from a;\nselect 2 from b;\nselect 3 from c;";
    const { edits } = formatSql(text, sqlFormatter, { tabWidth: 2, useTabs: false }, { start: text.indexOf("2"), end: text.indexOf("2") + 1 });
    assert.equal(edits.length, 1);
    assert.equal(text.slice(edits[0].start, edits[0].end), "select 2 from b");
  });

  it("a statement the formatter cannot read is left alone and counted", () => {
    const broken = { format: (sql: string) => { if (sql.includes("@@")) throw new Error("Parse error"); return sql.toUpperCase(); } };
    const text = "select 1;\nselect @@ weird;";
    const r = formatSql(text, broken, { tabWidth: 2, useTabs: false });
    assert.equal(r.skipped, 1);
    assert.equal(apply(text, r.edits), "SELECT 1;\nselect @@ weird;");
  });
});
