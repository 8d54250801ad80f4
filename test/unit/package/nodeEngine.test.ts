// The Node version the README and engines.node promise is the one every installed package accepts,
// except development-only packages that the README names (npm ci prints EBADENGINE for those).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../../..");
const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
const lock = JSON.parse(readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, { engines?: { node?: string } | string[]; dev?: boolean; optional?: boolean }> };
// semver is what npm itself uses for engines (here through vsce's dependencies).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const semver = require("semver") as { minVersion(range: string): { version: string } | null; satisfies(v: string, range: string): boolean };

const oldestNode = () => semver.minVersion(pkg.engines.node)!.version;
const refusing = () => Object.entries(lock.packages)
  .filter(([name, p]) => name !== "" && !Array.isArray(p.engines) && typeof p.engines?.node === "string" && !semver.satisfies(oldestNode(), p.engines.node))
  .map(([name, p]) => ({ name: name.replace(/^.*node_modules\//, ""), range: (p.engines as { node: string }).node, dev: p.dev === true }));

describe("Node engine", () => {
  it("engines.node is what the README's requirements say", () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    const m = /Requirements: Node\.js ≥ (\d+\.\d+)/.exec(readme);
    assert.ok(m, "README states no Node requirement");
    assert.equal(pkg.engines.node, `>=${m[1]}`);
  });

  it("every package the extension can ship accepts the oldest Node engines.node allows", () => {
    const shipped = refusing().filter((p) => !p.dev);
    assert.deepEqual(shipped, [], `runtime packages that refuse Node ${oldestNode()}`);
  });

  it("the README names each development package that wants a newer Node (npm ci's EBADENGINE warning)", () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    for (const p of refusing()) assert.ok(readme.includes(`\`${p.name}\``), `${p.name} (node ${p.range}) is not explained in the README`);
  });
});
