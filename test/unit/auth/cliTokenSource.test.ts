import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { AuthError } from "../../../src/core/auth/authError";
import { CliTokenSource, parseExpiry } from "../../../src/core/auth/cliTokenSource";
import { SecretRegistry } from "../../../src/core/log";
import { FAKE_CLI_DIR, fakeCliEnv } from "./fakeCli";

const HOST = "https://dbc-1234.cloud.databricks.com";

async function authFailure(p: Promise<unknown>): Promise<AuthError> {
  try { await p; } catch (e) {
    assert.ok(e instanceof AuthError, `expected AuthError, got ${String(e)}`);
    return e;
  }
  throw new Error("expected getToken to fail");
}

function source(scenario: string, opts: Partial<ConstructorParameters<typeof CliTokenSource>[0]> = {}, extraEnv: Record<string, string> = {}) {
  const fake = fakeCliEnv(scenario, extraEnv);
  const ts = new CliTokenSource({ profile: "dev", host: HOST, env: fake.env, ...opts });
  return { ts, calls: fake.calls };
}

describe("CliTokenSource with the fake databricks CLI", function () {
  this.timeout(20_000);

  it("parses the documented JSON, strips DATABRICKS_* from the child env, and caches", async () => {
    const { ts, calls } = source("ok");
    const before = Date.now();
    const t = await ts.getToken();
    assert.match(t.token, /^eyJ/);
    const ms = t.expiresAt!.getTime() - before;
    assert.ok(ms > 3590_000 && ms < 3610_000, `expiry in ${ms} ms`);
    await ts.getToken();
    assert.equal(calls().length, 1);
    assert.deepEqual(calls()[0]!.args, ["auth", "token", "--profile", "dev", "-o", "json"]);
    assert.equal(calls()[0]!.configFile, null);
  });

  it("shares one CLI run among concurrent callers", async () => {
    const { ts, calls } = source("ok");
    const tokens = await Promise.all([1, 2, 3, 4, 5].map(() => ts.getToken()));
    assert.equal(new Set(tokens.map((t) => t.token)).size, 1);
    assert.equal(calls().length, 1);
  });

  it("passes a non-default config file as DATABRICKS_CONFIG_FILE", async () => {
    const cfg = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cfg-")), "custom.cfg");
    fs.writeFileSync(cfg, `[dev]\nhost = ${HOST}\n`);
    const { ts, calls } = source("ok", { configFile: cfg });
    await ts.getToken();
    assert.equal(calls()[0]!.configFile, cfg);
  });

  it("uses expires_in when present and keeps short-lived tokens for half their life", async () => {
    const { ts, calls } = source("ok-expires-in", {}, { FAKE_DATABRICKS_TTL: "120" });
    const t = await ts.getToken();
    assert.ok(t.expiresAt!.getTime() - Date.now() > 100_000);
    await ts.getToken();
    assert.equal(calls().length, 1, "a 2-minute token is reused, not refetched on every call");
  });

  it("after invalidate() asks the CLI to --force-refresh, falling back when the flag is unknown", async () => {
    const { ts, calls } = source("no-force-refresh");
    await ts.getToken();
    ts.invalidate();
    await ts.getToken();
    const args = calls().map((c) => c.args.join(" "));
    assert.deepEqual(args, [
      "auth token --profile dev -o json",
      "auth token --profile dev -o json --force-refresh",
      "auth token --profile dev -o json",
    ]);
  });

  it("refresh token invalid → needs-login with the login command", async () => {
    const err = await authFailure(source("refresh-token-invalid").ts.getToken());
    assert.equal(err.kind, "needs-login");
    assert.equal(err.loginCommand, `databricks auth login --host ${HOST} --profile dev`);
    assert.equal(err.message, `Profile dev needs a new login: the refresh token is invalid or expired. Run \`databricks auth login --host ${HOST} --profile dev\`.`);
  });

  it("OAuth not configured for this host → needs-login", async () => {
    const err = await authFailure(source("not-configured").ts.getToken());
    assert.equal(err.kind, "needs-login");
    assert.match(err.message, /has not been logged in on this machine \(databricks OAuth is not configured for this host\)\. Run `databricks auth login --host https:\/\/dbc-1234\.cloud\.databricks\.com --profile dev`/);
  });

  it("a cached login without a refresh token → needs-login with the login command", async () => {
    const err = await authFailure(source("no-refresh-token").ts.getToken());
    assert.equal(err.kind, "needs-login");
    assert.equal(err.loginCommand, `databricks auth login --host ${HOST} --profile dev`);
    assert.equal(err.message, `Profile dev needs a new login: its cached login has no refresh token and cannot be renewed. Run \`databricks auth login --host ${HOST} --profile dev\`.`);
  });

  it("a Go CLI below 0.207.1 (auth token ignores --profile) → cli-too-old, not its confusing error", async () => {
    const { ts, calls } = source("ok", {}, { FAKE_DATABRICKS_VERSION: "Databricks CLI v0.207.0" });
    const err = await authFailure(ts.getToken());
    assert.equal(err.kind, "cli-too-old");
    assert.equal(err.message, `"databricks" is Databricks CLI 0.207.0; Lakebase needs the Databricks CLI ≥ 0.207.1. Install the Databricks CLI ≥ 0.207.1 (https://docs.databricks.com/dev-tools/cli/install.html) or set lakebase.databricksCliPath.`);
    assert.ok(!err.message.includes("cannot fetch credentials"));
    assert.deepEqual(calls().map((c) => c.args.join(" ")), ["auth token --profile dev -o json", "--version"]);
  });

  it("0.207.1 itself is enough; it lacks --force-refresh, so a refresh falls back to a plain call", async () => {
    const { ts, calls } = source("ok", {}, { FAKE_DATABRICKS_VERSION: "Databricks CLI v0.207.1" });
    await ts.getToken();
    ts.invalidate();
    assert.match((await ts.getToken()).token, /^eyJ/);
    assert.deepEqual(calls().map((c) => c.args.join(" ")), [
      "auth token --profile dev -o json",
      "auth token --profile dev -o json --force-refresh",
      "auth token --profile dev -o json",
    ]);
  });

  it("a CLI that hangs is killed at the timeout", async () => {
    const started = Date.now();
    const err = await authFailure(source("slow", { timeoutMs: 700 }).ts.getToken());
    assert.equal(err.kind, "timeout");
    assert.match(err.message, /did not finish within 1 s .* Run `databricks auth login --host .* --profile dev` in a terminal/);
    assert.ok(Date.now() - started < 5000);
    assert.ok(err.loginCommand);
  });

  it("the legacy Python CLI → cli-too-old naming the minimum version", async () => {
    const err = await authFailure(source("old-cli").ts.getToken());
    assert.equal(err.kind, "cli-too-old");
    assert.equal(err.message, `"databricks" is the legacy Python Databricks CLI 0.18.0; Lakebase needs the Databricks CLI ≥ 0.207.1. Install the Databricks CLI ≥ 0.207.1 (https://docs.databricks.com/dev-tools/cli/install.html) or set lakebase.databricksCliPath.`);
  });

  it("a missing executable → cli-not-found with the setting to fix it", async () => {
    const err = await authFailure(source("ok", { cliPath: "/nonexistent/bin/databricks" }).ts.getToken());
    assert.equal(err.kind, "cli-not-found");
    assert.match(err.message, /not found \(looked for "\/nonexistent\/bin\/databricks"\)\. Install the Databricks CLI ≥ 0\.207\.1 .* or set lakebase\.databricksCliPath/);
  });

  it("any other failure is shown verbatim", async () => {
    const err = await authFailure(source("cache-corrupt").ts.getToken());
    assert.equal(err.kind, "cli-error");
    assert.equal(err.message, "`databricks auth token --profile dev` failed (exit code 1): Error: token cache: failed to unmarshal cache: unexpected end of JSON input");
  });

  it("redacts secrets that the CLI echoes on stderr", async () => {
    const secret = "opaque-token-value-0123456789";
    const secrets = new SecretRegistry();
    secrets.add(secret);
    const err = await authFailure(source("leaky", { secrets }, { FAKE_DATABRICKS_TOKEN: secret }).ts.getToken());
    assert.ok(!err.message.includes(secret), err.message);
    assert.match(err.message, /server rejected token \*\*\* for/);
  });

  it("unreadable stdout → unexpected-output, without echoing it", async () => {
    const err = await authFailure(source("garbage-stdout").ts.getToken());
    assert.equal(err.kind, "unexpected-output");
    assert.ok(!err.message.includes("this is not json"));
  });

  it("a Go CLI below the minimum that fails oddly → cli-too-old", async () => {
    const err = await authFailure(source("garbage-stdout", {}, { FAKE_DATABRICKS_VERSION: "Databricks CLI v0.201.0" }).ts.getToken());
    assert.equal(err.kind, "cli-too-old");
    assert.match(err.message, /is Databricks CLI 0\.201\.0; Lakebase needs the Databricks CLI ≥ 0\.207\.1/);
  });

  it("parseExpiry: Go zero time means unknown; expires_in is the fallback", () => {
    assert.equal(parseExpiry("0001-01-01T00:00:00Z", undefined, 0), undefined);
    assert.equal(parseExpiry("0001-01-01T00:00:00Z", 60, 1000)!.getTime(), 61_000);
    assert.equal(parseExpiry("2026-08-21T13:45:12.123456+02:00", 60, 0)!.toISOString(), "2026-08-21T11:45:12.123Z");
  });
});

describe("fake databricks CLI self-check", () => {
  it("fails loudly when given a DATABRICKS_* variable (so the clean-env tests can fail)", async () => {
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(path.join(FAKE_CLI_DIR, "databricks"), ["auth", "token", "--profile", "dev", "-o", "json"], { env: { PATH: process.env.PATH, DATABRICKS_HOST: "https://x" } },
        (err, _out, stderr) => resolve({ code: err ? (err as { code?: number }).code ?? null : 0, stderr }));
    });
    assert.equal(result.code, 97);
    assert.match(result.stderr, /unclean environment: DATABRICKS_HOST must not be set/);
  });
});
