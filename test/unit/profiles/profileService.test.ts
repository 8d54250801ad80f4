import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { AuthError } from "../../../src/core/auth/authError";
import { memoryLogger, SecretRegistry } from "../../../src/core/log";
import { ProfileService, type ProfileChange } from "../../../src/core/profiles/profileService";
import { fakeCliEnv } from "../auth/fakeCli";
import { CLI_TOKEN, CLIENT_ID, CLIENT_SECRET, PAT, startFakeWorkspace, USER_EMAIL } from "./fakeWorkspace";

function writeConfig(text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "dbcfg-")), ".databrickscfg");
  fs.writeFileSync(file, text);
  return file;
}

function configFor(host: string): string {
  return [
    "[__settings__]", "default_profile = cli", "",
    "[pat]", `host = ${host}`, `token = ${PAT}`, "",
    "[revoked]", `host = ${host}`, "token = dapiffffffffffffffffffffffffffffffff", "",
    "[sp]", `host = ${host}`, `client_id = ${CLIENT_ID}`, `client_secret = ${CLIENT_SECRET}`, "",
    "[sp-wrong]", `host = ${host}`, `client_id = ${CLIENT_ID}`, "client_secret = dosewrongwrongwrongwrongwrong", "",
    "[cli]", `host = ${host}`, "auth_type = databricks-cli", "",
    "[azure]", `host = ${host}`, "auth_type = azure-cli", "",
    "[nohost]", "token = x", "",
  ].join("\n");
}

