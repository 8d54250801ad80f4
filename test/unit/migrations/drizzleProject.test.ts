import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { findDrizzleConfigs, findDrizzleKit } from "../../../src/core/migrations/drizzleProject";

describe("drizzle project discovery", () => {
  let root: string;
  beforeEach(() => { root = mkdtempSync(path.join(tmpdir(), "drizzle-find-")); });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("finds every config in a monorepo, skipping node_modules, nearest first", async () => {
    for (const f of ["drizzle.config.ts", "apps/web/drizzle.config.mjs", "packages/db/drizzle.config.json", "node_modules/x/drizzle.config.ts"]) {
      mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
      writeFileSync(path.join(root, f), "");
    }
    const found = (await findDrizzleConfigs(root)).map((f) => path.relative(root, f));
    assert.deepEqual(found, ["drizzle.config.ts", path.join("apps", "web", "drizzle.config.mjs"), path.join("packages", "db", "drizzle.config.json")]);
  });

  it("finds the project's own drizzle-kit by walking up node_modules", async () => {
    mkdirSync(path.join(root, "node_modules", "drizzle-kit"), { recursive: true });
    writeFileSync(path.join(root, "node_modules", "drizzle-kit", "package.json"), JSON.stringify({ version: "0.31.0", bin: { "drizzle-kit": "bin.cjs" } }));
    mkdirSync(path.join(root, "apps", "api"), { recursive: true });
    const kit = await findDrizzleKit(path.join(root, "apps", "api", "drizzle.config.ts"));
    assert.equal(kit.version, "0.31.0");
    assert.equal(kit.binScript, path.join(root, "node_modules", "drizzle-kit", "bin.cjs"));
  });

  it("says how to install drizzle-kit when it is missing", async () => {
    await assert.rejects(findDrizzleKit(path.join(root, "drizzle.config.ts")), /npm install -D drizzle-kit/);
  });
});
