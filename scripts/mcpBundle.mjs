// The MCP server's bundles (node/cjs), shipped in the .vsix next to the extension: the server
// (SDK + handshake) and the runtime it requires after the handshake (core, pg, tools). Shared
// by the build and the tests, so a test always runs what ships.
import * as esbuild from "esbuild";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

export function buildMcpServer({ outfile = "dist/mcp-server.js", production = false } = {}) {
  const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  const common = {
    bundle: true,
    sourcemap: !production,
    minify: production,
    logLevel: "warning",
    platform: "node",
    format: "cjs",
    target: "node20",
    external: ["pg-native"],
  };
  const src = (p) => new URL(`../src/mcp/${p}`, import.meta.url).pathname;
  return Promise.all([
    esbuild.build({ ...common, entryPoints: [src("main.ts")], outfile, define: { LAKEBASE_VERSION: JSON.stringify(version) }, banner: { js: "#!/usr/bin/env node" } }),
    esbuild.build({ ...common, entryPoints: [src("mcpRuntime.ts")], outfile: join(dirname(outfile), "mcp-runtime.js") }),
  ]);
}
