import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { AGENT_TOOLS } from "../../../src/core/agent/agentTools";
import { useEmulator } from "../../support/emulator";
import { ownerQuery } from "../agent/agentHarness";

type TextResult = { content: Array<{ type: string; text: string }>; isError?: boolean };

describe("MCP server over stdio, driven by the SDK's own client (emulator)", function () {
  this.timeout(120_000);
  const emu = useEmulator({ seed: true, operationPolls: 0 });
  let dir: string;
  let bundle: string;
  let client: Client;
  let readyMs = 0;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "mcp-server-"));
    bundle = path.join(dir, "mcp-server.js");
    // The same build as the .vsix ships (scripts/build.mjs uses this function too).
    const { buildMcpServer } = await import(pathToFileURL(path.resolve(__dirname, "../../../scripts/mcpBundle.mjs")).href);
    await buildMcpServer({ outfile: bundle, production: true });
  });

  async function connect(args: string[], env: Record<string, string> = {}): Promise<{ client: Client; ms: number; stderr: () => string }> {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [bundle, ...args],
      // Only what an MCP client's config would set: no token anywhere.
      env: { PATH: process.env.PATH ?? "", HOME: dir, ...env },
      cwd: dir,
      stderr: "pipe",
    });
    let err = "";
    transport.stderr?.on("data", (d: Buffer) => { err += d.toString(); });
    const c = new Client({ name: "lakebase-test", version: "1.0.0" });
    const started = performance.now();
    await c.connect(transport);
    return { client: c, ms: performance.now() - started, stderr: () => err };
  }

  before(async () => {
    const seed = emu().postgres.seeded!;
    const conn = await connect(["--config-file", emu().configFile, "--extra-ca-file", emu().caFile!, "--profile", "emulator", "--endpoint", seed.endpoint, "--timeout-seconds", "2"]);
    client = conn.client;
    readyMs = conn.ms;
    Object.defineProperty(globalThis, "__mcpStderr", { value: conn.stderr, configurable: true });
  });
  after(async () => {
    await client?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const log = () => ((globalThis as unknown as { __mcpStderr: () => string }).__mcpStderr)();

  const call = async (name: string, args: Record<string, unknown> = {}) => {
    const r = (await client.callTool({ name, arguments: args })) as TextResult;
    assert.equal(r.content.length, 1);
    assert.equal(r.content[0].type, "text");
    return { text: r.content[0].text, isError: r.isError === true };
  };

  it("answers initialize after spawning (its ready time is measured in npm run bench)", () => {
    assert.ok(readyMs > 0);
    assert.deepEqual(client.getServerVersion()?.name, "lakebase");
    assert.ok(client.getServerCapabilities()?.tools);
  });

  it("lists every tool with its JSON schema and read-only hints", async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name), AGENT_TOOLS.map((t) => t.name));
    const query = tools.find((t) => t.name === "lakebase_query")!;
    assert.deepEqual(query.inputSchema.required, ["sql"]);
    assert.equal(query.inputSchema.additionalProperties, false);
    assert.equal(query.annotations?.readOnlyHint, true);
    const exec = tools.find((t) => t.name === "lakebase_execute")!;
    assert.equal(exec.annotations?.readOnlyHint, false);
    assert.equal(exec.annotations?.destructiveHint, true);
  });

  it("calls every tool against the emulator", async () => {
    const seen = new Set<string>();
    const ok = async (name: string, args: Record<string, unknown> = {}) => {
      seen.add(name);
      const r = await call(name, args);
      assert.equal(r.isError, false, `${name}: ${r.text}`);
      return r.text;
    };
    assert.match(await ok("lakebase_list_profiles"), /Target of this folder: profile emulator, project projects\/demo-app, branch projects\/demo-app\/branches\/production \(default\)/);
    assert.match(await ok("lakebase_list_projects"), /^- projects\/demo-app: "Demo app"/m);
    assert.match(await ok("lakebase_list_branches"), /^- projects\/demo-app\/branches\/dev: READY/m);
    assert.match(await ok("lakebase_list_endpoints"), /^- projects\/demo-app\/branches\/production\/endpoints\/primary: /m);
    assert.match(await ok("lakebase_describe_schema", { filter: "customers" }), /^public\.customers: id integer pk serial, name text not null/m);
    assert.equal((await ok("lakebase_query", { sql: "SELECT name FROM customers ORDER BY id LIMIT 1" })).split("\n")[2], "Ada Lovelace");
    assert.match(await ok("lakebase_explain", { sql: "SELECT * FROM orders" }), /Seq Scan on orders/);
    assert.match(await ok("lakebase_create_branch", { branchId: "mcp-try", ttlMinutes: 20, sql: "CREATE TABLE notes (id int PRIMARY KEY)" }), /^Schema changes:\n\+ table public\.notes$/m);
    assert.match(await ok("lakebase_execute", { branch: "mcp-try", sql: "INSERT INTO notes VALUES (1), (2)" }), /^INSERT 2$/m);
    assert.match(await ok("lakebase_connection_env"), /^PGUSER=dev@example\.com$/m);
    assert.deepEqual([...seen].sort(), AGENT_TOOLS.map((t) => t.name).sort());
  });

  it("applies the same guards: the read-only tool's INSERT fails on the server, writes to the default branch are refused", async () => {
    const before = (await ownerQuery(emu(), "SELECT count(*)::int AS n FROM customers")).rows[0].n;
    const insert = await call("lakebase_query", { sql: "INSERT INTO customers (name, email) VALUES ('x', 'x@example.com')" });
    assert.equal(insert.isError, true);
    assert.match(insert.text, /^ERROR 25006: cannot execute INSERT in a read-only transaction/);
    const exec = await call("lakebase_execute", { branch: "production", sql: "DELETE FROM customers" });
    assert.equal(exec.isError, true);
    assert.match(exec.text, /Refused: .* is the project's default branch/);
    assert.equal((await ownerQuery(emu(), "SELECT count(*)::int AS n FROM customers")).rows[0].n, before);
  });

  it("the server's statement timeout applies (--timeout-seconds)", async () => {
    const r = await call("lakebase_query", { sql: "SELECT pg_sleep(120)" });
    assert.equal(r.isError, true);
    assert.match(r.text, /ERROR 57014: cancelled on the server after the 2 s statement timeout/);
  });

  it("malformed arguments get a clear error result, not a protocol failure", async () => {
    const r = await call("lakebase_query", { sql: ["SELECT 1"] });
    assert.equal(r.isError, true);
    assert.match(r.text, /^Invalid arguments for lakebase_query:\n✖ Invalid input: expected string, received array\n {2}→ at sql/);
  });

  it("concurrent calls over one connection each get their own answer", async () => {
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => call("lakebase_query", { sql: `SELECT ${i} * 10 AS n` })));
    results.forEach((r, i) => assert.equal(r.text.split("\n")[2], String(i * 10)));
  });

  it("logs each call (to stderr, redacted) and never a secret", async () => {
    assert.match(log(), /tool lakebase_query ok in \d+ ms: read-only query: SELECT name FROM customers/);
    assert.ok(!log().includes(emu().identities.user.pat), "the PAT reached the log");
    // The server's Lakebase credentials are JWT-shaped, as the service's are: none in the log.
    assert.doesNotMatch(log(), /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/);
  });

  it("without a target, tells the agent what the user must do", async () => {
    const bare = await connect(["--config-file", emu().configFile, "--extra-ca-file", emu().caFile!, "--profile", "emulator"]);
    try {
      const r = (await bare.client.callTool({ name: "lakebase_query", arguments: { sql: "SELECT 1" } })) as TextResult;
      assert.equal(r.isError, true);
      assert.match(r.content[0].text, /^No Lakebase target is selected for this folder\. Start the MCP server with --endpoint/);
    } finally {
      await bare.client.close();
    }
  });

  it("signs in through a CLI-login profile (databricks auth token), and says what to run when that login has expired", async () => {
    const cfg = path.join(dir, "cli.databrickscfg");
    writeFileSync(cfg, `[cli-user]\nhost = ${emu().workspaceUrl}\nauth_type = databricks-cli\n`);
    const cli = path.resolve(__dirname, "../../fixtures/fake-databricks-cli/databricks");
    const args = ["--config-file", cfg, "--extra-ca-file", emu().caFile!, "--profile", "cli-user", "--databricks-cli", cli, "--endpoint", emu().postgres.seeded!.endpoint];
    // The stand-in CLI hands out the user's workspace token, as `databricks auth token` would after a login.
    const ok = await connect(args, { FAKE_DATABRICKS_TOKEN: emu().identities.user.pat, FAKE_DATABRICKS_SCENARIO: "ok" });
    try {
      const r = (await ok.client.callTool({ name: "lakebase_query", arguments: { sql: "SELECT current_user AS u" } })) as TextResult;
      assert.equal(r.isError, undefined, r.content[0].text);
      assert.equal(r.content[0].text.split("\n")[2], "dev@example.com");
      assert.ok(!ok.stderr().includes(emu().identities.user.pat), "the CLI's token reached the log");
    } finally {
      await ok.client.close();
    }
    const expired = await connect(args, { FAKE_DATABRICKS_SCENARIO: "refresh-token-invalid" });
    try {
      const r = (await expired.client.callTool({ name: "lakebase_query", arguments: { sql: "SELECT 1" } })) as TextResult;
      assert.equal(r.isError, true);
      assert.match(r.content[0].text, /^Sign-in needed: the Databricks profile "cli-user" cannot get a token .*The user must run `databricks auth login --host https:\/\/127\.0\.0\.1:\d+ --profile cli-user` in a terminal/s);
    } finally {
      await expired.client.close();
    }
  });

  it("rejects unknown options at start with a clear message", async () => {
    await assert.rejects(connect(["--token", "dapi123"]));
  });
});
