import assert from "node:assert/strict";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TEMP_DIR_PREFIX, writeEnvFileAtomic } from "../../../src/core/envfile/atomicWrite";
import { parseEnv } from "../../../src/core/envfile/dotenvScan";
import { updateEnvExample } from "../../../src/core/envfile/envExample";
import { EnvFileError } from "../../../src/core/envfile/envFileError";
import { updateEnvFile } from "../../../src/core/envfile/updateEnvFile";

const posix = process.platform !== "win32";
const modeOf = async (p: string) => (await fs.stat(p)).mode & 0o777;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("envfile I/O on real files", () => {
  let dir: string;
  beforeEach(async () => { dir = await fs.mkdtemp(path.join(os.tmpdir(), "envfile-")); });
  afterEach(async () => { await fs.rm(dir, { recursive: true, force: true }); });

  const leftovers = async () => (await fs.readdir(dir)).filter((n) => n.endsWith(".tmp") || n.startsWith(TEMP_DIR_PREFIX));

  it("writes atomically and leaves no temp file behind", async () => {
    const file = path.join(dir, ".env");
    assert.equal(await writeEnvFileAtomic(file, "A=1\n"), true);
    assert.equal(await writeEnvFileAtomic(file, "A=2\n"), true);
    assert.equal(await fs.readFile(file, "utf8"), "A=2\n");
    assert.deepEqual(await leftovers(), []);
  });

  it("skips the write when the content is identical (same inode, same mtime)", async () => {
    const file = path.join(dir, ".env");
    await writeEnvFileAtomic(file, "A=1\n");
    const before = await fs.stat(file);
    await sleep(30);
    assert.equal(await writeEnvFileAtomic(file, "A=1\n"), false);
    const r = await updateEnvFile(file, { A: "1" });
    assert.equal(r.wrote, false);
    assert.deepEqual(r.report.unchanged, ["A"]);
    const after = await fs.stat(file);
    assert.equal(after.mtimeMs, before.mtimeMs);
    assert.equal(after.ino, before.ino);
  });

  (posix ? it : it.skip)("creates a file holding a secret with mode 0600", async () => {
    const file = path.join(dir, ".env");
    const r = await updateEnvFile(file, { PGHOST: "h", DATABRICKS_TOKEN: "dapi0123456789abcdef" });
    assert.equal(r.wrote, true);
    assert.equal(r.report.created, true);
    assert.deepEqual(r.report.secretsWritten, ["DATABRICKS_TOKEN"]);
    assert.equal(await modeOf(file), 0o600);
  });

  (posix ? it : it.skip)("makes an existing file owner-only when a secret goes in, and reports its broad mode", async () => {
    // Issue #10 changed this: the 0640 used to be kept; a file holding a secret now ends 0600.
    const file = path.join(dir, ".env");
    await fs.writeFile(file, "# mine\nPGHOST=old\n");
    await fs.chmod(file, 0o640);
    const r = await updateEnvFile(file, { PGHOST: "new", PGPASSWORD: "pw-secret-123" });
    assert.equal(r.wrote, true);
    assert.equal(await modeOf(file), 0o600);
    assert.equal(r.report.broadMode, 0o640);
    assert.equal(await fs.readFile(file, "utf8"), "# mine\nPGHOST=new\nPGPASSWORD=pw-secret-123\n");

    await fs.chmod(file, 0o600);
    const r2 = await updateEnvFile(file, { PGPASSWORD: "other-secret-456" });
    assert.equal(r2.report.broadMode, undefined);
    assert.equal(await modeOf(file), 0o600);
  });

  it("loses no update when many updates of one file run at once", async () => {
    const file = path.join(dir, ".env");
    await fs.writeFile(file, "# shared\nKEEP=me\n");
    const n = 40;
    const results = await Promise.all(Array.from({ length: n }, (_, i) => updateEnvFile(file, { [`K_${i}`]: `v${i}`, SHARED: `s${i}` })));
    const env = parseEnv(await fs.readFile(file, "utf8"));
    for (let i = 0; i < n; i++) assert.equal(env.get(`K_${i}`), `v${i}`);
    assert.equal(env.get("KEEP"), "me");
    assert.equal(env.get("SHARED"), `s${n - 1}`, "calls apply in the order they were made");
    assert.equal(results.filter((r) => r.wrote).length, n);
    assert.deepEqual(await leftovers(), []);
  });

  it("serializes concurrent raw writes: the file always holds one whole version", async () => {
    const file = path.join(dir, ".env");
    const versions = Array.from({ length: 20 }, (_, i) => `V=${i}\n${"x".repeat(10_000 * (i % 3))}\n`);
    const reads: string[] = [];
    await Promise.all([
      ...versions.map((v) => writeEnvFileAtomic(file, v)),
      ...Array.from({ length: 20 }, async () => { try { reads.push(await fs.readFile(file, "utf8")); } catch { /* not created yet */ } }),
    ]);
    assert.equal(await fs.readFile(file, "utf8"), versions.at(-1));
    for (const r of reads) assert.ok(versions.includes(r), "a reader saw a torn file");
    assert.deepEqual(await leftovers(), []);
  });

  (posix ? it : it.skip)("writes through a symlink and keeps the link", async () => {
    const real = path.join(dir, "real.env");
    const link = path.join(dir, ".env");
    await fs.writeFile(real, "A=1\n");
    await fs.symlink(real, link);
    await updateEnvFile(link, { A: "2" });
    assert.ok((await fs.lstat(link)).isSymbolicLink());
    assert.equal(await fs.readFile(real, "utf8"), "A=2\n");
  });

  it("keeps CRLF, BOM and comments of an existing file on disk", async () => {
    const file = path.join(dir, ".env");
    await fs.writeFile(file, "\uFEFF# team settings\r\nexport PGHOST='old'  # console\r\nDEBUG=1");
    const r = await updateEnvFile(file, { PGHOST: "new", PGPORT: "5432" }, { header: "Lakebase (written by Lakebase for VS Code)" });
    assert.deepEqual([r.report.changed, r.report.added], [["PGHOST"], ["PGPORT"]]);
    assert.equal(
      await fs.readFile(file, "utf8"),
      "\uFEFF# team settings\r\nexport PGHOST='new'  # console\r\nDEBUG=1\r\n\r\n# Lakebase (written by Lakebase for VS Code)\r\nPGPORT=5432\r\n",
    );
  });

  it("reports duplicates without writing them", async () => {
    const file = path.join(dir, ".env");
    await fs.writeFile(file, "PGHOST=a\nPGHOST=b\n");
    const r = await updateEnvFile(file, { PGHOST: "c" });
    assert.equal(r.wrote, false);
    assert.deepEqual(r.report.duplicates, ["PGHOST"]);
    assert.equal(await fs.readFile(file, "utf8"), "PGHOST=a\nPGHOST=b\n");
  });

  it("gives clear errors for a missing folder and for a folder in place of the file", async () => {
    await assert.rejects(updateEnvFile(path.join(dir, "nope", ".env"), { A: "1" }), (e: unknown) => e instanceof EnvFileError && /does not exist/.test(e.message));
    await fs.mkdir(path.join(dir, "folder.env"));
    await assert.rejects(updateEnvFile(path.join(dir, "folder.env"), { A: "1" }), (e: unknown) => e instanceof EnvFileError && /is a folder/.test(e.message));
    assert.deepEqual(await leftovers(), []);
  });

  it("refuses to rewrite a file that is not UTF-8 rather than damage it", async () => {
    const file = path.join(dir, ".env");
    const latin1 = Buffer.from("# caf\xe9\nA=1\n", "latin1");
    await fs.writeFile(file, latin1);
    await assert.rejects(updateEnvFile(file, { A: "2" }), (e: unknown) => e instanceof EnvFileError && /not valid UTF-8/.test(e.message));
    assert.ok((await fs.readFile(file)).equals(latin1));
  });

  (posix && process.getuid?.() !== 0 ? it : it.skip)("explains a read-only folder and cleans up", async () => {
    const ro = path.join(dir, "ro");
    await fs.mkdir(ro);
    await fs.chmod(ro, 0o555);
    try {
      await assert.rejects(updateEnvFile(path.join(ro, ".env"), { A: "1" }), /No permission to write/);
    } finally {
      await fs.chmod(ro, 0o755);
    }
  });

  it("fills .env.example with real values and placeholders, never overwriting an edited placeholder", async () => {
    const file = path.join(dir, ".env.example");
    await fs.writeFile(file, "DATABRICKS_TOKEN=<ask-the-team>\n");
    const values = { PGHOST: "h.example.com", PGUSER: "me@example.com", DATABRICKS_TOKEN: "dapi-real-secret-1", PGPASSWORD: "pw-real-secret-2" };
    const r = await updateEnvExample(file, values);
    const text = await fs.readFile(file, "utf8");
    assert.ok(!text.includes("dapi-real-secret-1") && !text.includes("pw-real-secret-2") && !text.includes("me@example.com"));
    const env = parseEnv(text);
    assert.equal(env.get("DATABRICKS_TOKEN"), "<ask-the-team>");
    assert.equal(env.get("PGHOST"), "h.example.com");
    assert.equal(env.get("PGUSER"), "<your-databricks-username>");
    assert.equal(env.get("PGPASSWORD"), "<your-lakebase-oauth-token>");
    assert.deepEqual(r.report.unchanged, ["DATABRICKS_TOKEN"]);
    // The example holds no secrets, so a fresh one gets ordinary permissions.
    const fresh = path.join(dir, "fresh.env.example");
    await updateEnvExample(fresh, values);
    if (posix) assert.equal(await modeOf(fresh), 0o666 & ~process.umask());
  });
});
