import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../../..");
const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  assert.equal(b.subarray(1, 4).toString("latin1"), "PNG", `${file} is not a PNG`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

// What the .vsix may hold: the bundles, media, the manifest and the docs (mirrors .vscodeignore).
const SHIPS = [/^package\.json$/, /^README\.md$/, /^LICENSE$/, /^CHANGELOG\.md$/, /^media\/[\w.-]+\.(png|svg|css)$/, /^media\/walkthrough\/[\w-]+\.png$/, /^dist\/extension\.js$/, /^dist\/drizzlePreload\.cjs$/, /^dist\/webview\/[\w-]+\.js$/];

describe("marketplace package", function () {
  // vsce is a separate Node process that reads the whole tree: seconds, not milliseconds.
  this.timeout(60_000);

  it("`vsce ls` lists only what ships, and the docs and icon are in it", () => {
    const out = execFileSync(process.execPath, [path.join(ROOT, "node_modules", "@vscode", "vsce", "vsce"), "ls", "--no-dependencies"], { cwd: ROOT, encoding: "utf8" });
    const files = out.split("\n").map((l) => l.trim()).filter(Boolean);
    const stray = files.filter((f) => !SHIPS.some((re) => re.test(f)));
    assert.deepEqual(stray, [], `files that would ship but should not: ${stray.join(", ")}`);
    for (const f of ["package.json", "README.md", "LICENSE", "CHANGELOG.md", pkg.icon]) assert.ok(files.includes(f), `${f} does not ship`);
  });

  it("has a square PNG icon of at least 128 px (the marketplace rejects SVG icons)", () => {
    assert.match(pkg.icon, /\.png$/);
    const { width, height } = pngSize(path.join(ROOT, pkg.icon));
    assert.equal(width, height);
    assert.ok(width >= 128, `icon is ${width} px`);
  });

  it("is found by what users search for, and links to its repository, issues and home page", () => {
    const allowed = ["Programming Languages", "Snippets", "Linters", "Themes", "Debuggers", "Formatters", "Keymaps", "SCM Providers", "Other", "Extension Packs", "Language Packs", "Data Science", "Machine Learning", "Visualization", "Notebooks", "Education", "Testing", "AI", "Chat"];
    assert.ok(pkg.categories.length > 0 && pkg.categories.every((c: string) => allowed.includes(c)), `categories: ${pkg.categories}`);
    for (const k of ["lakebase", "databricks", "postgres", "drizzle"]) assert.ok(pkg.keywords.includes(k), `keyword ${k} missing`);
    assert.ok(pkg.keywords.length <= 30, "the marketplace takes at most 30 keywords");
    assert.match(pkg.repository.url, /^https:\/\//);
    assert.match(pkg.bugs.url, /^https:\/\//);
    assert.match(pkg.homepage, /^https:\/\//);
    assert.equal(pkg.private, true, "private keeps `npm publish` from publishing the extension to npm by mistake");
  });

  it("CHANGELOG.md has an entry for this version", () => {
    const changelog = readFileSync(path.join(ROOT, "CHANGELOG.md"), "utf8");
    assert.match(changelog, new RegExp(`^## \\[?${pkg.version.replace(/\./g, "\\.")}\\]?`, "m"));
  });

  it("README images are files that ship (vsce rewrites them to the repository so the marketplace shows them)", () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)].map((m) => m[1]!);
    assert.ok(images.length > 0, "README has no picture");
    for (const img of images) {
      if (/^https:\/\//.test(img)) continue;
      assert.ok(!/^(http:|data:|\/)/.test(img), `${img}: the marketplace shows only https or relative images`);
      assert.ok(existsSync(path.join(ROOT, img)), `${img} does not exist`);
      assert.ok(SHIPS.some((re) => re.test(img)), `${img} is not shipped`);
    }
    assert.doesNotMatch(pkg.scripts.package, /--no-rewrite-relative-links/, "relative README images only render when vsce rewrites them");
  });

  it("engines.vscode is the oldest VS Code the real VS Code tier runs on", async () => {
    const { HOSTS } = await import(path.join(ROOT, "scripts", "vscode-host", "paths.mjs"));
    const [major, minor] = HOSTS.oldest.vscode.split(".");
    assert.equal(pkg.engines.vscode, `^${major}.${minor}.0`);
    assert.equal(pkg.devDependencies["@types/vscode"].replace(/^\^/, "").split(".").slice(0, 2).join("."), `${major}.${minor}`);
  });
});
