import assert from "node:assert/strict";
import { parseEnv } from "../../../src/core/envfile/dotenvScan";
import { chooseStyle, formatEnvValue } from "../../../src/core/envfile/quoting";

const readBack = (written: string) => parseEnv(`K=${written}\n`).get("K");

describe("envfile/quoting: minimal safe quoting", () => {
  const cases: Array<[string, string, string]> = [
    // [value, expected spelling, why]
    ["my-host.cloud.databricks.com", "my-host.cloud.databricks.com", "plain host"],
    ["5432", "5432", "digits"],
    ["projects/p/branches/main/endpoints/ep-1", "projects/p/branches/main/endpoints/ep-1", "resource name"],
    ["me@example.com", "me@example.com", "e-mail"],
    ["", '""', "empty: never a bare KEY="],
    ["two words", '"two words"', "blank inside"],
    [" lead", '" lead"', "leading blank"],
    ["a#b", '"a#b"', "# would start a comment"],
    ["a=b", '"a=b"', "= is quoted for other tools"],
    ["pa$$word", "'pa$$word'", "$ expands in double quotes for dotenvx/compose"],
    ['say "hi"', `'say "hi"'`, "double quote inside"],
    ["C:\\dir", "'C:\\dir'", "backslash is an escape for dotenvx/compose"],
    ["line1\nline2", '"line1\\nline2"', "newline escaped"],
    ["a\rb", '"a\\rb"', "carriage return escaped"],
    ["it's $x", "`it's $x`", "single quote and $"],
    ["ünïcode", '"ünïcode"', "non-ASCII is quoted"],
  ];
  for (const [value, spelled, why] of cases) {
    it(`${JSON.stringify(value)} → ${spelled} (${why})`, () => {
      assert.equal(formatEnvValue(value), spelled);
      assert.equal(readBack(spelled), value);
    });
  }

  it("keeps the line's own style when it can hold the value", () => {
    assert.equal(formatEnvValue("plain", "single"), "'plain'");
    assert.equal(formatEnvValue("plain", "double"), '"plain"');
    assert.equal(formatEnvValue("plain", "backtick"), "`plain`");
    assert.equal(formatEnvValue("two words", "none"), '"two words"');
    assert.equal(formatEnvValue("it's", "single"), `"it's"`);
    assert.equal(formatEnvValue("a$b", "double"), "'a$b'");
  });

  it("writes a newline literally inside single quotes with the file's line ending", () => {
    assert.equal(formatEnvValue('a"\nb', undefined, "\r\n"), `'a"\r\nb'`);
    assert.equal(parseEnv(`K='a"\r\nb'\r\n`).get("K"), 'a"\nb');
  });

  it("refuses values no quoting can hold", () => {
    assert.equal(chooseStyle(`'"\``), undefined);
    assert.equal(formatEnvValue(`a'b"c\`d`), undefined);
    assert.equal(formatEnvValue('x\r"'), undefined);
    assert.equal(formatEnvValue("x\r$"), undefined);
  });

  it("does not put a trailing backslash before a closing quote (dotenv would read it as an escape)", () => {
    assert.equal(formatEnvValue("C:\\dir\\"), undefined);
    assert.equal(formatEnvValue("C:\\dir"), "'C:\\dir'");
    // Why: the quote after the backslash does not close, a later line's quote does.
    assert.equal(parseEnv("K='C:\\dir\\'\nA=' # x'\n").get("A"), undefined);
  });
});
