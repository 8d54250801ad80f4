import assert from "node:assert/strict";
import { parseEnv, readEnvValue, scanAssignments } from "../../../src/core/envfile/dotenvScan";

/** parseEnv as a plain object, for readable assertions. */
const parsed = (text: string) => Object.fromEntries(parseEnv(text));

describe("envfile/dotenvScan: values the way dotenv reads them", () => {
  it("reads unquoted values, trimming blanks and dropping inline comments", () => {
    assert.deepEqual(parsed("A=1\nB = two words  \nC=x # note\nD=x#tight\nE=\nF= # only a note\n"), {
      A: "1", B: "two words", C: "x", D: "x", E: "", F: "",
    });
  });

  it("keeps quoted content literally, # included, and expands \\n only in double quotes", () => {
    const text = `S='a # b \\n'\nD="a # b \\n c"\nB=\`it's "x"\`\nQ="  padded  "\n`;
    assert.deepEqual(parsed(text), { S: "a # b \\n", D: "a # b \n c", B: `it's "x"`, Q: "  padded  " });
  });

  it("reads multi-line quoted values across LF and CRLF", () => {
    assert.equal(readEnvValue('K="line1\nline2"\nN=1', "K"), "line1\nline2");
    assert.equal(readEnvValue("K='line1\r\nline2'\r\nN=1", "K"), "line1\nline2");
    assert.equal(readEnvValue("K='line1\r\nline2'\r\nN=1", "N"), "1");
  });

  it("understands export, the colon form, a BOM and odd spacing", () => {
    assert.deepEqual(parsed("\uFEFFexport A=1\n  export   B =  2\nC: 3\nD :4\n"), { A: "1", B: "2", C: "3" });
  });

  it("lets the last occurrence of a repeated key win, and reports both occurrences", () => {
    assert.equal(readEnvValue("A=1\nA=2\n", "A"), "2");
    assert.deepEqual(scanAssignments("A=1\nA=2\n").map((a) => a.key), ["A", "A"]);
  });

  it("returns undefined for a key that is absent or only commented out", () => {
    assert.equal(readEnvValue("# A=1\n", "A"), undefined);
    assert.equal(readEnvValue("", "A"), undefined);
  });

  it("locates each value in the original text, CRLF included", () => {
    const text = "# c\r\nexport A = 'x y' # note\r\nB=\"m\r\nn\"\r\n";
    const [a, b] = scanAssignments(text);
    assert.equal(text.slice(a!.valueStart, a!.valueEnd), "'x y'");
    assert.equal(a!.style, "single");
    assert.equal(text.slice(b!.valueStart, b!.valueEnd), '"m\r\nn"');
    assert.equal(b!.value, "m\nn");
  });

  it("places an empty value right after the separator", () => {
    const text = "A=   # note\nB=\n";
    const [a, b] = scanAssignments(text);
    assert.equal(a!.valueStart, 2);
    assert.equal(a!.valueEnd, 2);
    assert.equal(b!.valueStart, text.indexOf("B=") + 2);
  });
});
