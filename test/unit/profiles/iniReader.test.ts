import assert from "node:assert/strict";
import { parseIni } from "../../../src/core/profiles/iniReader";

describe("parseIni (go-ini semantics)", () => {
  it("never echoes a malformed line that may be a pasted secret, not even in part", () => {
    const secret = "dapi0123456789abcdef0123456789abcdef";
    const doc = parseIni(`[a]\nhost = h\n${secret}\nshort junk\n`);
    assert.equal(doc.problems.length, 2);
    assert.equal(doc.problems[0]!.line, 3);
    assert.ok(!doc.problems[0]!.message.includes(secret.slice(0, 8)), doc.problems[0]!.message);
    // Issue #10 changes this: no line is quoted any more, however harmless it looks.
    assert.ok(!doc.problems[1]!.message.includes("short junk"), doc.problems[1]!.message);
    assert.equal(doc.problems[1]!.line, 4);
  });

  it("reads triple-quoted multi-line values and keeps line numbers after them", () => {
    const doc = parseIni('[a]\nscopes = """sql\nall-apis"""\nhost = h\n');
    const a = doc.sections.get("a")!;
    assert.equal(a.keys.get("scopes")!.value, "sql\nall-apis");
    assert.equal(a.keys.get("host")!.line, 4);
    assert.deepEqual(doc.problems, []);
  });

  it("reports an unterminated multi-line value", () => {
    const doc = parseIni('[a]\nx = `never closed\nhost = h\n');
    assert.equal(doc.problems[0]!.line, 2);
    assert.match(doc.problems[0]!.message, /unterminated quoted value for "x"/);
  });

  it("keeps the first header line for a merged section and ignores text after ]", () => {
    const doc = parseIni("[a] trailing words\nk=1\n[b]\n[a]\nk=2\n");
    assert.equal(doc.sections.get("a")!.line, 1);
    assert.equal(doc.sections.get("a")!.keys.get("k")!.value, "2");
    assert.deepEqual([...doc.sections.keys()], ["DEFAULT", "a", "b"]);
  });

  it("never echoes a long garbage line (it may be a pasted token)", () => {
    const doc = parseIni("[a]\ndapi0123456789abcdef0123456789abcdef0123\n");
    assert.ok(!doc.problems[0]!.message.includes("dapi0123456789abcdef0123456789abcdef0123"));
  });

  it("starts an inline comment only at a space followed by # or ; (the CLI's SpaceBeforeInlineComment)", () => {
    const doc = parseIni("[a]\nt1 = dapi0a1b#c2d3\nt2 = x;y\nt3 = v # note\nt4 = v ; note\nt5 = a ;b #c\nt6 = a\t#b\nt7 = #x\n");
    const v = (k: string) => doc.sections.get("a")!.keys.get(k)!.value;
    assert.deepEqual(["t1", "t2", "t3", "t4", "t5", "t6", "t7"].map(v), ["dapi0a1b#c2d3", "x;y", "v", "v", "a ;b", "a\t#b", "#x"]);
  });

  it("removes surrounding quotes after the comment cut, like go-ini", () => {
    const doc = parseIni("[a]\ns1 = 'ab;cd'\ns2 = \"ab#cd\" # c\ns3 = 'ab ;cd'\ns4 = `a #b ;c`\ns5 = \"\"\"x # y\"\"\"\ns6 = 'it's'\n");
    const v = (k: string) => doc.sections.get("a")!.keys.get(k)!.value;
    assert.deepEqual(["s1", "s2", "s3", "s4", "s5", "s6"].map(v), ["ab;cd", "ab#cd", "'ab", "a #b ;c", "x # y", "'it's'"]);
  });

  it("marks the problems that make the CLI refuse the whole file", () => {
    const doc = parseIni("[a]\nhost = h\njunk\n[ spaced ]\nHost = x\n");
    assert.deepEqual(doc.problems.map((p) => [p.line, p.fatal]), [[3, "is not a [section], a comment or key = value"], [4, undefined]]);
  });

  it("reads quoted key names (double, triple and backtick quotes)", () => {
    const doc = parseIni('[a]\n"k 1" = v1\n"""k:2""" = v2\n`k=3` = v3\n');
    assert.deepEqual([...doc.sections.get("a")!.keys].map(([k, e]) => [k, e.value]), [["k 1", "v1"], ["k:2", "v2"], ["k=3", "v3"]]);
    assert.deepEqual(doc.problems, []);
  });
});
