// Issue #16: the "Run" CodeLens sat above a statement's leading comment, not above the statement.
import assert from "node:assert/strict";
import { splitStatements } from "../../../src/core/sql/splitStatements";
import { statementCodeStart } from "../../../src/core/sql/statementCodeStart";

const lineOf = (text: string, offset: number) => text.slice(0, offset).split("\n").length - 1;

describe("statementCodeStart", () => {
  it("skips the line and nested block comments above a statement, to the line the statement starts on", () => {
    const text = "-- What is in the shop?\n-- (two lines of comment)\nSELECT 1;\n\n/* outer /* inner */ still */\n  -- and one more\n  UPDATE t SET a = 1;";
    const [first, second] = splitStatements(text);
    assert.equal(lineOf(text, first!.start), 0, "the segment starts at its comment (it is sent with it)");
    assert.equal(text.slice(statementCodeStart(text, first!.start)).split("\n")[0], "SELECT 1;");
    assert.equal(lineOf(text, statementCodeStart(text, first!.start)), 2);
    assert.equal(text.slice(statementCodeStart(text, second!.start)).split("\n")[0], "UPDATE t SET a = 1;");
    assert.equal(lineOf(text, statementCodeStart(text, second!.start)), 6);
  });

  it("keeps a statement without comments where it is, and does not run past the segment's end", () => {
    const text = "SELECT 2;";
    assert.equal(statementCodeStart(text, 0), 0);
    assert.equal(statementCodeStart("-- only a comment", 0), 0);
    assert.equal(statementCodeStart("-- c\nSELECT 3", 0, 4), 0, "nothing but comments before end: the segment's start");
  });
});
