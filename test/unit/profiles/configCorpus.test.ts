import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { loadProfiles } from "../../../src/core/profiles/loadProfiles";

/** One table test over test/fixtures/databrickscfg: NN-name.cfg + NN-name.expected.json. */
const DIR = path.resolve(__dirname, "../../fixtures/databrickscfg");

interface ExpectedProfile {
  name: string; host: string | null; authType: string | null; state: string; line: number; isDefault: boolean;
  reason?: string; fields?: Record<string, string>;
}
interface Expected {
  description: string;
  env?: Record<string, string>;
  settings?: { defaultProfile?: string };
  useSettingPath?: boolean;
  missing?: boolean;
  /** Strings (secrets in the file) no problem message or reason may contain. */
  notShown?: string[];
  /** null: the CLI cannot load the file, so there is no default. */
  defaultProfile: string | null;
  profiles: ExpectedProfile[];
  problems: Array<{ line?: number; severity?: string; message: string }>;
}

const cases = fs.readdirSync(DIR).filter((f) => f.endsWith(".expected.json")).sort();

describe("databrickscfg corpus", () => {
  it("has at least 25 cases", () => assert.ok(cases.length >= 25, `${cases.length} cases`));

  for (const file of cases) {
    const base = file.replace(/\.expected\.json$/, "");
    const expected = JSON.parse(fs.readFileSync(path.join(DIR, file), "utf8")) as Expected;
    it(`${base}: ${expected.description}`, async () => {
      const cfg = path.join(DIR, `${base}.cfg`);
      assert.equal(fs.existsSync(cfg), !expected.missing, "fixture file presence");
      const env: Record<string, string> = { HOME: "/nonexistent-home", USERPROFILE: "/nonexistent-home" };
      for (const [k, v] of Object.entries(expected.env ?? {})) env[k] = v === "$SELF" ? cfg : v;
      const loaded = await loadProfiles({
        configFile: expected.useSettingPath === false ? undefined : cfg,
        defaultProfile: expected.settings?.defaultProfile,
        env,
      });
      assert.equal(loaded.location.path, cfg);
      assert.equal(loaded.defaultProfile?.name ?? null, expected.defaultProfile);
      const actual = loaded.profiles.map((p) => ({
        name: p.name,
        host: p.host ?? null,
        authType: p.authType ?? null,
        state: p.unavailable?.state ?? "unknown",
        line: p.source.line,
        isDefault: p.name === loaded.defaultProfile?.name,
      }));
      const want = expected.profiles.map(({ reason: _r, fields: _f, ...rest }) => rest);
      assert.deepEqual(actual, want);
      for (const [i, exp] of expected.profiles.entries()) {
        const got = loaded.profiles[i]!;
        assert.equal(got.source.file, cfg);
        if (exp.reason) assert.ok(got.unavailable?.reason.includes(exp.reason), `${exp.name} reason: ${got.unavailable?.reason}`);
        else assert.equal(got.unavailable, undefined);
        for (const [k, v] of Object.entries(exp.fields ?? {})) assert.equal(got.fields[k], v, `${exp.name}.${k}`);
      }
      assert.equal(loaded.problems.length, expected.problems.length, JSON.stringify(loaded.problems, null, 1));
      for (const [i, exp] of expected.problems.entries()) {
        const got = loaded.problems[i]!;
        assert.equal(got.file, cfg);
        assert.equal(got.line, exp.line);
        if (exp.severity) assert.equal(got.severity, exp.severity);
        assert.ok(got.message.includes(exp.message), `problem ${i}: ${got.message}`);
      }
      for (const secret of expected.notShown ?? []) {
        for (const p of loaded.problems) assert.ok(!p.message.includes(secret), `problem shows a secret: ${p.message}`);
        for (const p of loaded.profiles) assert.ok(!p.unavailable?.reason.includes(secret), `${p.name} reason shows a secret`);
      }
      // A problem's line may hold a secret: neither its message nor any profile's reason quotes it.
      const lines = fs.existsSync(cfg) ? fs.readFileSync(cfg, "utf8").split("\n") : [];
      for (const problem of loaded.problems.filter((p) => p.line !== undefined)) {
        const raw = (lines[problem.line! - 1] ?? "").trim();
        if (raw.length < 4) continue;
        assert.ok(!problem.message.includes(raw), `problem at line ${problem.line} quotes its line: ${problem.message}`);
        for (const p of loaded.profiles) assert.ok(!p.unavailable?.reason.includes(raw), `${p.name} reason quotes line ${problem.line}`);
      }
    });
  }
});
