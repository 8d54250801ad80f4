import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { SecretRegistry } from "../../../src/core/log";
import { runDrizzleKit } from "../../../src/core/migrations/runDrizzleKit";
import type { ConnectionTarget } from "../../../src/core/migrations/databaseUrl";

/**
 * runDrizzleKit with a stand-in "drizzle-kit": a real Node child whose script the test writes,
 * so signals, streams and the environment are the real ones.
 */
describe("runDrizzleKit: the child process", function () {
  this.timeout(20_000);
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(path.join(tmpdir(), "fake-kit-")); writeFileSync(path.join(dir, "drizzle.config.json"), "{}"); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function kit(script: string) {
    const binScript = path.join(dir, "bin.cjs");
    writeFileSync(binScript, script);
    return { binScript, version: "0.0.0-test", packageDir: dir };
  }
  const configPath = () => path.join(dir, "drizzle.config.json");
  const target: ConnectionTarget = { host: "ep.example.com", port: 5432, database: "db", user: "me@example.com", sslMode: "require" };

  it("sends SIGKILL after the grace period when the child ignores SIGTERM", async () => {
    const abort = new AbortController();
    const started = Date.now();
    const run = runDrizzleKit({
      kit: kit(`process.on("SIGTERM", () => console.log("ignoring SIGTERM")); console.log("started"); setInterval(() => {}, 1000);`),
      configPath: configPath(), command: "migrate", signal: abort.signal, killGraceMs: 300, preloadScript: "/nonexistent",
      onOutput: (t) => { if (t.includes("started")) abort.abort(); },
    });
    const result = await run;
    assert.equal(result.cancelled, true);
    assert.equal(result.timedOut, false);
    assert.match(result.output, /ignoring SIGTERM/, "the child got SIGTERM first");
    assert.equal(result.signal, "SIGKILL");
    assert.notEqual(result.exitCode, 0);
    assert.ok(Date.now() - started >= 300, "SIGKILL came only after the grace period");
  });

  it("a child that exits on SIGTERM is not killed harder", async () => {
    const abort = new AbortController();
    const result = await runDrizzleKit({
      kit: kit(`console.log("started"); setInterval(() => {}, 1000);`),
      configPath: configPath(), command: "migrate", signal: abort.signal, killGraceMs: 5000, preloadScript: "/nonexistent",
      onOutput: (t) => { if (t.includes("started")) abort.abort(); },
    });
    assert.equal(result.cancelled, true);
    assert.equal(result.signal, "SIGTERM");
  });

  it("stops a run that exceeds the overall timeout, and says so", async () => {
    const result = await runDrizzleKit({
      // Runs forever unless stopped (SIGTERM's default action ends it whenever it arrives).
      kit: kit(`setInterval(() => {}, 1000);`),
      configPath: configPath(), command: "migrate", timeoutMs: 300, preloadScript: "/nonexistent",
    });
    assert.equal(result.timedOut, true);
    assert.equal(result.cancelled, false);
    assert.equal(result.signal, "SIGTERM");
    assert.notEqual(result.exitCode, 0);
  });

  it("decodes UTF-8 split across chunks and masks a secret split across chunks", async () => {
    const password = "pw-0123456789-secret";
    // "é" is two bytes: write them in separate chunks, and the password in two halves.
    const script = `
      const w = (b) => new Promise((r) => process.stdout.write(b, () => setTimeout(r, 30)));
      (async () => {
        await w(Buffer.from([0x63, 0x61, 0x66, 0xc3]));
        await w(Buffer.from([0xa9, 0x20]));
        await w(${JSON.stringify(password.slice(0, 7))});
        await w(${JSON.stringify(password.slice(7) + " ok\n")});
        await w(Buffer.from("€", "utf8").subarray(0, 1));
        await w(Buffer.concat([Buffer.from("€", "utf8").subarray(1), Buffer.from(" " + encodeURIComponent(process.env.PGPASSWORD) + "\\n")]));
      })();`;
    const chunks: string[] = [];
    const result = await runDrizzleKit({
      kit: kit(script), configPath: configPath(), command: "migrate", connection: { target, password }, preloadScript: "/nonexistent",
      onOutput: (t) => chunks.push(t),
    });
    assert.equal(result.exitCode, 0, result.output);
    assert.equal(result.output, "café *** ok\n€ ***\n");
    assert.equal(chunks.join(""), result.output);
    assert.ok(!chunks.some((c) => c.includes("\uFFFD")), "a character was split");
  });

  it("masks the extension's other known secrets (registry), in their URL forms too", async () => {
    const secrets = new SecretRegistry();
    secrets.add("workspace token/with+chars");
    const result = await runDrizzleKit({
      kit: kit(`console.log("a " + encodeURIComponent("workspace token/with+chars") + " b workspace token/with+chars c")`),
      configPath: configPath(), command: "generate", secrets, preloadScript: "/nonexistent",
    });
    assert.equal(result.output, "a *** b *** c\n");
  });

  it("builds the environment by allowlist: no Databricks or secret-named variable reaches drizzle-kit", async () => {
    const baseEnv: NodeJS.ProcessEnv = {
      PATH: process.env.PATH, HOME: "/home/u", LANG: "C.UTF-8", MY_APP_SCHEMA: "public",
      NODE_EXTRA_CA_CERTS: "/tmp/ca.pem",
      DATABRICKS_HOST: "https://x", DATABRICKS_CONFIG_PROFILE: "dev", DATABRICKS_TOKEN: "dapi-x", DATABRICKS_CLIENT_SECRET: "s",
      GITHUB_TOKEN: "ghp", AWS_SECRET_ACCESS_KEY: "a", AWS_SESSION_TOKEN: "b", NPM_CONFIG__AUTHTOKEN: "c", MY_PASSWORD: "d",
      API_KEY: "e", STRIPE_KEY: "f", DB_PASSWD: "g", OPENAI_APIKEY: "h", GOOGLE_APPLICATION_CREDENTIALS: "/k.json", PRIVATE_KEY: "i",
      DATABASE_URL: "postgresql://other", PGHOST: "other", PGPASSWORD: "old", npm_config__authToken: "j",
      SSH_AUTH_SOCK: "/tmp/agent", GIT_ASKPASS: "/askpass.sh", VSCODE_GIT_ASKPASS_MAIN: "/m.js", VSCODE_GIT_IPC_HANDLE: "/tmp/ipc.sock",
      // The extension host runs drizzle-kit with its own Electron binary as Node: this must pass.
      ELECTRON_RUN_AS_NODE: "1",
    };
    const result = await runDrizzleKit({
      kit: kit(`process.stdout.write("ENV=" + JSON.stringify(Object.keys(process.env).sort()) + "\\n")`),
      configPath: configPath(), command: "migrate", connection: { target, password: "fresh-password-123" }, baseEnv, preloadScript: "/nonexistent",
    });
    // Node itself may warn on stderr (the CA file does not exist): read only our line.
    const names = JSON.parse(/^ENV=(.*)$/m.exec(result.output)![1]!) as string[];
    assert.deepEqual(names.filter((n) => !["FORCE_COLOR"].includes(n)), [
      "DATABASE_URL", "ELECTRON_RUN_AS_NODE", "HOME", "LANG", "MY_APP_SCHEMA", "NODE_EXTRA_CA_CERTS", "PATH",
      "PGDATABASE", "PGHOST", "PGPASSWORD", "PGPORT", "PGSSLMODE", "PGUSER",
    ]);
  });

  it("the DATABASE_URL drizzle-kit gets is ours, not an inherited one", async () => {
    const password = "fresh-password-123";
    const result = await runDrizzleKit({
      kit: kit(`process.stdout.write(process.env.DATABASE_URL === ${JSON.stringify(`postgresql://me%40example.com:${password}@ep.example.com:5432/db?sslmode=require`)} ? "ours" : "other")`),
      configPath: configPath(), command: "migrate", connection: { target, password }, baseEnv: { DATABASE_URL: "postgresql://x", PATH: process.env.PATH }, preloadScript: "/nonexistent",
    });
    assert.equal(result.output, "ours");
  });
});
