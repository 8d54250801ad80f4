import assert from "node:assert/strict";
import { parseEnv } from "../../../src/core/envfile/dotenvScan";
import { EnvFileError } from "../../../src/core/envfile/envFileError";
import { describeDuplicates, mergeEnv } from "../../../src/core/envfile/mergeEnv";

const HEADER = "Lakebase (written by Lakebase for VS Code)";

describe("envfile/mergeEnv: handwritten tricky files", () => {
  it("updates in place, keeping export, quoting, spacing and the inline comment", () => {
    const text = "# app\nexport PGHOST = 'old.example.com'   # from the console\nPGPORT=5432\n";
    const r = mergeEnv(text, { PGHOST: "new.example.com", PGPORT: "5432" });
    assert.equal(r.text, "# app\nexport PGHOST = 'new.example.com'   # from the console\nPGPORT=5432\n");
    assert.deepEqual([r.changed, r.added, r.unchanged, r.duplicates], [["PGHOST"], [], ["PGPORT"], []]);
  });

  it("switches to minimal safe quoting when the old style cannot hold the value", () => {
    const r = mergeEnv("A=plain\nB=\"dq\"\nC='sq'\n", { A: "has space", B: "a$b", C: "it's" });
    assert.equal(r.text, "A=\"has space\"\nB='a$b'\nC=\"it's\"\n");
  });

  it("keeps CRLF files CRLF, and each line's own ending in a mixed file", () => {
    assert.equal(mergeEnv("A=1\r\nB=2\r\n", { B: "3", C: "4" }).text, "A=1\r\nB=3\r\nC=4\r\n");
    assert.equal(mergeEnv("A=1\r\nB=2\nC=3\r\n", { B: "x", D: "y" }).text, "A=1\r\nB=x\nC=3\r\nD=y\r\n");
  });

  it("adds a line break before appending to a file without a final newline", () => {
    assert.equal(mergeEnv("A=1", { B: "2" }).text, "A=1\nB=2\n");
    assert.equal(mergeEnv("A=1\r\n# end", { B: "2" }).text, "A=1\r\n# end\r\nB=2\r\n");
  });

  it("keeps the BOM, also for a file that holds nothing else", () => {
    assert.equal(mergeEnv("\uFEFFA=1\n", { A: "2" }).text, "\uFEFFA=2\n");
    assert.equal(mergeEnv("\uFEFF", { A: "1" }).text, "\uFEFFA=1\n");
  });

  it("replaces a multi-line value as a whole", () => {
    const text = 'KEY="-----BEGIN-----\nabc\n-----END-----"\nNEXT=1\n';
    const r = mergeEnv(text, { KEY: "short" });
    assert.equal(r.text, 'KEY="short"\nNEXT=1\n');
  });

  it("writes into an empty value, before its comment", () => {
    assert.equal(mergeEnv("A=   # fill me\nB=\n", { A: "1", B: "2" }).text, "A=1   # fill me\nB=2\n");
  });

  it("reports a key defined twice with its lines, and then writes no key at all (all or none)", () => {
    // Issue #10 changed this: PGPORT used to be added, leaving the file half on the new endpoint.
    const text = "# top\nPGHOST=a\nMULTI=\"x\ny\"\nPGHOST=b\nPGPORT=1\n";
    const r = mergeEnv(text, { PGHOST: "c", PGPORT: "5432", PGUSER: "me" });
    assert.equal(r.text, text);
    assert.deepEqual(r.duplicates, ["PGHOST"]);
    assert.deepEqual(r.duplicateLines, { PGHOST: [2, 5] });
    assert.deepEqual([r.changed, r.added, r.unchanged], [[], [], []]);
    assert.equal(describeDuplicates(r), "PGHOST (lines 2 and 5)");
  });

  it("returns the very same text when nothing changes", () => {
    const text = "\uFEFF# x\r\nexport A='1'  # c\nB=\"two words\"";
    const r = mergeEnv(text, { A: "1", B: "two words" });
    assert.equal(r.text, text);
    assert.deepEqual([r.changed, r.added], [[], []]);
    assert.deepEqual(r.unchanged, ["A", "B"]);
  });

  it("puts the header once, after one blank line, and later keys into the same block", () => {
    const first = mergeEnv("EXISTING=1\n", { PGHOST: "h" }, { header: HEADER });
    assert.equal(first.text, `EXISTING=1\n\n# ${HEADER}\nPGHOST=h\n`);
    const withTail = first.text + "\n# other tool\nOTHER=1\n";
    const second = mergeEnv(withTail, { PGPORT: "5432" }, { header: HEADER });
    assert.equal(second.text, `EXISTING=1\n\n# ${HEADER}\nPGHOST=h\nPGPORT=5432\n\n# other tool\nOTHER=1\n`);
  });

  it("adds no blank line when the file already ends with one, and none to an empty file", () => {
    assert.equal(mergeEnv("A=1\n\n", { B: "2" }, { header: HEADER }).text, `A=1\n\n# ${HEADER}\nB=2\n`);
    assert.equal(mergeEnv("", { B: "2" }, { header: HEADER }).text, `# ${HEADER}\nB=2\n`);
    assert.equal(mergeEnv("", { B: "2" }, { newline: "\r\n" }).text, "B=2\r\n");
  });

  it("uses export for new keys when every existing key uses it", () => {
    assert.equal(mergeEnv("export A=1\n", { B: "2" }).text, "export A=1\nexport B=2\n");
    assert.equal(mergeEnv("export A=1\nC=3\n", { B: "2" }).text, "export A=1\nC=3\nB=2\n");
  });

  it("never overwrites keepExisting keys but still adds them when missing", () => {
    const r = mergeEnv("TOKEN=<mine>\n", { TOKEN: "<yours>", OTHER: "<x>" }, { keepExisting: ["TOKEN", "OTHER"] });
    assert.equal(r.text, 'TOKEN=<mine>\nOTHER="<x>"\n');
    assert.deepEqual(r.unchanged, ["TOKEN"]);
  });

  it("works with the colon form and odd spacing around =", () => {
    assert.equal(mergeEnv("A: 1\nB   =\t2\n", { A: "x", B: "y" }).text, "A: x\nB   =\ty\n");
  });

  it("refuses invalid keys and unwritable values with messages that do not contain the value", () => {
    assert.throws(() => mergeEnv("", { "BAD KEY": "v" }), (e: unknown) => e instanceof EnvFileError && /not a valid \.env key/.test(e.message));
    const secret = `s3cr'"\`et`;
    assert.throws(() => mergeEnv("", { TOKEN: secret }), (e: unknown) => e instanceof EnvFileError && /TOKEN/.test(e.message) && !e.message.includes(secret));
  });

  it("refuses an edit that neighbouring lines would make read back wrongly", () => {
    // An unclosed single quote on A: writing B="x' #y" would close it and swallow B.
    const text = "A='open\nB=1\n";
    assert.equal(parseEnv(text).get("A"), "'open");
    assert.equal(parseEnv(`A='open\nB="x' #y"\n`).get("B"), undefined);
    assert.throws(() => mergeEnv(text, { B: "x' #y" }), (e: unknown) => e instanceof EnvFileError && /B/.test(e.message));
    // Values that cannot close the quote are fine next to the same line.
    assert.equal(mergeEnv(text, { B: "2", C: "a$b" }).text, "A='open\nB=2\nC='a$b'\n");
  });
});
