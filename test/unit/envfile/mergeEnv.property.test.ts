/**
 * Property tests for mergeEnv over generated .env files.
 *
 * No npm `dotenv` is installed here, so the oracle is twofold: (a) the generator knows the
 * value it spelled on every line, independently of our scanner, and (b) `parseEnv`, which runs
 * dotenv's own expression, must agree with (a) before it is used to judge the merge.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { parseEnv, scanAssignments } from "../../../src/core/envfile/dotenvScan";
import { parseEnvDocument, type EnvLine } from "../../../src/core/envfile/envDocument";
import { EnvFileError } from "../../../src/core/envfile/envFileError";
import { mergeEnv, type MergeOptions, type MergeResult } from "../../../src/core/envfile/mergeEnv";

const KEYS = ["A", "B_1", "PGHOST", "x.y", "k-2", "DATABRICKS_TOKEN"];
const NEW_KEYS = ["PGPORT", "LAKEBASE_ENDPOINT", "NEW.key"];
const HEADER = "Lakebase (written by Lakebase for VS Code)";

const chars = (s: string) => fc.constantFrom(...[...s]);
const word = fc.string({ unit: chars("abcXYZ019_./:@-"), minLength: 1, maxLength: 8 });

/** A line the generator spells, with the value dotenv must read from it. */
interface LineSpec { text: string; key?: string; value?: string }

function spellAssignment(indent: string, exported: boolean, key: string, sep: string, written: string, comment: boolean): string {
  return `${indent}${exported ? "export " : ""}${key}${sep}${written}${comment ? " # note" : ""}`;
}

const assignment = (nl: string) =>
  fc.record({
    indent: fc.constantFrom("", "  "),
    exported: fc.boolean(),
    key: fc.constantFrom(...KEYS),
    sep: fc.constantFrom("=", " = ", "= ", "\t=\t", ": "),
    comment: fc.boolean(),
    val: fc.oneof(
      fc.oneof(fc.constant(""), word, fc.tuple(word, word).map(([a, b]) => `${a} ${b}`)).map((v) => ({ written: v, value: v })),
      // Quoted contents never hold their own quote; a newline makes the value multi-line.
      fc.string({ unit: fc.oneof(chars("aZ1 #'`=$é\t"), fc.constant(nl)), maxLength: 10 })
        .map((v) => ({ written: `"${v}"`, value: v.replace(/\r\n/g, "\n") })),
      fc.string({ unit: fc.oneof(chars('aZ1 #"`=$\\é'), fc.constant(nl)), maxLength: 10 })
        .filter((v) => !v.endsWith("\\"))
        .map((v) => ({ written: `'${v}'`, value: v.replace(/\r\n/g, "\n") })),
      fc.string({ unit: fc.oneof(chars(`aZ1 #"'=$`), fc.constant(nl)), maxLength: 10 })
        .map((v) => ({ written: `\`${v}\``, value: v.replace(/\r\n/g, "\n") })),
    ),
  }).map((a): LineSpec => ({
    text: spellAssignment(a.indent, a.exported, a.key, a.sep, a.val.written, a.comment),
    key: a.key,
    value: a.val.value,
  }));

const line = (nl: string) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom("", "  ", "\t").map((t): LineSpec => ({ text: t })) },
    { weight: 1, arbitrary: fc.string({ unit: chars("ab #=\"'`$"), maxLength: 12 }).map((t): LineSpec => ({ text: `#${t}` })) },
    { weight: 3, arbitrary: assignment(nl) },
  );

const envFile = fc
  .record({ mode: fc.constantFrom("lf", "crlf", "mixed"), bom: fc.boolean(), finalNewline: fc.boolean(), seed: fc.array(fc.boolean(), { maxLength: 12 }) })
  .chain(({ mode, bom, finalNewline, seed }) => {
    const nl = mode === "crlf" ? "\r\n" : "\n";
    return fc.array(line(nl), { maxLength: 12 }).map((lines) => {
      let text = "";
      const expected = new Map<string, string>();
      lines.forEach((l, i) => {
        const eol = mode === "mixed" ? (seed[i] ? "\r\n" : "\n") : nl;
        text += l.text + (i < lines.length - 1 || finalNewline ? eol : "");
        if (l.key !== undefined) expected.set(l.key, l.value!);
      });
      // A lone BOM is a separate handwritten case (the first key lands on its line).
      if (bom && text !== "") text = "\uFEFF" + text;
      return { text, expected };
    });
  });

