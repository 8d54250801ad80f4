import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { addToGitignore, isGitIgnored } from "../../../src/core/envfile/gitignore";

const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, stdio: "pipe" }).toString();

describe("envfile/gitignore with a real git repository", () => {
  let root: string;
  let outside: string;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), "envfile-git-"));
    outside = await fs.mkdtemp(path.join(os.tmpdir(), "envfile-nogit-"));
    git(root, "init", "-q");
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
    await fs.rm(outside, { recursive: true, force: true });
  });

  it("tells ignored from tracked-to-be files, also for files that do not exist yet", async () => {
    await fs.writeFile(path.join(root, ".gitignore"), ".env\n");
    await fs.writeFile(path.join(root, ".env"), "A=1\n");
    assert.equal(await isGitIgnored(path.join(root, ".env")), true);
    assert.equal(await isGitIgnored(path.join(root, ".env.example")), false);
    assert.equal(await isGitIgnored(path.join(root, "apps", "api", ".env")), true);
    assert.equal(await isGitIgnored(path.join(root, "apps", "api", ".env.local")), false);
  });

  it("is undefined outside a repository and when git is missing", async () => {
    let outsideIsRepo = true;
    try { git(outside, "rev-parse", "--git-dir"); } catch { outsideIsRepo = false; }
    if (!outsideIsRepo) assert.equal(await isGitIgnored(path.join(outside, ".env")), undefined);
    assert.equal(await isGitIgnored(path.join(root, ".env"), path.join(outside, "no-such-git")), undefined);
  });

  it("creates .gitignore when missing, and the file is then ignored", async () => {
    assert.equal(await addToGitignore(root, ".env"), true);
    assert.equal(await fs.readFile(path.join(root, ".gitignore"), "utf8"), ".env\n");
    assert.equal(await isGitIgnored(path.join(root, ".env")), true);
  });

  it("appends after everything else, adding a missing final newline and keeping CRLF", async () => {
    const gi = path.join(root, ".gitignore");
    await fs.writeFile(gi, "# deps\r\nnode_modules/\r\ndist");
    assert.equal(await addToGitignore(root, path.join("apps", "api", ".env")), true);
    assert.equal(await fs.readFile(gi, "utf8"), "# deps\r\nnode_modules/\r\ndist\r\napps/api/.env\r\n");
    assert.equal(await isGitIgnored(path.join(root, "apps", "api", ".env")), true);
  });

  it("does not add an entry twice (also when written as /entry) and leaves the file untouched", async () => {
    const gi = path.join(root, ".gitignore");
    await fs.writeFile(gi, "/.env  \nnode_modules\n");
    const before = await fs.stat(gi);
    assert.equal(await addToGitignore(root, ".env"), false);
    assert.equal(await fs.readFile(gi, "utf8"), "/.env  \nnode_modules\n");
    assert.equal((await fs.stat(gi)).mtimeMs, before.mtimeMs);
    await Promise.all([addToGitignore(root, ".env.local"), addToGitignore(root, ".env.local")]);
    assert.equal(await fs.readFile(gi, "utf8"), "/.env  \nnode_modules\n.env.local\n");
  });
});
