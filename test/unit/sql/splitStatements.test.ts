import assert from "node:assert/strict";
import fc from "fast-check";
import { errorPositionToOffset, splitStatements, statementAt } from "../../../src/core/sql/splitStatements";

const texts = (sql: string) => splitStatements(sql).map((s) => s.text);

describe("splitStatements", () => {
  it("splits on semicolons and keeps exact offsets", () => {
    const sql = "select 1;\n  select 2 ;\nselect 3";
    const st = splitStatements(sql);
    assert.deepEqual(st.map((s) => s.text), ["select 1", "select 2", "select 3"]);
    assert.deepEqual(st.map((s) => [s.start, s.end]), [[0, 9], [12, 22], [23, 31]]);
    assert.equal(sql.slice(st[1]!.start, st[1]!.end), "select 2 ;");
    assert.deepEqual(st.map((s) => s.terminated), [true, true, false]);
  });

  it("ignores ; inside single-quoted strings with '' escapes", () => {
    assert.deepEqual(texts("select 'a;b', 'it''s; fine';select 2"), ["select 'a;b', 'it''s; fine'", "select 2"]);
  });

  it("handles E'' strings with backslash escapes, but not backslashes in standard strings", () => {
    assert.deepEqual(texts("select E'a\\';b';select 2"), ["select E'a\\';b'", "select 2"]);
    assert.deepEqual(texts("select e'\\\\';select 2"), ["select e'\\\\'", "select 2"]);
    // In a standard string a backslash is literal: 'a\' ends the string.
    assert.deepEqual(texts("select 'a\\';select 2"), ["select 'a\\'", "select 2"]);
    // An identifier ending in e is not an E-string prefix.
    assert.deepEqual(texts("select some'x\\';select 2"), ["select some'x\\'", "select 2"]);
  });

  it("ignores ; inside double-quoted identifiers", () => {
    assert.deepEqual(texts('select 1 as "a;""b";select 2'), ['select 1 as "a;""b"', "select 2"]);
  });

  it("handles dollar quotes, tagged and nested with different tags", () => {
    const fn = "create function f() returns int language plpgsql as $fn$ begin perform $$;$$; return 1; end $fn$";
    assert.deepEqual(texts(`${fn};select 2;`), [fn, "select 2"]);
    assert.deepEqual(texts("select $$a;b$$; select $x$ $$ ; $x$;"), ["select $$a;b$$", "select $x$ $$ ; $x$"]);
    // $1 is a parameter and a$b$ an identifier, not dollar quotes.
    assert.deepEqual(texts("select $1; select a$b$c; select 3"), ["select $1", "select a$b$c", "select 3"]);
  });

  it("ignores ; in line comments and nested block comments", () => {
    assert.deepEqual(texts("select 1 -- not; here\n; select /* a /* ; */ ; */ 2;"), ["select 1 -- not; here", "select /* a /* ; */ ; */ 2"]);
  });

  it("does not split inside BEGIN ATOMIC … END, even with CASE … END inside", () => {
    const fn = [
      "create function add(a int, b int) returns int language sql",
      "begin atomic",
      "  select case when a is null then 0 else a end + b;",
      "  select 1;",
      "end",
    ].join("\n");
    assert.deepEqual(texts(`${fn};\nselect 2;`), [fn, "select 2"]);
    // A transaction BEGIN is an ordinary statement.
    assert.deepEqual(texts("begin; select 1; commit;"), ["begin", "select 1", "commit"]);
  });

  it("treats psql meta-command lines as separators that are never run", () => {
    const sql = "select 1\n\\gset\nselect :x;\n  \\set y 2\nselect 3;";
    assert.deepEqual(texts(sql), ["select 1", "select :x", "select 3"]);
    const all = splitStatements(sql, { all: true });
    assert.deepEqual(all.map((s) => [s.kind, s.text]), [
      ["sql", "select 1"], ["psql", "\\gset"], ["sql", "select :x"], ["psql", "\\set y 2"], ["sql", "select 3"],
    ]);
  });

  it("reports empty statements and comment-only chunks only with {all:true}", () => {
    assert.deepEqual(texts(";;select 1;;  ;"), ["select 1"]);
    const all = splitStatements("; -- c\n;", { all: true });
    assert.deepEqual(all.map((s) => s.kind), ["empty", "empty", "empty"]);
    assert.deepEqual(splitStatements("   \n\t "), []);
    assert.deepEqual(splitStatements("-- only a comment"), []);
  });

  it("keeps leading comments with their statement but not a trailing same-line comment of the previous one", () => {
    const sql = "select 1; -- first\n-- about two\nselect 2;";
    const st = splitStatements(sql);
    assert.deepEqual(st.map((s) => s.text), ["select 1", "-- about two\nselect 2"]);
    assert.equal(st[1]!.start, sql.indexOf("-- about"));
  });

  it("keeps a trailing statement without ; and unterminated quotes run to the end", () => {
    assert.deepEqual(texts("select 1;\nselect 'open;\n;"), ["select 1", "select 'open;\n;"]);
    // An unterminated comment swallows the rest; with nothing but a comment there is nothing to run.
    assert.deepEqual(texts("select 1; /* open ; "), ["select 1"]);
    assert.deepEqual(splitStatements("select 1; /* open ; ", { all: true })[1]!.kind, "empty");
    assert.deepEqual(texts("select 1; select /* open ; "), ["select 1", "select /* open ;"]);
  });

  it("property: the segments' source slices reproduce every non-whitespace character in order", () => {
    const piece = fc.constantFrom(
      "select 1", " ", "\n", ";", "'a;b'", "'it''s'", "E'x\\';'", "e", "\"q;\"\"\"", "$$;$$", "$t$ $$ ; $t$", "$1",
      "-- c;\n", "/* a /* ; */ b */", "/*", "*/", "'", "\"", "$", "\\set x 1\n", "\\", "begin atomic select 1; end", "case", "end",
      "begin", "atomic", "x", "--",
    );
    const sqlText = fc.oneof(fc.array(piece, { maxLength: 30 }).map((a) => a.join("")), fc.string({ maxLength: 60 }));
    fc.assert(fc.property(sqlText, (sql) => {
      const segs = splitStatements(sql, { all: true });
      const joined = segs.map((s) => sql.slice(s.start, s.end)).join("");
      assert.equal(joined.replace(/\s+/g, ""), sql.replace(/\s+/g, ""));
      for (let k = 1; k < segs.length; k++) assert.ok(segs[k]!.start >= segs[k - 1]!.end, "segments do not overlap");
      // (A `\` that was mid-line in the document would start a psql line on its own, so those are not re-split.)
      for (const s of segs) if (s.kind === "sql" && !s.text.startsWith("\\")) {
        const again = splitStatements(s.text);
        assert.equal(again.length, 1, `re-splitting ${JSON.stringify(s.text)}`);
        assert.equal(again[0]!.text, s.text);
      }
    }), { numRuns: 2000 });
  });
});

