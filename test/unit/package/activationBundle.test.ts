// The extension bundle is compiled whole at activation: what activation does not need stays out of it.
// zod: core's schemas use zod/mini (src/core/validation.ts), in English only (scripts/zodEnglishOnly.mjs),
// never the classic API; the Postgres driver is a bundle of its own loaded on first use (scripts/lazyBundles.mjs).
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as esbuild from "esbuild";

const ROOT = path.resolve(__dirname, "../../..");
interface LazyBundle { module: string; bundle: string }
const scripts = async () => ({
  ...((await import(path.join(ROOT, "scripts", "zodEnglishOnly.mjs"))) as { zodEnglishOnly: () => esbuild.Plugin }),
  ...((await import(path.join(ROOT, "scripts", "lazyBundles.mjs"))) as { lazyBundles: (root?: string) => esbuild.Plugin; LAZY_BUNDLES: LazyBundle[] }),
});
const nodeModule = (f: string): string | undefined => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f)?.[1];

describe("extension bundle: what activation loads", function () {
  this.timeout(60_000);
  let inputs: string[];
  let text: string;

  before(async () => {
    const { zodEnglishOnly, lazyBundles } = await scripts();
    const r = await esbuild.build({
      entryPoints: [path.join(ROOT, "src", "extension.ts")], bundle: true, write: false, outfile: "extension.js", metafile: true, minify: true,
      platform: "node", format: "cjs", target: "node20", external: ["vscode", "pg-native"], plugins: [zodEnglishOnly(), lazyBundles(ROOT)], logLevel: "silent",
    });
    inputs = Object.keys(r.metafile.inputs);
    text = r.outputFiles[0].text;
  });

  it("holds zod's English messages and no other language", () => {
    const locales = inputs.filter((f) => !f.startsWith("zod-english-only:") && /node_modules\/zod\/.*locales\/[\w-]+\.js$/.test(f)).map((f) => path.basename(f));
    assert.deepEqual(locales, ["en.js"]);
  });

  it("holds zod/mini and not zod's classic API (every method on every schema, built at load)", () => {
    assert.ok(inputs.some((f) => /node_modules\/zod\/v4\/mini\//.test(f)), "zod/mini is in the bundle");
    assert.deepEqual(inputs.filter((f) => /node_modules\/zod\/v4\/classic\//.test(f)), []);
  });

  it("holds no Postgres driver: it requires dist/pgDriver.js at the first connection", () => {
    assert.deepEqual(inputs.filter((f) => ["pg", "pg-cursor", "pg-copy-streams", "pg-protocol", "pg-pool"].includes(nodeModule(f) ?? "")), []);
    assert.match(text, /require\("\.\/pgDriver\.js"\)/);
  });

  it("holds none of the modules loaded on first use, only a require() of their bundle", async () => {
    const { LAZY_BUNDLES } = await scripts();
    for (const b of LAZY_BUNDLES) {
      assert.ok(!inputs.some((f) => f.endsWith(b.module)), `${b.module} is in the activation bundle`);
      assert.ok(text.includes(`require("./${b.bundle}")`), `the activation bundle does not require ./${b.bundle}`);
    }
    // The SQL analysis behind completion, hover and diagnostics.
    for (const m of ["analysis/completion.ts", "analysis/hover.ts", "analysis/signatureHelp.ts", "diagnostics/diagnose.ts", "analysis/catalogIndex.ts"]) {
      assert.ok(!inputs.some((f) => f.endsWith(`src/core/sql/${m}`)), `src/core/sql/${m} is in the activation bundle`);
    }
  });

  it("a module in both the activation bundle and a lazy one holds no class and no module state (each bundle runs its own copy)", async () => {
    const { LAZY_BUNDLES } = await scripts();
    const inMain = new Set(inputs.filter((f) => f.includes("src/")).map((f) => path.resolve(ROOT, f)));
    for (const b of LAZY_BUNDLES) {
      const r = await esbuild.build({ entryPoints: [path.join(ROOT, b.module)], bundle: true, write: false, outfile: "lazy.js", metafile: true, platform: "node", format: "cjs", external: ["pg-native"], logLevel: "silent" });
      const shared = Object.keys(r.metafile.inputs).map((f) => path.resolve(ROOT, f)).filter((f) => inMain.has(f));
      for (const f of shared) {
        const src = readFileSync(f, "utf8");
        assert.doesNotMatch(src, /^(export )?(abstract )?class /m, `${path.relative(ROOT, f)} (in extension.js and ${b.bundle}) declares a class: instanceof would fail across the bundles`);
        // Constant tables (a Set of keywords) are fine; a `let` or an empty Map/Set is state.
        assert.doesNotMatch(src, /^(export )?let |^(export )?const \w+ = new (Weak)?(Map|Set)(<.*>)?\(\)/m, `${path.relative(ROOT, f)} (in extension.js and ${b.bundle}) holds module state, once per bundle`);
      }
    }
  });

  it("a lazy module reached by an import instead of a require() call fails the build, naming the importer", async () => {
    const { lazyBundles } = await scripts();
    const r = await esbuild.build({
      stdin: { contents: "import { pg } from './src/core/db/pgModules'; console.log(pg);", resolveDir: ROOT, loader: "ts", sourcefile: "importer.ts" },
      bundle: true, write: false, platform: "node", plugins: [lazyBundles(ROOT)], logLevel: "silent",
    }).then(() => undefined, (err: esbuild.BuildFailure) => err);
    assert.ok(r, "the build failed");
    assert.match(r.errors[0].text, /src\/core\/db\/pgModules\.ts loads on first use: reach it through a require\(\) call, not an import \(imported by .*importer\.ts\)/);
  });

  it("each lazy bundle builds on its own and holds what its module exports (the driver: pg, pg-cursor, COPY)", async () => {
    const { LAZY_BUNDLES } = await scripts();
    const dir = mkdtempSync(path.join(tmpdir(), "lakebase-lazy-bundle-"));
    try {
      const b = LAZY_BUNDLES.find((x) => x.bundle === "pgDriver.js");
      assert.ok(b, "pgDriver.js is a lazy bundle");
      const outfile = path.join(dir, b.bundle);
      await esbuild.build({ entryPoints: [path.join(ROOT, b.module)], bundle: true, outfile, platform: "node", format: "cjs", target: "node20", external: ["pg-native"], logLevel: "silent" });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const m = require(outfile) as typeof import("../../../src/core/db/pgModules");
      assert.equal(typeof m.pg.Pool, "function");
      assert.equal(typeof m.Cursor, "function");
      assert.equal(typeof m.copyTo, "function");
      assert.doesNotMatch(readFileSync(outfile, "utf8"), /zod/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("core's zod bundled this way validates with zod's English messages", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "lakebase-zod-bundle-"));
    try {
      const { zodEnglishOnly } = await scripts();
      const outfile = path.join(dir, "probe.js");
      await esbuild.build({
        stdin: { contents: "export * as z from './src/core/validation';", resolveDir: ROOT, loader: "ts" },
        bundle: true, outfile, platform: "node", format: "cjs", plugins: [zodEnglishOnly()], logLevel: "silent",
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { z } = require(outfile) as { z: typeof import("../../../src/core/validation") };
      const res = z.object({ host: z.string() }).safeParse({ host: 5 });
      assert.equal(res.success, false);
      assert.equal(res.error?.issues[0]?.message, "Invalid input: expected string, received number");
      assert.equal(z.object({ n: z.int() }).parse({ n: 3 }).n, 3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
