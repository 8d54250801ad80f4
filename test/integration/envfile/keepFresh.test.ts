import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { EnvKeepFresh } from "../../../src/core/envfile/envKeepFresh";
import { parseEnv } from "../../../src/core/envfile/dotenvScan";
import { LakebaseServices } from "../../../src/core/lakebaseServices";
import { memoryLogger, SecretRegistry } from "../../../src/core/log";
import type { CredentialKey } from "../../../src/core/credentials/types";
import { createProject, emuFetch, emuSsl, useEmulator } from "../../support/emulator";
import { mapStore } from "../../support/mapStore";
import { buildTarget } from "../../../src/core/target/buildTarget";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ENDPOINT = "projects/keepfresh/branches/production/endpoints/primary";
const FOLDER = "file:///work/keepfresh-app";

/** Real wiring: the emulator's config file → ProfileService → LakebaseClient → CredentialManager. */
async function services(configFile: string, extraCaFile: string | undefined) {
  const secrets = new SecretRegistry();
  const logger = memoryLogger(secrets);
  const s = await LakebaseServices.create({
    profiles: { configFile, watch: false },
    workspaceStore: mapStore(),
    logger,
    secrets,
    tls: { extraCaFile },
  });
  return { s, logger };
}

describe("keep-fresh: env file secrets rewritten before they expire (emulator)", function () {
  this.timeout(120_000);
  const emu = useEmulator({ operationPolls: 0 });
  let dir: string;

  before(async () => {
    await createProject(emu(), "keepfresh");
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "keepfresh-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    emu().faults.setCredentialLifetime(undefined);
  });

  it("PGPASSWORD: every read over ~3 lifetimes of a 5 s credential finds a token the front door accepts", async () => {
    const e = emu();
    e.faults.setCredentialLifetime(5);
    const { s, logger } = await services(e.configFile, e.caFile);
    const user = (await s.profiles.identity("emulator")).postgresUser;
    const key: CredentialKey = { profile: "emulator", endpoint: ENDPOINT, identity: user };
    const file = join(dir, ".env");
    writeFileSync(file, "# mine\nAPP_MODE=dev\nPGPASSWORD=stale-value\n");
    // As the extension runs it: inside the folder's target session, whose lease keeps the credential renewed.
    await s.targets.set(FOLDER, await buildTarget(s.lakebase("emulator"), "emulator", ENDPOINT));
    const session = await s.session(FOLDER);
    assert.deepEqual(session.resolved.credentialKey, key);
    const kf = session.createKeepFresh({ filePath: file, credentials: s.credentials, pgPassword: true, logger });
    const writes: string[][] = [];
    kf.on("wrote", (w) => writes.push(w.keys));
    try {
      await kf.start();
      const seen = new Set<string>();
      const until = Date.now() + 14_000;
      let reads = 0;
      while (Date.now() < until) {
        const env = parseEnv(readFileSync(file, "utf8"));
        const token = env.get("PGPASSWORD")!;
        assert.equal(e.checkToken(token, user, ENDPOINT), "ok", `read ${reads}: PGPASSWORD in the file is not accepted`);
        assert.equal(env.get("APP_MODE"), "dev", "other lines are kept");
        seen.add(token);
        reads++;
        await sleep(100);
      }
      assert.ok(seen.size >= 3, `the file got new tokens as they aged (${seen.size} distinct)`);
      assert.ok(writes.length >= seen.size - 1 && writes.every((k) => k.join() === "PGPASSWORD"));
      assert.ok(writes.length <= seen.size + 1, `no redundant writes (${writes.length} writes for ${seen.size} tokens)`);

      // The value really logs in: a libpq-style client configured only from the file. Read right after
      // a rewrite: a token read at a random moment may have under a second of its 5 s left, less than a
      // TLS login takes on a loaded machine (seen once: "password authentication failed").
      await new Promise<void>((resolve) => { const sub = kf.on("wrote", () => { sub.dispose(); resolve(); }); });
      const env = parseEnv(readFileSync(file, "utf8"));
      const addr = e.postgres.endpoint(ENDPOINT)!;
      const client = new pg.Client({ host: addr.host, port: addr.port, database: "databricks_postgres", user, password: env.get("PGPASSWORD"), ssl: emuSsl(e, addr.host) });
      await client.connect();
      try {
        assert.equal((await client.query("SELECT 1 AS one")).rows[0].one, 1);
      } finally {
        await client.end();
      }
      // The file holds tokens; the log never does.
      for (const t of seen) assert.ok(!logger.lines.some((l) => l.includes(t)), "a token reached the log");
      assert.ok(logger.lines.some((l) => /Keep-fresh updated PGPASSWORD/.test(l)));
    } finally {
      kf.dispose();
      await s.dispose();
    }
    assert.equal(s.credentials.status(key).leases, 0, "the session's lease was released");
  });

  it("DATABRICKS_TOKEN of an OAuth (M2M) profile: replaced before each short-lived access token expires", async () => {
    const e = emu();
    e.faults.setWorkspaceTokenLifetime(4);
    try {
      const { s, logger } = await services(e.configFile, e.caFile);
      const user = (await s.profiles.identity("emulator-m2m")).postgresUser;
      const key: CredentialKey = { profile: "emulator-m2m", endpoint: ENDPOINT, identity: user };
      const file = join(dir, ".env.local");
      const kf = new EnvKeepFresh({ filePath: file, credentials: s.credentials, key, workspaceToken: s.profiles.tokenSource("emulator-m2m"), logger });
      try {
        await kf.start();
        const seen = new Set<string>();
        const until = Date.now() + 10_000;
        while (Date.now() < until) {
          const token = parseEnv(readFileSync(file, "utf8")).get("DATABRICKS_TOKEN")!;
          if (!seen.has(token)) {
            // A workspace API call with exactly what the file holds must work.
            const res = await emuFetch(e)(`${e.workspaceUrl}/api/2.0/preview/scim/v2/Me`, { headers: { authorization: `Bearer ${token}` } });
            assert.equal(res.status, 200, "DATABRICKS_TOKEN in the file was rejected by the workspace");
            seen.add(token);
          }
          await sleep(100);
        }
        assert.ok(seen.size >= 3, `new access tokens were written as they aged (${seen.size} distinct)`);
        for (const t of seen) assert.ok(!logger.lines.some((l) => l.includes(t)), "a token reached the log");
      } finally {
        kf.dispose();
        await s.dispose();
      }
    } finally {
      e.faults.setWorkspaceTokenLifetime(3600);
    }
  });

  it("is idempotent and serialized: a burst of syncs writes once, and a failed refresh is reported then recovered", async () => {
    const e = emu();
    const { s } = await services(e.configFile, e.caFile);
    const user = (await s.profiles.identity("emulator")).postgresUser;
    const key: CredentialKey = { profile: "emulator", endpoint: ENDPOINT, identity: user };
    const file = join(dir, ".env");
    const kf = new EnvKeepFresh({ filePath: file, credentials: s.credentials, key, pgPassword: true, workspaceToken: s.profiles.tokenSource("emulator"), retryMs: 300 });
    const writes: string[][] = [];
    const errors: string[] = [];
    kf.on("wrote", (w) => writes.push(w.keys));
    kf.on("error", (x) => errors.push(x.message));
    try {
      await kf.start();
      assert.deepEqual(writes, [["DATABRICKS_TOKEN", "PGPASSWORD"]]);
      await Promise.all(Array.from({ length: 20 }, () => kf.syncNow()));
      assert.equal(writes.length, 1, "nothing changed, nothing written");
      assert.equal(parseEnv(readFileSync(file, "utf8")).get("DATABRICKS_TOKEN"), e.identities.user.pat, "a PAT profile writes its PAT");

      // The credential is rejected and can't be renewed: the error is reported, the file kept.
      const before = readFileSync(file, "utf8");
      e.faults.failCredentials(503);
      s.credentials.invalidate(key);
      await assert.rejects(kf.syncNow());
      assert.equal(errors.length, 1);
      assert.match(kf.status().lastError!, /credential/i);
      assert.equal(readFileSync(file, "utf8"), before, "a failed sync does not touch the file");
      e.faults.clear();
      // The retry timer recovers by itself.
      const deadline = Date.now() + 5_000;
      while (writes.length < 2 && Date.now() < deadline) await sleep(50);
      assert.deepEqual(writes[1], ["PGPASSWORD"]);
      assert.equal(kf.status().lastError, undefined);
    } finally {
      kf.dispose();
      await s.dispose();
    }
  });
  it("backs off after a 401/403 instead of retrying every few seconds, and resumes at once when the profile is fixed", async () => {
    const e = emu();
    const { s } = await services(e.configFile, e.caFile);
    const user = (await s.profiles.identity("emulator")).postgresUser;
    const key: CredentialKey = { profile: "emulator", endpoint: ENDPOINT, identity: user };
    const file = join(dir, ".env");
    // A long base wait: only the profile change can explain a quick recovery.
    const kf = new EnvKeepFresh({ filePath: file, credentials: s.credentials, key, pgPassword: true, retryMs: 60_000, maxRetryMs: 600_000, maxTickMs: 30_000, profiles: s.profiles });
    const errors: Array<{ needsUser: boolean; retryInMs: number }> = [];
    const writes: string[][] = [];
    kf.on("error", (x) => errors.push({ needsUser: x.needsUser, retryInMs: x.retryInMs }));
    kf.on("wrote", (w) => writes.push(w.keys));
    const waits = () => errors.map((x) => x.retryInMs);
    try {
      await kf.start();
      assert.deepEqual(writes, [["PGPASSWORD"]]);

      // Not allowed (403): retrying cannot help until the user acts, so each wait doubles past the 30 s tick.
      e.faults.failCredentials(403);
      s.credentials.invalidate(key);
      for (let i = 0; i < 4; i++) await assert.rejects(kf.syncNow());
      assert.deepEqual(errors.map((x) => x.needsUser), [true, true, true, true]);
      assert.deepEqual(waits(), [60_000, 120_000, 240_000, 480_000]);
      await assert.rejects(kf.syncNow());
      assert.equal(waits().at(-1), 600_000, "capped at maxRetryMs");
      const st = kf.status();
      assert.equal(st.needsUser, true);
      assert.equal(st.failures, 5);
      assert.ok(st.nextCheck && st.nextCheck.getTime() - Date.now() > 500_000, "the next try is minutes away");
      assert.match(st.lastError!, /403/);

      // The user gets access / signs in again; the profile service reports the check.
      e.faults.clear();
      await s.profiles.validate("emulator");
      const deadline = Date.now() + 10_000;
      while (writes.length < 2 && Date.now() < deadline) await sleep(25);
      assert.deepEqual(writes[1], ["PGPASSWORD"], "keep-fresh wrote a new credential right after the profile changed");
      assert.equal(e.checkToken(parseEnv(readFileSync(file, "utf8")).get("PGPASSWORD")!, user, ENDPOINT), "ok");
      assert.deepEqual([kf.status().failures, kf.status().needsUser, kf.status().lastError], [0, false, undefined]);

      // A 401 the same way, recovered by a reload of the config file.
      e.faults.failCredentials(401);
      s.credentials.invalidate(key);
      await assert.rejects(kf.syncNow());
      assert.deepEqual(errors.at(-1), { needsUser: true, retryInMs: 60_000 });
      e.faults.clear();
      await s.profiles.reload();
      const deadline2 = Date.now() + 10_000;
      while (writes.length < 3 && Date.now() < deadline2) await sleep(25);
      assert.equal(writes.length, 3, "a config reload resumed keep-fresh");

    } finally {
      e.faults.clear();
      kf.dispose();
      await s.dispose();
    }
  });
  (process.platform !== "win32" ? it : it.skip)("makes the file owner-only when it writes a secret, says so, and writes nothing while a key is assigned twice", async () => {
    const e = emu();
    const { s } = await services(e.configFile, e.caFile);
    const user = (await s.profiles.identity("emulator")).postgresUser;
    const key: CredentialKey = { profile: "emulator", endpoint: ENDPOINT, identity: user };
    const file = join(dir, ".env");
    writeFileSync(file, "APP=1\n");
    chmodSync(file, 0o644);
    const kf = new EnvKeepFresh({ filePath: file, credentials: s.credentials, key, pgPassword: true, workspaceToken: s.profiles.tokenSource("emulator") });
    const broad: number[] = [];
    const dups: Array<{ keys: string[]; lines: Record<string, number[]> }> = [];
    kf.on("broad-mode", (b) => broad.push(b.mode));
    kf.on("duplicates", (d) => dups.push({ keys: d.keys, lines: d.lines }));
    try {
      await kf.start();
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.deepEqual(broad, [0o644]);
      assert.equal(kf.status().broadMode, 0o644);

      const text = "APP=1\nPGPASSWORD=a\nDATABRICKS_TOKEN=old\nPGPASSWORD=b\n";
      writeFileSync(file, text);
      await kf.syncNow();
      assert.equal(readFileSync(file, "utf8"), text, "DATABRICKS_TOKEN is not written alone while PGPASSWORD is ambiguous");
      assert.deepEqual(dups, [{ keys: ["PGPASSWORD"], lines: { PGPASSWORD: [2, 4] } }]);
    } finally {
      kf.dispose();
      await s.dispose();
    }
  });
});
