// The agent tools as VS Code sees them: listed in vscode.lm.tools, invoked through
// vscode.lm.invokeTool against the emulator, and the MCP client config command.
import * as assert from "node:assert/strict";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { activateExtension, EXTENSION_ID, extraCaFile, patFromConfig, rest, waitFor } from "../support/emulatorRest";

async function invoke(name: string, input: object): Promise<string> {
  const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined });
  return result.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : "")).join("");
}

describe("agent tools (language-model tools, MCP config)", function () {
  this.timeout(90000);
  let endpoint: string;

  before(async () => {
    await activateExtension();
    await vscode.commands.executeCommand("lakebase.project.create", { profile: "emulator", projectId: "vscode-agent" });
    endpoint = (await rest("GET", "/api/2.0/postgres/projects/vscode-agent/branches/production/endpoints")).json.endpoints[0].name;
    await vscode.commands.executeCommand("lakebase.target.select", { profile: "emulator", endpoint });
    await vscode.commands.executeCommand("lakebase.query.run", { sql: "CREATE TABLE agent_notes (id int PRIMARY KEY, body text NOT NULL); INSERT INTO agent_notes VALUES (1, 'hello')" });
  });
  after(() => vscode.commands.executeCommand("lakebase.target.clear"));

  it("vscode.lm.tools lists every tool the manifest declares", () => {
    const declared = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.languageModelTools as Array<{ name: string }>).map((t) => t.name);
    assert.equal(declared.length, 10);
    const listed = vscode.lm.tools.map((t) => t.name);
    assert.deepEqual(declared.filter((n) => !listed.includes(n)), []);
    const query = vscode.lm.tools.find((t) => t.name === "lakebase_query")!;
    assert.deepEqual((query.inputSchema as { required?: string[] }).required, ["sql"]);
  });

  it("lakebase_query runs read-only SQL on the folder's target", async () => {
    const text = await invoke("lakebase_query", { sql: "SELECT id, body FROM agent_notes" });
    assert.deepEqual(text.split("\n").slice(1, 3), ["id (int4)\tbody (text)", "1\thello"]);
  });

  it("an INSERT through lakebase_query fails on the server and the table is unchanged", async () => {
    const text = await invoke("lakebase_query", { sql: "INSERT INTO agent_notes VALUES (2, 'nope')" });
    assert.match(text, /^ERROR 25006: cannot execute INSERT in a read-only transaction/);
    const count = await invoke("lakebase_query", { sql: "SELECT count(*) FROM agent_notes" });
    assert.equal(count.split("\n")[2], "1");
  });

  it("lakebase_describe_schema, lakebase_list_profiles and lakebase_connection_env answer for the target", async () => {
    assert.match(await invoke("lakebase_describe_schema", {}), /^public\.agent_notes(?: \([^)]*\))?: id integer pk, body text not null$/m);
    assert.match(await invoke("lakebase_list_profiles", {}), /Target of this folder: profile emulator, project projects\/vscode-agent, branch projects\/vscode-agent\/branches\/production/);
    const env = await invoke("lakebase_connection_env", {});
    assert.match(env, new RegExp(`^LAKEBASE_ENDPOINT=${endpoint}$`, "m"));
    assert.doesNotMatch(env, /PGPASSWORD=|DATABRICKS_TOKEN=/);
  });

  it("lakebase_create_branch makes a throwaway branch with a TTL and changes only that branch; lakebase_execute refuses the default branch", async () => {
    const text = await invoke("lakebase_create_branch", { branchId: "vscode-agent-try", ttlMinutes: 15, sql: "ALTER TABLE agent_notes ADD COLUMN tag text" });
    assert.match(text, /^Schema changes:\n\+ column public\.agent_notes\.tag text$/m);
    const branch = (await rest("GET", "/api/2.0/postgres/projects/vscode-agent/branches/vscode-agent-try")).json;
    assert.ok(Date.parse(branch.status.expire_time) - Date.now() <= 15 * 60_000);
    assert.doesNotMatch(await invoke("lakebase_describe_schema", { filter: "agent_notes" }), /tag text/);
    assert.match(await invoke("lakebase_describe_schema", { filter: "agent_notes", branch: "vscode-agent-try" }), /, tag text$/m);
    const refused = await invoke("lakebase_execute", { branch: "production", sql: "DELETE FROM agent_notes" });
    assert.match(refused, /^Refused: projects\/vscode-agent\/branches\/production is the project's default branch/);
  });

  it("each call is logged in the Lakebase output channel with its duration, and no secret is", async () => {
    await invoke("lakebase_query", { sql: "SELECT 'agent-log-marker' AS m" });
    await vscode.commands.executeCommand("lakebase.log.show");
    const line = await waitFor("the tool call in the Lakebase log", () => {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === "output" && /Lakebase/i.test(d.uri.toString()));
      return doc?.getText().split("\n").find((l) => l.includes("agent-log-marker"));
    });
    assert.match(line, /tool lakebase_query ok in \d+ ms: read-only query: SELECT 'agent-log-marker' AS m/);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === "output" && /Lakebase/i.test(d.uri.toString()))!;
    assert.ok(!doc.getText().includes(patFromConfig()), "the PAT reached the log");
    // This host (1.100) has the MCP definition API: the provider was accepted, not refused.
    assert.equal(typeof vscode.lm.registerMcpServerDefinitionProvider, "function");
    assert.doesNotMatch(doc.getText(), /refused the Lakebase MCP server definition/);
  });

  it("malformed input gets a clear error", async () => {
    const text = await invoke("lakebase_explain", { sql: "SELECT 1; SELECT 2" });
    assert.match(text, /Send one statement per call/);
  });

  it("Configure MCP Server merges the entry into .cursor/mcp.json, keeping other servers, pointing at a stable copy", async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const file = path.join(folder, ".cursor", "mcp.json");
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ mcpServers: { other: { command: "other-mcp" } } }, null, 2));
    try {
      const res = await vscode.commands.executeCommand<{ file: string }>("lakebase.mcp.configure", { client: "cursor" });
      assert.equal(res.file, file);
      const cfg = JSON.parse(readFileSync(file, "utf8"));
      assert.deepEqual(cfg.mcpServers.other, { command: "other-mcp" });
      const entry = cfg.mcpServers.lakebase;
      assert.equal(entry.command, "node");
      assert.match(entry.args[0], /globalStorage.*[/\\]mcp[/\\]mcp-server\.js$/);
      assert.doesNotMatch(entry.args[0], /lakebase-vscode-\d/, "not the versioned install folder");
      assert.deepEqual(entry.args.slice(1), ["--folder", folder, "--profile", "emulator", "--endpoint", endpoint, "--database", "databricks_postgres", ...(entry.args.includes("--config-file") ? ["--config-file", entry.args[entry.args.indexOf("--config-file") + 1]] : []), "--extra-ca-file", extraCaFile()]);
      assert.doesNotMatch(JSON.stringify(cfg), /dapi|token/i);
      // The copy is there and runs: the server's own bundle next to its runtime.
      assert.ok(readFileSync(entry.args[0], "utf8").startsWith("#!/usr/bin/env node"));
      assert.ok(readFileSync(path.join(path.dirname(entry.args[0]), "mcp-runtime.js"), "utf8").length > 1000);
    } finally {
      rmSync(path.join(folder, ".cursor"), { recursive: true, force: true });
    }
  });
});
