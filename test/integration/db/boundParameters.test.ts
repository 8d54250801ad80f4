// The runner's bind parameters on real Postgres: values travel as data (never SQL), per statement,
// through the cursor for any statement that takes them, with error positions in the text as written.
import assert from "node:assert/strict";
import { useEmulator } from "../../support/emulator";
import { makeHarness, type Harness } from "./queryStack";

describe("QueryRunner bind parameters against the emulator", function () {
  this.timeout(120_000);
  const emu = useEmulator({ seed: true });
  let h: Harness;
  beforeEach(() => { h = makeHarness(emu()); });
  afterEach(async () => { await h.dispose(); });

  it("binds $n and :name across a script; an injection attempt is a value, and the table survives", async () => {
    const evil = "'; DROP TABLE bound_victims; --";
    const sql = [
      "DROP TABLE IF EXISTS bound_victims;",
      "CREATE TABLE bound_victims (id int PRIMARY KEY, name text);",
      "INSERT INTO bound_victims VALUES ($1, :name), ($2, 'plain');",
      "SELECT id, name, :name = name AS same FROM bound_victims WHERE id = $1 OR name = ':name' ORDER BY id;",
      "UPDATE bound_victims SET name = :other WHERE id = $2 RETURNING name;",
      "SELECT count(*) FROM bound_victims;",
    ].join("\n");
    const s = await h.runner.runScript(h.target, sql, { returnRows: 10, parameters: { $1: "7", $2: "8", ":name": evil, ":other": null } });
    assert.equal(s.error, undefined, JSON.stringify(s.error));
    assert.equal(s.statementsRun, 6);
    assert.equal(s.results[2].command, "INSERT");
    assert.equal(s.results[2].rowCount, 2);
    assert.deepEqual(s.results[3].rows, [["7", evil, "t"]]);
    assert.deepEqual(s.results[4].rows, [[null]]);
    assert.deepEqual(s.results[5].rows, [["2"]]);
  });

  it("a missing value stops the script before that statement with a message naming it", async () => {
    const s = await h.runner.runScript(h.target, "SELECT 1;\nSELECT :a, :b;", { returnRows: 1, parameters: { ":a": "1" } });
    assert.equal(s.statementsRun, 1);
    assert.equal(s.error?.statementIndex, 1);
    assert.match(s.error?.message ?? "", /No value was given for :b/);
  });

  it("the server's error position points at the text as written, after a rewritten :name", async () => {
    const sql = "SELECT 1;\nSELECT :customer_identifier::int AS id, nope FROM (SELECT 1) s;";
    const s = await h.runner.runScript(h.target, sql, { parameters: { ":customer_identifier": "3" } });
    assert.equal(s.error?.sqlstate, "42703", JSON.stringify(s.error));
    assert.equal(s.error?.scriptOffset, sql.indexOf("nope"));
  });

  it("a value that does not fit the type is the server's error, not a crash", async () => {
    const s = await h.runner.runScript(h.target, "SELECT $1::int + 1", { parameters: { $1: "not a number" } });
    assert.equal(s.error?.sqlstate, "22P02");
    assert.match(s.error?.message ?? "", /invalid input syntax for type integer: "not a number"/);
  });

  it("without parameters the statement is sent as written (the server names the missing parameter)", async () => {
    const s = await h.runner.runScript(h.target, "SELECT $1::int");
    assert.equal(s.error?.sqlstate, "08P01");
    assert.match(s.error?.message ?? "", /supplies 0 parameters, but prepared statement "" requires 1/);
  });
});
