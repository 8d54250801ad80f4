// Builds the two bundles (extension: node/cjs; webview: browser) and, with --tests,
// the suites that run inside a real VS Code. Type checking is separate (`npm run typecheck`).
import * as esbuild from "esbuild";
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { LAZY_BUNDLES, lazyBundles } from "./lazyBundles.mjs";
import { zodEnglishOnly } from "./zodEnglishOnly.mjs";

const production = process.argv.includes("--production");
const withTests = process.argv.includes("--tests");
const common = { bundle: true, sourcemap: !production, minify: production, logLevel: "warning" };

const builds = [
  esbuild.build({
    ...common,
    entryPoints: ["src/extension.ts"],
    outfile: "dist/extension.js",
    platform: "node",
    format: "cjs",
    target: "node20",
    // pg-native is an optional peer of pg that we never load.
    external: ["vscode", "pg-native"],
    // Activation parses the whole bundle: leave out zod's 40 unused languages, and what loads on first use.
    plugins: [zodEnglishOnly(), lazyBundles()],
  }),
  // What activation does not need, each in a bundle of its own loaded on first use (scripts/lazyBundles.mjs).
  ...LAZY_BUNDLES.map((b) => esbuild.build({
    ...common,
    entryPoints: [b.module],
    outfile: `dist/${b.bundle}`,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: ["pg-native"],
  })),
];
// The MCP server for Cursor, Claude Code and other MCP clients (its own bundle, never loaded by the extension).
const { buildMcpServer } = await import("./mcpBundle.mjs");
builds.push(buildMcpServer({ production }));
// PostgreSQL's parser (WebAssembly) in a bundle of its own, loaded on demand by SQL diagnostics,
// never with extension.js; the glue finds libpg-query.wasm next to itself (__dirname).
builds.push(esbuild.build({
  ...common,
  sourcemap: false,
  entryPoints: ["node_modules/libpg-query/wasm/index.cjs"],
  outfile: "dist/pgParser.js",
  platform: "node",
  format: "cjs",
  target: "node20",
}));
// The SQL formatter, also loaded only when first used.
builds.push(esbuild.build({
  ...common,
  sourcemap: false,
  entryPoints: ["node_modules/sql-formatter/dist/cjs/index.js"],
  outfile: "dist/sqlFormatter.js",
  platform: "node",
  format: "cjs",
  target: "node20",
}));
if (existsSync("webview/results/main.ts")) {
  builds.push(esbuild.build({
    ...common,
    entryPoints: ["webview/results/main.ts"],
    outfile: "dist/webview/results.js",
    platform: "browser",
    format: "iife",
    target: "es2022",
  }));
  // Chart.js for result charts, loaded by the webview the first time a chart opens (webview/results/chartLoader.ts).
  builds.push(esbuild.build({
    ...common,
    entryPoints: ["webview/results/chartLib.ts"],
    outfile: "dist/webview/chart.js",
    platform: "browser",
    format: "iife",
    globalName: "LakebaseChartLib",
    target: "es2022",
  }));
}
if (withTests) {
  // Every test/vscode/suites/**/*.test.ts goes into this one bundle (see the plugin).
  // mocha stays external: the extension host resolves it from the repo's node_modules.
  const { vscodeSuitesPlugin } = await import("./vscode-host/suites-plugin.mjs");
  builds.push(esbuild.build({
    ...common,
    sourcemap: true,
    entryPoints: ["test/vscode/index.ts"],
    outfile: "out/test/vscode/index.js",
    platform: "node",
    format: "cjs",
    target: "node20",
    external: ["vscode", "pg-native", "mocha"],
    plugins: [vscodeSuitesPlugin("test/vscode/suites")],
  }));
}
await Promise.all(builds);
// Plain CommonJS loaded into drizzle-kit's process, next to the bundle that points at it.
mkdirSync("dist", { recursive: true });
copyFileSync("src/core/migrations/drizzlePreload.cjs", "dist/drizzlePreload.cjs");
copyFileSync("node_modules/libpg-query/wasm/libpg-query.wasm", "dist/libpg-query.wasm");
