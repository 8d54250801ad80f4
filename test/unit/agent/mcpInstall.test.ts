import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { installMcpServer, MCP_BUNDLE_FILES } from "../../../src/core/agent/mcpInstall";

describe("MCP server install into a stable folder", () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), "mcp-install-")); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function release(version: string): string {
    const src = join(dir, `ext-${version}`, "dist");
    mkdirSync(src, { recursive: true });
    for (const f of MCP_BUNDLE_FILES) writeFileSync(join(src, f), `// ${f} ${version}\n`);
    return src;
  }

  it("copies the bundles once per version and refreshes them after an update, at the same path", async () => {
    const stable = join(dir, "globalStorage", "mcp");
    const first = await installMcpServer(release("0.1.0"), stable, "0.1.0");
    assert.equal(first, join(stable, "mcp-server.js"));
    assert.equal(readFileSync(first, "utf8"), "// mcp-server.js 0.1.0\n");
    const again = await installMcpServer(join(dir, "missing"), stable, "0.1.0");
    assert.equal(again, first, "same version: nothing copied (the source is not even read)");
    const updated = await installMcpServer(release("0.2.0"), stable, "0.2.0");
    assert.equal(updated, first);
    assert.equal(readFileSync(join(stable, "mcp-runtime.js"), "utf8"), "// mcp-runtime.js 0.2.0\n");
    assert.deepEqual(readdirSync(stable).sort(), [...MCP_BUNDLE_FILES, "version"].sort());
  });
});
