import assert from "node:assert/strict";
import { parseIni } from "../../../src/core/profiles/iniReader";

describe("parseIni (go-ini semantics)", () => {
  it("never echoes a malformed line that may be a pasted secret, not even in part", () => {
    const secret = "dapi0123456789abcdef0123456789abcdef";
    const doc = parseIni(`[a]\nhost = h\n${secret}\nshort junk\n`);
    assert.equal(doc.problems.length, 2);
    assert.equal(doc.problems[0]!.line, 3);
    assert.ok(!doc.problems[0]!.message.includes(secret.slice(0, 8)), doc.problems[0]!.message);
    assert.match(doc.problems[1]!.message, /short junk/, "harmless lines are still quoted");
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
});
