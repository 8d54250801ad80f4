/**
 * The agent tools over MCP: the same definitions, validation, guards, bounds and logging as
 * the VS Code tools (core `invokeTool`, behind `McpRuntime`); MCP clients ask the user before
 * a tool that is not read-only runs.
 */
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import type { McpRuntime } from "./mcpRuntime";

export function createLakebaseMcpServer(version: string, runtime: () => Promise<McpRuntime>): Server {
  const server = new Server({ name: "lakebase", title: "Databricks Lakebase", version }, {
    capabilities: { tools: {} },
    instructions: "Tools for the Databricks Lakebase (Postgres) database of this project. Start with lakebase_list_profiles and lakebase_describe_schema; lakebase_query is read-only; try changes on a throwaway branch (lakebase_create_branch, then lakebase_execute on it).",
  });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: (await runtime()).tools().map((t) => ({ ...t, inputSchema: t.inputSchema as { type: "object" } })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const result = await (await runtime()).call(request.params.name, request.params.arguments ?? {}, extra.signal);
    return { content: [{ type: "text" as const, text: result.text }], ...(result.isError ? { isError: true } : {}) };
  });
  return server;
}