describe("ProfileService", function () {
  this.timeout(20_000);
  let ws: Awaited<ReturnType<typeof startFakeWorkspace>>;
  let service: ProfileService | undefined;
  beforeEach(async () => { ws = await startFakeWorkspace(); });
  afterEach(async () => { service?.dispose(); service = undefined; await ws.close(); });

  async function create(scenario = "ok", extra: Partial<Parameters<typeof ProfileService.create>[0]> = {}) {
    const file = writeConfig(configFor(ws.url));
    const fake = fakeCliEnv(scenario, { FAKE_DATABRICKS_TOKEN: CLI_TOKEN });
    service = await ProfileService.create({ configFile: file, env: fake.env, watch: false, http: { sleep: async () => {} }, ...extra });
    return { file, service };
  }

  it("lists profiles with their initial state and the default", async () => {
    const { service: s } = await create();
    const rows = s.list().map((p) => [p.name, p.authType, p.state, p.isDefault]);
    assert.deepEqual(rows, [
      ["pat", "pat", "unknown", false],
      ["revoked", "pat", "unknown", false],
      ["sp", "oauth-m2m", "unknown", false],
      ["sp-wrong", "oauth-m2m", "unknown", false],
      ["cli", "databricks-cli", "unknown", true],
      ["azure", "azure-cli", "unsupported", false],
      ["nohost", "pat", "unusable", false],
    ]);
    assert.equal(s.defaultProfileName(), "cli");
    assert.throws(() => s.tokenSource("azure"), (e: unknown) => e instanceof AuthError && e.kind === "unsupported");
    assert.throws(() => s.http("missing"), /has no missing profile configured/);
  });

  it("validates a PAT profile: a person, Postgres user = email", async () => {
    const { service: s } = await create();
    const info = await s.validate("pat");
    assert.equal(info.state, "valid");
    assert.deepEqual(await s.identity("pat"), { kind: "user", userName: USER_EMAIL, displayName: "Ada", id: "1", postgresUser: USER_EMAIL });
    assert.equal(ws.requests.length, 1, "identity is cached after validate");
  });

  it("validates an M2M profile: a service principal, Postgres user = application id", async () => {
    const { service: s } = await create();
    assert.equal((await s.validate("sp")).state, "valid");
    const id = await s.identity("sp");
    assert.equal(id.kind, "service-principal");
    assert.equal(id.postgresUser, CLIENT_ID);
  });

  it("validates a databricks-cli profile through the (fake) CLI", async () => {
    const { service: s } = await create("ok");
    const info = await s.validate("cli");
    assert.equal(info.state, "valid", info.reason);
    assert.equal(info.identity?.postgresUser, USER_EMAIL);
  });

  it("a CLI profile whose refresh token is invalid → needs-login with the command", async () => {
    const { service: s } = await create("refresh-token-invalid");
    const info = await s.validate("cli");
    assert.equal(info.state, "needs-login");
    assert.equal(info.loginCommand, `databricks auth login --host ${ws.url} --profile cli`);
  });

  it("a revoked PAT → error that says what to do", async () => {
    const { service: s } = await create();
    const info = await s.validate("revoked");
    assert.equal(info.state, "error");
    assert.match(info.reason!, /The token of profile revoked was rejected \(401\): it may be revoked or expired\. Create a new personal access token/);
  });

  it("a token rejected after validation (revoked) turns the profile's state to the sign-in problem, from any call", async () => {
    const { service: s } = await create();
    assert.equal((await s.validate("pat")).state, "valid");
    const changes: ProfileChange[] = [];
    s.onDidChange((c) => changes.push(c));
    ws.revoke(PAT);
    await assert.rejects(s.http("pat").request({ method: "GET", path: "/api/2.0/postgres/projects", auth: true }), (e: Error & { status?: number }) => e.status === 401);
    const info = s.get("pat")!;
    assert.equal(info.state, "error", "no longer valid");
    assert.match(info.reason!, /^The token of profile pat was rejected \(401\): it may be revoked or expired\./);
    assert.deepEqual(changes, [{ kind: "state", profile: "pat" }]);
  });

  it("a wrong client secret → error naming invalid_client", async () => {
    const { service: s } = await create();
    const info = await s.validate("sp-wrong");
    assert.equal(info.state, "error");
    assert.match(info.reason!, /^The client secret for profile sp-wrong was rejected \(invalid_client\)/);
  });

  it("fires onDidChange for state changes and reloads", async () => {
    const { service: s } = await create();
    const changes: ProfileChange[] = [];
    s.onDidChange((c) => changes.push(c));
    await s.validate("pat");
    await s.reload();
    assert.deepEqual(changes, [{ kind: "state", profile: "pat" }, { kind: "reloaded" }]);
    assert.equal(s.get("pat")!.state, "valid", "an unchanged profile keeps its state across reloads");
  });

  it("reloads when the file is replaced by rename (as editors and the CLI do)", async () => {
    const { file, service: s } = await create("ok", { watch: true, watchDebounceMs: 50 });
    const changed = new Promise<void>((resolve) => s.onDidChange((c) => { if (c.kind === "reloaded") resolve(); }));
    const tmp = `${file}.tmp`;
    fs.writeFileSync(tmp, `[only]\nhost = ${ws.url}\ntoken = ${PAT}\n`);
    fs.renameSync(tmp, file);
    await changed;
    assert.deepEqual(s.list().map((p) => p.name), ["only"]);
    // …and keeps watching the new file.
    const again = new Promise<void>((resolve) => s.onDidChange((c) => { if (c.kind === "reloaded") resolve(); }));
    fs.appendFileSync(file, `[second]\nhost = ${ws.url}\n`);
    await again;
    assert.deepEqual(s.list().map((p) => p.name), ["only", "second"]);
  });

  it("redacts profile secrets in logs", async () => {
    const secrets = new SecretRegistry();
    const logger = memoryLogger(secrets);
    const { service: s } = await create("ok", { logger, secrets });
    await s.validate("revoked");
    await s.validate("sp-wrong");
    assert.ok(logger.lines.length > 0);
    for (const line of logger.lines) {
      for (const secret of [PAT, CLIENT_SECRET, "dapiffffffffffffffffffffffffffffffff", "dosewrongwrongwrongwrongwrong"]) assert.ok(!line.includes(secret), line);
    }
  });

  it("a file the CLI cannot load: every profile unusable with the line, no default, no client; fixed, it works again", async () => {
    const bad = ["[__settings__]", "default_profile = pat", "", "[pat]", `host = ${ws.url}`, `token = ${PAT}`, "oops, not INI", ""].join("\n");
    const file = writeConfig(bad);
    service = await ProfileService.create({ configFile: file, watch: false, http: { sleep: async () => {} } });
    const s = service;
    assert.equal(s.defaultProfileName(), undefined, "no default from a file the CLI cannot read");
    const info = s.get("pat")!;
    assert.equal(info.state, "unusable");
    assert.equal(info.isDefault, false);
    assert.match(info.reason!, /cannot load this file: line 7 is not a \[section\], a comment or key = value/);
    assert.ok(!info.reason!.includes("oops"), "the line itself is never quoted");
    assert.throws(() => s.http("pat"), (e: unknown) => e instanceof AuthError && /line 7/.test(e.message));
    assert.equal((await s.validate("pat")).state, "unusable");
    assert.equal(ws.requests.length, 0, "nothing is sent for a profile from an unreadable file");

    fs.writeFileSync(file, bad.replace("oops, not INI\n", ""));
    await s.reload();
    assert.equal(s.defaultProfileName(), "pat");
    assert.equal((await s.validate("pat")).state, "valid");
  });

  it("refuses a non-loopback http:// host before any request, naming the line and the fix", async () => {
    const file = writeConfig(["[clear]", "host = http://dbc-1234.cloud.databricks.com", `token = ${PAT}`, ""].join("\n"));
    service = await ProfileService.create({ configFile: file, watch: false });
    const info = service.get("clear")!;
    assert.equal(info.state, "unusable");
    assert.match(info.reason!, /uses plain http:\/\/.*change line 2 to "host = https:\/\/dbc-1234\.cloud\.databricks\.com"/);
    assert.throws(() => service!.http("clear"), (e: unknown) => e instanceof AuthError && e.kind === "unsupported");
  });

  it("a profile already in use stops working when its file becomes unreadable (no cached client survives)", async () => {
    const good = ["[pat]", `host = ${ws.url}`, `token = ${PAT}`, ""].join("\n");
    const file = writeConfig(good);
    service = await ProfileService.create({ configFile: file, watch: false, http: { sleep: async () => {} } });
    const s = service;
    assert.equal((await s.validate("pat")).state, "valid");
    s.http("pat");
    fs.writeFileSync(file, `${good}garbage line\n`);
    await s.reload();
    assert.equal(s.get("pat")!.state, "unusable");
    assert.throws(() => s.http("pat"), (e: unknown) => e instanceof AuthError && /line 4 is not/.test(e.message));
    assert.throws(() => s.tokenSource("pat"), (e: unknown) => e instanceof AuthError && e.kind === "unsupported");
    await assert.rejects(s.identity("pat"), (e: unknown) => e instanceof AuthError);
  });
});
