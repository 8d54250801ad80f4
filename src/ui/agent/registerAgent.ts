import { existsSync } from "node:fs";
import * as path from "node:path";
import { registerCommand } from "../commands";
import type { Shell } from "../shell";
import { configureMcp, type ConfigureMcpArgs } from "./configureMcp";
import { installedServer, registerMcpProvider } from "./mcpProvider";
import { registerAgentTools } from "./registerAgentTools";

/** Tools for coding agents: language-model tools, the MCP server definition, MCP client configs. */
export function registerAgent(shell: Shell): void {
  registerAgentTools(shell);
  registerMcpProvider(shell);
  registerCommand(shell.context, shell.log.logger, "lakebase.mcp.configure", (args?: unknown) => configureMcp(shell, (args ?? {}) as ConfigureMcpArgs));
  // Configs written earlier point at the stable copy: bring it up to this version, off the activation path.
  setTimeout(() => {
    if (!existsSync(path.join(shell.context.globalStorageUri.fsPath, "mcp", "version"))) return;
    installedServer(shell).catch((err: unknown) => shell.log.logger.warn("Refreshing the MCP server copy failed:", err));
  }, 2000).unref?.();
}
