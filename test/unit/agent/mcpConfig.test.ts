import assert from "node:assert/strict";
import { mergeMcpConfig } from "../../../src/core/agent/mcpConfig";

const launch = { command: "node", args: ["/home/u/.config/Code/User/globalStorage/lakebase-dev.lakebase-vscode/mcp/mcp-server.js", "--folder", "/w/app"] };

describe("MCP client config merge", () => {
  it("creates the file with only our entry", () => {
    assert.deepEqual(JSON.parse(mergeMcpConfig(undefined, "cursor", launch)), { mcpServers: { lakebase: launch } });
    assert.deepEqual(JSON.parse(mergeMcpConfig("", "vscode", launch)), { servers: { lakebase: { type: "stdio", ...launch } } });
  });

  it("keeps every other server and key, replaces an old Lakebase entry, keeps indentation and line ends", () => {
    const existing = '{\r\n    "mcpServers": {\r\n        "github": { "command": "gh-mcp" },\r\n        "lakebase": { "command": "node", "args": ["/old/extension-0.0.1/dist/mcp-server.js"] }\r\n    },\r\n    "other": true\r\n}\r\n';
    const out = mergeMcpConfig(existing, "claude", launch);
    assert.deepEqual(JSON.parse(out), { mcpServers: { github: { command: "gh-mcp" }, lakebase: launch }, other: true });
    assert.ok(out.startsWith('{\r\n    "mcpServers": {\r\n        "github"'), out);
    assert.ok(out.endsWith("}\r\n"));
  });

  it("refuses, changing nothing, a file it cannot merge safely — and says what to add by hand", () => {
    assert.throws(() => mergeMcpConfig('{ // mine\n "servers": {} }', "vscode", launch, ".vscode/mcp.json"), /\.vscode\/mcp\.json is not plain JSON .*left as it is\. Add this under "servers" by hand: "lakebase": \{"type":"stdio","command":"node"/);
    assert.throws(() => mergeMcpConfig("[1]", "cursor", launch), /does not hold a JSON object/);
    assert.throws(() => mergeMcpConfig('{"mcpServers": []}', "cursor", launch), /"mcpServers" in \.cursor\/mcp\.json is not an object/);
  });
});
