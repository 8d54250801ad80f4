/**
 * `node dist/mcp-server.js [--profile P] [--endpoint projects/…/endpoints/…] …`: the Lakebase
 * MCP server on stdio. stdout carries the protocol only; the log (redacted) goes to stderr.
 * The core (services, pg, the tools) is a second bundle, mcp-runtime.js, required after the
 * handshake: `initialize` costs only the SDK, and the core loads while the client sends its
 * first requests.
 */
import { join } from "node:path";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createLogger, SecretRegistry } from "../core/log";
import { createLakebaseMcpServer } from "./lakebaseMcpServer";
import type { McpRuntime } from "./mcpRuntime";
import { OptionsError, parseServerOptions } from "./serverOptions";

declare const LAKEBASE_VERSION: string;
const version = typeof LAKEBASE_VERSION === "string" ? LAKEBASE_VERSION : "dev";

async function main(): Promise<void> {
  const opts = parseServerOptions(process.argv.slice(2), process.env, process.cwd());
  const secrets = new SecretRegistry();
  const logger = createLogger((level, line) => process.stderr.write(`${new Date().toISOString()} ${level} ${line}\n`), secrets);
  let runtime: Promise<McpRuntime> | undefined;
  const getRuntime = () => (runtime ??= Promise.resolve().then(() => {
    // A real require of the sibling bundle (not an import esbuild would inline).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const core = require(join(__dirname, "mcp-runtime.js")) as typeof import("./mcpRuntime");
    return core.startRuntime(opts, logger, secrets);
  }));
  const server = createLakebaseMcpServer(version, getRuntime);
  // Start loading the core once the handshake is done, not before the first tool request.
  server.oninitialized = () => { getRuntime().catch((err: unknown) => logger.error("Starting the Lakebase core failed", err)); };
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await server.close().catch(() => undefined);
    if (runtime) await (await runtime.catch(() => undefined))?.dispose().catch(() => undefined);
    process.exit(0);
  };
  process.stdin.on("close", () => void shutdown());
  process.on("SIGTERM", () => void shutdown());
  process.on("SIGINT", () => void shutdown());
  await server.connect(new StdioServerTransport());
  logger.info(`Lakebase MCP server ${version} ready`);
}

main().catch((err: unknown) => {
  process.stderr.write(`lakebase-mcp: ${err instanceof OptionsError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(2);
});