/** The rule quoting.ts documents: every value is writable except these shapes. */
const writable = (v: string) =>
  !/["\\$]/.test(v) || // double quotes
  !/['\r]|\\$/.test(v) || // single quotes
  !/[`\r]|\\$/.test(v); // backticks

const anyValue = fc.oneof(
  word,
  fc.string({ unit: chars(" #\"'`=$\\\n\r\tabé\u2028{}"), maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 12 }),
);
const updatesArb = fc.dictionary(fc.constantFrom(...KEYS, ...NEW_KEYS), anyValue.filter(writable), { maxKeys: 5 });
const optsArb = fc.record({ header: fc.option(fc.constant(HEADER), { nil: undefined }) }) as fc.Arbitrary<MergeOptions>;

/** Lines of `after` that mergeEnv inserted: appended keys, plus a new header and its blank line. */
function withoutInserted(before: EnvLine[], after: EnvLine[], r: MergeResult, header: string | undefined): EnvLine[] {
  const added = new Set(r.added);
  const headerText = `# ${header}`;
  const headerWasThere = before.some((l) => l.kind === "comment" && l.text.replace(/^\uFEFF/, "").trim() === headerText);
  const newHeaderAt = header && !headerWasThere && added.size > 0 ? after.findIndex((l) => l.text === headerText) : -1;
  return after.filter((l, i) => {
    if (l.assignment && added.has(l.assignment.key)) return false;
    if (i === newHeaderAt) return false;
    if (newHeaderAt >= 0 && i === newHeaderAt - 1 && i >= before.length && l.kind === "blank") return false;
    return true;
  });
}

describe("envfile/mergeEnv: properties over generated files", function () {
  // Thousands of runs per property; generous on a busy machine.
  this.timeout(60_000);

  it("the generator's files read as the generator meant (oracle check for parseEnv)", () => {
    fc.assert(fc.property(envFile, ({ text, expected }) => {
      assert.deepEqual(parseEnv(text), expected);
    }), { numRuns: 1000 });
  });

  it("(1) every line that is not a written key survives byte for byte and in order", () => {
    fc.assert(fc.property(envFile, updatesArb, optsArb, ({ text }, updates, opts) => {
      const r = mergeEnv(text, updates, opts);
      const before = parseEnvDocument(text).lines;
      const kept = withoutInserted(before, parseEnvDocument(r.text).lines, r, opts.header);
      assert.equal(kept.length, before.length);
      const changed = new Set(r.changed);
      before.forEach((o, i) => {
        const n = kept[i]!;
        const isLast = i === before.length - 1;
        if (isLast && o.eol === "" && r.added.length > 0) assert.notEqual(n.eol, "");
        else assert.equal(n.eol, o.eol);
        if (o.assignment && changed.has(o.assignment.key)) {
          assert.equal(n.text.slice(0, o.assignment.valueStart), o.text.slice(0, o.assignment.valueStart));
          assert.ok(n.text.endsWith(o.text.slice(o.assignment.valueEnd)));
        } else {
          assert.equal(n.text, o.text);
        }
      });
    }), { numRuns: 1000 });
  });

  it("(2) the written keys read back with the new values, every other key keeps its old one", () => {
    fc.assert(fc.property(envFile, updatesArb, optsArb, ({ text, expected }, updates, opts) => {
      const r = mergeEnv(text, updates, opts);
      const now = parseEnv(r.text);
      // Issue #10 changed this: a key assigned twice means no key is written (all or none).
      const assignedTwice = Object.keys(updates).filter((k) => scanAssignments(text).filter((a) => a.key === k).length > 1);
      assert.deepEqual(r.duplicates, assignedTwice);
      if (r.duplicates.length > 0) {
        assert.equal(r.text, text, "nothing is written when a key is ambiguous");
        assert.deepEqual([r.changed, r.added], [[], []]);
        for (const k of r.duplicates) assert.equal(r.duplicateLines[k]!.length, scanAssignments(text).filter((a) => a.key === k).length);
        return;
      }
      for (const [key, value] of Object.entries(updates)) assert.equal(now.get(key), value);
      for (const [key, value] of expected) if (!(key in updates)) assert.equal(now.get(key), value);
      assert.deepEqual(new Set([...r.changed, ...r.added, ...r.unchanged]), new Set(Object.keys(updates)));
    }), { numRuns: 1000 });
  });

  it("(3) merging the same updates twice changes nothing the second time", () => {
    fc.assert(fc.property(envFile, updatesArb, optsArb, ({ text }, updates, opts) => {
      const once = mergeEnv(text, updates, opts);
      const twice = mergeEnv(once.text, updates, opts);
      assert.equal(twice.text, once.text);
      assert.deepEqual([twice.changed, twice.added], [[], []]);
      assert.deepEqual(twice.duplicates, once.duplicates);
    }), { numRuns: 1000 });
  });

  it("(4) values full of special characters survive quoting, or are refused with a clear error", () => {
    fc.assert(fc.property(envFile, fc.constantFrom(...KEYS, ...NEW_KEYS), anyValue, ({ text }, key, value) => {
      if (!writable(value)) {
        assert.throws(() => mergeEnv(text, { [key]: value }), (e: unknown) => e instanceof EnvFileError && e.message.includes(key));
        return;
      }
      const r = mergeEnv(text, { [key]: value });
      if (r.duplicates.length === 0) assert.equal(parseEnv(r.text).get(key), value);
    }), { numRuns: 3000 });
  });
});