describe("statementAt", () => {
  const sql = "select 1;\n\nselect 2;  select 3;\n\n   select 4";
  const at = (needle: string, delta = 0) => statementAt(sql, sql.indexOf(needle) + delta)?.text;

  it("returns the statement under the cursor", () => {
    assert.equal(at("select 1"), "select 1");
    assert.equal(at("1;", 1), "select 1");
    assert.equal(at("select 4", 3), "select 4");
    assert.equal(statementAt(sql, sql.length)?.text, "select 4");
  });

  it("a cursor right after ; belongs to the previous statement, also when the next one follows immediately", () => {
    assert.equal(at("1;", 2), "select 1");
    assert.equal(statementAt("select 1;select 2", 9)?.text, "select 1");
    assert.equal(at("2;", 2), "select 2");
  });

  it("in blank space, the nearest preceding statement wins, except on the line where the next starts", () => {
    assert.equal(statementAt(sql, sql.indexOf("\n\nselect 2") + 1)?.text, "select 1");
    assert.equal(at("2;  ", 3), "select 2");
    assert.equal(at("   select 4", 1), "select 4");
    assert.equal(statementAt("\n\n  select 1;", 0)?.text, "select 1");
    assert.equal(statementAt("", 0), undefined);
  });
});

describe("errorPositionToOffset", () => {
  it("maps a 1-based character position to a document offset, counting astral characters once", () => {
    const doc = "select 1;\nselect '😀', nope;";
    const st = splitStatements(doc)[1]!;
    const position = [...st.text].indexOf("n") + 1; // what Postgres would report
    assert.equal(doc.slice(errorPositionToOffset(st, position)).startsWith("nope"), true);
    assert.equal(errorPositionToOffset(st, 1), st.start);
  });
});
