import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AGENT_TOOLS } from "../../../src/core/agent/agentTools";
import { inputJsonSchema } from "../../../src/core/agent/toolDefinition";

const pkg = JSON.parse(readFileSync(join(__dirname, "../../../package.json"), "utf8"));

describe("package.json languageModelTools", () => {
  it("declares exactly the core tools, with the core's descriptions and input schemas", () => {
    const declared = pkg.contributes.languageModelTools as Array<{ name: string; modelDescription: string; inputSchema: unknown; displayName: string }>;
    assert.deepEqual(declared.map((t) => t.name), AGENT_TOOLS.map((t) => t.name));
    for (const tool of AGENT_TOOLS) {
      const d = declared.find((t) => t.name === tool.name)!;
      assert.equal(d.modelDescription, tool.description, tool.name);
      assert.equal(d.displayName, tool.title, tool.name);
      assert.deepEqual(d.inputSchema, inputJsonSchema(tool), `${tool.name}: regenerate the schema in package.json`);
    }
  });

  it("contributes the MCP provider id the extension registers, and the configure command under Lakebase", () => {
    assert.deepEqual(pkg.contributes.mcpServerDefinitionProviders, [{ id: "lakebase.mcpServers", label: "Lakebase" }]);
    // VS Code 1.100 (the engine's floor) checks the older contribution name.
    assert.deepEqual(pkg.contributes.modelContextServerCollections, [{ id: "lakebase.mcpServers", label: "Lakebase" }]);
    const cmd = pkg.contributes.commands.find((c: { command: string }) => c.command === "lakebase.mcp.configure");
    assert.equal(cmd.category, "Lakebase");
    assert.equal(pkg.engines.vscode, "^1.100.0");
  });
});
