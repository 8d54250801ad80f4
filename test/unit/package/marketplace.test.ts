import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../../..");
const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  assert.equal(b.subarray(1, 4).toString("latin1"), "PNG", `${file} is not a PNG`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

// What the .vsix may hold: the bundles, the media the extension itself uses, the manifest and the docs
// (mirrors .vscodeignore). README pictures are not among them: the marketplace shows them from the repository.
const SHIPS = [/^package\.json$/, /^README\.md$/, /^LICENSE$/, /^CHANGELOG\.md$/,
  /^media\/icon\.png$/, /^media\/[\w.-]+\.(svg|css)$/, /^media\/walkthrough\/[\w./-]+\.(png|svg|gif|jpg|md)$/,
  /^dist\/(extension|pgParser|pgDriver|sqlLanguage|sqlFormatter|mcp-server|mcp-runtime)\.js$/, /^dist\/libpg-query\.wasm$/, /^dist\/drizzlePreload\.cjs$/, /^dist\/webview\/[\w-]+\.js$/];
const REPOSITORY_FILES = "https://github.com/lakebase-dev/lakebase-vscode/raw/HEAD/";

function vsceLs(cwd: string): string[] {
  const out = execFileSync(process.execPath, [path.join(ROOT, "node_modules", "@vscode", "vsce", "vsce"), "ls", "--no-dependencies"], { cwd, encoding: "utf8" });
  return out.split("\n").map((l) => l.trim()).filter(Boolean);
}

/** Every "media/…" path the manifest names (icons, walkthrough media…). */
function manifestMedia(value: unknown): string[] {
  if (typeof value === "string") return /^(\.\/)?media\//.test(value) ? [value.replace(/^\.\//, "")] : [];
  if (Array.isArray(value)) return value.flatMap(manifestMedia);
  if (value && typeof value === "object") return Object.values(value).flatMap(manifestMedia);
  return [];
}

/** One file out of a .vsix (a zip), with the yauzl that vsce itself uses. */
function readFromVsix(vsix: string, entryName: string): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const yauzl = require("yauzl") as { open(file: string, opts: object, cb: (err: Error | null, zip: YauzlZip) => void): void };
  interface YauzlEntry { fileName: string }
  interface YauzlZip { on(ev: string, cb: (x: YauzlEntry) => void): void; readEntry(): void; openReadStream(e: YauzlEntry, cb: (err: Error | null, s: NodeJS.ReadableStream) => void): void; close(): void }
  return new Promise((resolve, reject) => {
    yauzl.open(vsix, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      zip.on("entry", (entry) => {
        if (entry.fileName !== entryName) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => { zip.close(); resolve(Buffer.concat(chunks).toString("utf8")); });
        });
      });
      zip.on("end", () => reject(new Error(`${entryName} is not in ${vsix}`)));
      zip.readEntry();
    });
  });
}

const readmeImages = (readme: string) => [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)].map((m) => m[1]!);

describe("marketplace package", function () {
  // vsce is a separate Node process that reads the whole tree: seconds, not milliseconds.
  this.timeout(60_000);

  it("`vsce ls` lists only what ships, and the docs and icon are in it", () => {
    const files = vsceLs(ROOT);
    const stray = files.filter((f) => !SHIPS.some((re) => re.test(f)));
    assert.deepEqual(stray, [], `files that would ship but should not: ${stray.join(", ")}`);
    for (const f of ["package.json", "README.md", "LICENSE", "CHANGELOG.md", pkg.icon]) assert.ok(files.includes(f), `${f} does not ship`);
  });

  it("ships every bundle the extension loads on first use (scripts/lazyBundles.mjs)", async () => {
    const { LAZY_BUNDLES } = (await import(path.join(ROOT, "scripts", "lazyBundles.mjs"))) as { LAZY_BUNDLES: Array<{ bundle: string }> };
    const allow = readFileSync(path.join(ROOT, ".vscodeignore"), "utf8").split("\n").map((l) => l.trim());
    assert.ok(LAZY_BUNDLES.length > 0);
    for (const { bundle } of LAZY_BUNDLES) {
      assert.ok(allow.includes(`!dist/${bundle}`), `.vscodeignore does not ship dist/${bundle}`);
      assert.ok(SHIPS.some((re) => re.test(`dist/${bundle}`)), `dist/${bundle} is not in SHIPS`);
    }
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

  it("every media file the manifest names ships (icons, walkthrough media)", () => {
    const files = vsceLs(ROOT);
    const named = [...new Set(manifestMedia(pkg))];
    assert.ok(named.includes(pkg.icon), "the icon is named");
    for (const f of named) {
      assert.ok(existsSync(path.join(ROOT, f)), `${f} does not exist`);
      assert.ok(files.includes(f), `${f} is named in package.json but does not ship (.vscodeignore)`);
    }
  });

  it("README images are repository files that do not ship: the packaged README links them at the repository, where the marketplace shows them", async () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    const images = readmeImages(readme);
    assert.ok(images.length > 0, "README has no picture");
    const shipped = vsceLs(ROOT);
    for (const img of images) {
      assert.ok(!/^(http:|data:|\/)/.test(img), `${img}: the marketplace shows only https or relative images`);
      if (/^https:\/\//.test(img)) continue;
      assert.match(img, /\.(png|gif|jpg)$/, `${img}: vsce refuses SVG images in a README`);
      assert.ok(existsSync(path.join(ROOT, img)), `${img} does not exist`);
      assert.ok(!shipped.includes(img), `${img} ships in the .vsix; it is only a README picture (keep the package small)`);
    }
    assert.doesNotMatch(pkg.scripts.package, /--no-rewrite-relative-links/, "relative README images only render when vsce rewrites them");

    // Package the manifest, docs and media (a stub bundle instead of the build) and read the README the .vsix carries.
    const dir = mkdtempSync(path.join(tmpdir(), "lakebase-vsix-readme-"));
    try {
      for (const f of ["package.json", "README.md", "LICENSE", "CHANGELOG.md", ".vscodeignore"]) cpSync(path.join(ROOT, f), path.join(dir, f));
      cpSync(path.join(ROOT, "media"), path.join(dir, "media"), { recursive: true });
      mkdirSync(path.join(dir, "dist"));
      writeFileSync(path.join(dir, "dist", "extension.js"), "exports.activate = () => undefined;\n");
      const vsix = path.join(dir, "probe.vsix");
      execFileSync(process.execPath, [path.join(ROOT, "node_modules", "@vscode", "vsce", "vsce"), "package", "--no-dependencies", "-o", vsix], { cwd: dir, encoding: "utf8", stdio: "pipe" });
      const packaged = readmeImages(await readFromVsix(vsix, "extension/readme.md"));
      assert.equal(packaged.length, images.length);
      images.forEach((img, i) => assert.equal(packaged[i], /^https:\/\//.test(img) ? img : REPOSITORY_FILES + img));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("engines.vscode is the oldest VS Code the real VS Code tier runs on", async () => {
    const { HOSTS } = await import(path.join(ROOT, "scripts", "vscode-host", "paths.mjs"));
    const [major, minor] = HOSTS.oldest.vscode.split(".");
    assert.equal(pkg.engines.vscode, `^${major}.${minor}.0`);
    assert.equal(pkg.devDependencies["@types/vscode"].replace(/^\^/, "").split(".").slice(0, 2).join("."), `${major}.${minor}`);
  });
});
