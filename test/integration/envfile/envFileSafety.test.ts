// Issue #10, "a .env write never loses a byte, never widens who can read a secret": the race with
// an editor save, all-or-none on duplicates, symlinks leaving the folder, owner-only modes, and
// temp files git cannot commit — on real files, with real git and a real crashed process.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TEMP_DIR_PREFIX } from "../../../src/core/envfile/atomicWrite";
import { parseEnv } from "../../../src/core/envfile/dotenvScan";
import { EnvFileError } from "../../../src/core/envfile/envFileError";
import { updateEnvFile, type EnvEditorBridge } from "../../../src/core/envfile/updateEnvFile";

const posix = process.platform !== "win32";
const modeOf = async (p: string) => (await fs.stat(p)).mode & 0o777;
const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, stdio: "pipe" }).toString();
const TOKEN = "dapi-secret-0123456789";

describe("envfile safety: races, duplicates, symlinks, modes, temp files", () => {
  let dir: string;
  beforeEach(async () => { dir = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), "envsafe-"))); });
  afterEach(async () => { await fs.rm(dir, { recursive: true, force: true }); });

  const tempDirs = async (d = dir) => (await fs.readdir(d)).filter((n) => n.startsWith(TEMP_DIR_PREFIX));

  describe("a save between our read and our rename", () => {
    it("is kept: the file is read again before the rename and merged again", async () => {
      const file = path.join(dir, ".env");
      await fs.writeFile(file, "# mine\nPGHOST=old\n");
      let saves = 0;
      const r = await updateEnvFile(file, { PGHOST: "new", PGPASSWORD: "pw-1" }, {
        beforeRename: async () => {
          // The user saves once, while our temp file is complete but not yet renamed.
          if (saves++ === 0) await fs.writeFile(file, "# mine\nAPP_MODE=dev\nPGHOST=old\nPGPORT=6543\n");
        },
      });
      assert.equal(r.wrote, true);
      assert.equal(r.report.remerged, 1);
      assert.equal(saves, 2, "the second attempt found the file as it had read it");
      assert.equal(await fs.readFile(file, "utf8"), "# mine\nAPP_MODE=dev\nPGHOST=new\nPGPORT=6543\nPGPASSWORD=pw-1\n");
      assert.deepEqual(await tempDirs(), []);
    });

    it("gives up with a clear error and writes nothing when the file keeps changing", async () => {
      const file = path.join(dir, ".env");
      await fs.writeFile(file, "A=0\n");
      let n = 0;
      await assert.rejects(
        updateEnvFile(file, { B: "1" }, { beforeRename: async () => { await fs.writeFile(file, `A=${++n}\n`); } }),
        (e: unknown) => e instanceof EnvFileError && /kept changing/.test(e.message),
      );
      assert.equal(await fs.readFile(file, "utf8"), `A=${n}\n`, "the user's last save is what the file holds");
      assert.deepEqual(await tempDirs(), []);
    });

    it("also when the file was created between the read and the rename", async () => {
      const file = path.join(dir, ".env.local");
      let once = false;
      const r = await updateEnvFile(file, { PGHOST: "h" }, {
        beforeRename: async () => { if (!once) { once = true; await fs.writeFile(file, "MINE=1\n"); } },
      });
      assert.equal(r.report.remerged, 1);
      assert.equal(r.report.created, false);
      assert.equal(await fs.readFile(file, "utf8"), "MINE=1\nPGHOST=h\n");
    });
  });

  describe("an editor with unsaved changes", () => {
    function editor(initial: string, typeOnce?: string) {
      const state = { text: initial, applied: 0, typed: false };
      const bridge: EnvEditorBridge = {
        unsavedText: () => state.text,
        apply: async (_paths, before, after) => {
          if (typeOnce && !state.typed) {
            state.typed = true;
            state.text += typeOnce; // the user typed while we merged
          }
          if (state.text !== before) return false;
          state.text = after;
          state.applied++;
          return true;
        },
      };
      return { state, bridge };
    }

    it("gets the change in its buffer; the file on disk is not written behind it", async () => {
      const file = path.join(dir, ".env");
      await fs.writeFile(file, "PGHOST=old\n");
      const { state, bridge } = editor("PGHOST=old\nUNSAVED=yes\n", "MORE=typed\n");
      const r = await updateEnvFile(file, { PGHOST: "new" }, { editor: bridge });
      assert.equal(r.wrote, false);
      assert.equal(r.report.inEditor, true);
      assert.equal(state.text, "PGHOST=new\nUNSAVED=yes\nMORE=typed\n");
      assert.equal(await fs.readFile(file, "utf8"), "PGHOST=old\n");
    });
  });

  describe("a key assigned twice", () => {
    it("writes no key at all and names the lines to fix", async () => {
      const file = path.join(dir, ".env");
      const text = "# app\nPGHOST=a\nPGDATABASE=db\nPGHOST=b\n";
      await fs.writeFile(file, text);
      const r = await updateEnvFile(file, { PGHOST: "c", PGPORT: "5432", PGDATABASE: "other", PGPASSWORD: "pw" });
      assert.equal(r.wrote, false);
      assert.deepEqual(r.report.duplicates, ["PGHOST"]);
      assert.deepEqual(r.report.duplicateLines, { PGHOST: [2, 4] });
      assert.deepEqual([r.report.changed, r.report.added, r.report.secretsWritten], [[], [], []]);
      assert.equal(await fs.readFile(file, "utf8"), text);
    });
  });

  (posix ? describe : describe.skip)("symlinks", () => {
    let outside: string;
    beforeEach(async () => { outside = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), "envsafe-out-"))); });
    afterEach(async () => { await fs.rm(outside, { recursive: true, force: true }); });

    it("refuses a link whose target lies outside the workspace folder, and touches neither", async () => {
      const real = path.join(outside, "profile.sh");
      await fs.writeFile(real, "export PATH=/usr/bin\n");
      const link = path.join(dir, ".env");
      await fs.symlink(real, link);
      await assert.rejects(
        updateEnvFile(link, { DATABRICKS_TOKEN: TOKEN }, { allowedRoot: dir }),
        (e: unknown) => e instanceof EnvFileError && e.message.includes(real) && /outside/.test(e.message) && !e.message.includes(TOKEN),
      );
      assert.equal(await fs.readFile(real, "utf8"), "export PATH=/usr/bin\n");
      assert.ok((await fs.lstat(link)).isSymbolicLink());
      assert.deepEqual([await tempDirs(), await tempDirs(outside)], [[], []]);
    });

    it("refuses a dangling link and a linked folder that lead outside", async () => {
      const dangling = path.join(dir, ".env");
      await fs.symlink(path.join(outside, "new.env"), dangling);
      await assert.rejects(updateEnvFile(dangling, { A: "1" }, { allowedRoot: dir }), /outside/);
      await assert.rejects(fs.stat(path.join(outside, "new.env")), { code: "ENOENT" });

      await fs.symlink(outside, path.join(dir, "config"));
      await assert.rejects(updateEnvFile(path.join(dir, "config", ".env"), { A: "1" }, { allowedRoot: dir }), /outside/);
      assert.deepEqual(await fs.readdir(outside), []);
    });

    it("writes through a link that stays inside, to its real target, keeping the link (also a dangling one)", async () => {
      await fs.mkdir(path.join(dir, "env"));
      const real = path.join(dir, "env", "dev.env");
      const link = path.join(dir, ".env");
      await fs.symlink(path.join("env", "dev.env"), link);
      const r = await updateEnvFile(link, { A: "1", PGPASSWORD: "pw" }, { allowedRoot: dir });
      assert.equal(r.report.realPath, real);
      assert.equal(r.report.created, true);
      assert.ok((await fs.lstat(link)).isSymbolicLink());
      assert.equal(await fs.readFile(real, "utf8"), "A=1\nPGPASSWORD=pw\n");
      assert.equal(await modeOf(real), 0o600);
      assert.deepEqual(await tempDirs(path.join(dir, "env")), []);
    });
  });

  (posix ? describe : describe.skip)("owner-only permissions for a file holding a secret", () => {
    it("clears group/other bits of an existing file when a secret goes in, and reports the old mode", async () => {
      const file = path.join(dir, ".env");
      await fs.writeFile(file, "PGHOST=old\n");
      await fs.chmod(file, 0o644);
      const r = await updateEnvFile(file, { PGHOST: "new", DATABRICKS_TOKEN: TOKEN });
      assert.equal(r.report.broadMode, 0o644);
      assert.equal(await modeOf(file), 0o600);
    });

    it("also when the secret was already there and only other keys change, or nothing changes", async () => {
      const file = path.join(dir, ".env");
      await fs.writeFile(file, `DATABRICKS_TOKEN=${TOKEN}\nPGHOST=old\n`);
      await fs.chmod(file, 0o664);
      const r = await updateEnvFile(file, { PGHOST: "new" });
      assert.deepEqual([r.wrote, r.report.broadMode, await modeOf(file)], [true, 0o664, 0o600]);

      await fs.chmod(file, 0o640);
      const same = await updateEnvFile(file, { PGHOST: "new" });
      assert.deepEqual([same.wrote, same.report.broadMode, await modeOf(file)], [false, 0o640, 0o600]);
    });

    it("keeps the mode of a file without secrets, and never counts a placeholder as one", async () => {
      const file = path.join(dir, ".env.example");
      await fs.writeFile(file, "DATABRICKS_TOKEN=<your-databricks-token>\n");
      await fs.chmod(file, 0o644);
      const r = await updateEnvFile(file, { PGHOST: "h" });
      assert.deepEqual([r.wrote, r.report.broadMode, await modeOf(file)], [true, undefined, 0o644]);
    });

    it("the temp file is owner-only from its creation", async () => {
      const file = path.join(dir, ".env");
      let tempMode = -1;
      await updateEnvFile(file, { PGPASSWORD: "pw" }, { beforeRename: async ({ temp }) => { tempMode = await modeOf(temp); } });
      assert.equal(tempMode, 0o600);
    });
  });

  describe("temp files and git", () => {
    let repo: string;
    beforeEach(async () => {
      repo = path.join(dir, "repo");
      await fs.mkdir(repo);
      git(repo, "init", "-q");
      // The narrowest common rule: only the exact name is ignored.
      await fs.writeFile(path.join(repo, ".gitignore"), ".env\n");
      git(repo, "add", ".gitignore");
    });

    const untracked = () => git(repo, "status", "--porcelain", "--untracked-files=all", "--ignored=no").trim();

    it("a temp file in flight is ignored by git even when only the exact `.env` name is", async () => {
      const file = path.join(repo, ".env");
      let seen: { temp: string; status: string; ignored: number | null } | undefined;
      await updateEnvFile(file, { DATABRICKS_TOKEN: TOKEN }, {
        beforeRename: ({ temp }) => {
          const ignored = spawnSync("git", ["check-ignore", "-q", "--", temp], { cwd: repo }).status;
          seen = { temp, status: untracked(), ignored };
        },
      });
      assert.ok(seen, "the hook ran");
      assert.equal(path.dirname(path.dirname(seen.temp)), repo, "the temp lives next to the file (same file system)");
      assert.equal(seen.ignored, 0, "git check-ignore says the temp file is ignored");
      assert.equal(seen.status, "A  .gitignore", "git offers nothing new to commit while the temp exists");
    });

    it("a temp file left by a crashed process holds the secret but cannot be committed, and the next write sweeps it once stale", async () => {
      const file = path.join(repo, ".env");
      const script = [
        `const { updateEnvFile } = require(${JSON.stringify(path.resolve("src/core/envfile/updateEnvFile.ts"))});`,
        `updateEnvFile(${JSON.stringify(file)}, { DATABRICKS_TOKEN: ${JSON.stringify(TOKEN)} }, { beforeRename: () => process.exit(9) });`,
      ].join("\n");
      const child = spawnSync(process.execPath, ["--require", "tsx/cjs", "-e", script], { cwd: process.cwd(), encoding: "utf8" });
      assert.equal(child.status, 9, child.stderr);
      const left = await tempDirs(repo);
      assert.equal(left.length, 1, "the crash left its temp folder");
      const leftFile = path.join(repo, left[0]!, ".env.tmp");
      assert.equal(parseEnv(await fs.readFile(leftFile, "utf8")).get("DATABRICKS_TOKEN"), TOKEN);
      assert.equal(untracked(), "A  .gitignore");
      git(repo, "add", "-A");
      assert.equal(git(repo, "diff", "--cached", "--name-only").trim(), ".gitignore", "`git add -A` stages nothing of it");
      if (posix) assert.equal(await modeOf(leftFile), 0o600);

      // Fresh leftovers may belong to a write in progress; old ones are swept.
      await updateEnvFile(file, { PGHOST: "h1" });
      assert.deepEqual(await tempDirs(repo), left);
      const old = new Date(Date.now() - 3_600_000);
      await fs.utimes(path.join(repo, left[0]!), old, old);
      await updateEnvFile(file, { PGHOST: "h2" });
      assert.deepEqual(await tempDirs(repo), []);
    });
  });
});
