// The extension bundle is parsed whole at activation: zod's other languages (264 kB) stay out of it,
// and zod still validates and speaks English (scripts/zodEnglishOnly.mjs).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as esbuild from "esbuild";

const ROOT = path.resolve(__dirname, "../../..");
type Plugin = () => esbuild.Plugin;
const plugin = async (): Promise<Plugin> => ((await import(path.join(ROOT, "scripts", "zodEnglishOnly.mjs"))) as { zodEnglishOnly: Plugin }).zodEnglishOnly;

describe("extension bundle: zod in English only", function () {
  this.timeout(60_000);

  it("the extension bundle holds zod's English messages and no other language", async () => {
    const r = await esbuild.build({
      entryPoints: [path.join(ROOT, "src", "extension.ts")], bundle: true, write: false, outfile: "extension.js", metafile: true,
      platform: "node", format: "cjs", target: "node20", external: ["vscode", "pg-native"], plugins: [(await plugin())()], logLevel: "silent",
    });
    const locales = Object.keys(r.metafile.inputs).filter((f) => !f.startsWith("zod-english-only:") && /node_modules\/zod\/.*locales\/[\w-]+\.js$/.test(f)).map((f) => path.basename(f));
    assert.deepEqual(locales, ["en.js"]);
  });

  it("zod bundled this way validates, with its English messages, and z.locales still has en", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "lakebase-zod-bundle-"));
    try {
      const outfile = path.join(dir, "probe.js");
      await esbuild.build({
        stdin: { contents: "import { z } from 'zod'; module.exports = { z };", resolveDir: ROOT, loader: "js" },
        bundle: true, outfile, platform: "node", format: "cjs", plugins: [(await plugin())()], logLevel: "silent",
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { z } = require(outfile) as { z: typeof import("zod").z };
      const res = z.object({ host: z.string() }).safeParse({ host: 5 });
      assert.equal(res.success, false);
      assert.equal(res.error?.issues[0]?.message, "Invalid input: expected string, received number");
      assert.deepEqual(Object.keys(z.locales), ["en"]);
      assert.equal(z.object({ n: z.number().int() }).parse({ n: 3 }).n, 3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
