/**
 * The MCP server for VS Code's own MCP support (where the host offers the API) and the launch
 * line written into other clients' configs: node + the copy in global storage, the folder,
 * and the folder's target. Never a token: the server signs in with the Databricks profile.
 */
import * as path from "node:path";
import * as vscode from "vscode";
import { installMcpServer } from "../../core/agent/mcpInstall";
import type { McpLaunch } from "../../core/agent/mcpConfig";
import { profileSettings, tlsSettings } from "../settings";
import { folderKey, type Shell } from "../shell";
import { agentPolicy } from "./agentSettings";

export const MCP_PROVIDER_ID = "lakebase.mcpServers";

/** The stable copy of the server (refreshed when the extension's version changes). */
export function installedServer(shell: Shell): Promise<string> {
  const version = String(shell.context.extension.packageJSON.version);
  return installMcpServer(shell.context.asAbsolutePath("dist"), path.join(shell.context.globalStorageUri.fsPath, "mcp"), version);
}

export function serverArgs(shell: Shell, folder: vscode.WorkspaceFolder, entry: string): string[] {
  const args = [entry, "--folder", folder.uri.fsPath];
  const target = shell.services.targets.get(folderKey(folder));
  if (target) args.push("--profile", target.profile, "--endpoint", target.endpoint, "--database", target.database);
  const { configFile, cliPath } = profileSettings();
  if (configFile) args.push("--config-file", configFile);
  if (cliPath) args.push("--databricks-cli", cliPath);
  const { extraCaFile } = tlsSettings();
  if (extraCaFile) args.push("--extra-ca-file", extraCaFile);
  if (agentPolicy(folder).allowProtectedBranches) args.push("--allow-protected-branches");
  return args;
}

export async function launchFor(shell: Shell, folder: vscode.WorkspaceFolder): Promise<McpLaunch> {
  return { command: "node", args: serverArgs(shell, folder, await installedServer(shell)) };
}

export function registerMcpProvider(shell: Shell): void {
  const lm = (vscode as { lm?: Partial<typeof vscode.lm> }).lm;
  // Feature-detected: hosts without the API (editors on older VS Code) simply do not get it.
  if (typeof lm?.registerMcpServerDefinitionProvider !== "function" || typeof vscode.McpStdioServerDefinition !== "function") return;
  const changed = new vscode.EventEmitter<void>();
  shell.context.subscriptions.push(changed, shell.services.targets.onDidChange(() => changed.fire()));
  try {
    shell.context.subscriptions.push(lm.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, {
      onDidChangeMcpServerDefinitions: changed.event,
      async provideMcpServerDefinitions() {
        const folder = shell.currentFolder();
        if (!folder || folder.uri.scheme !== "file") return [];
        const entry = await installedServer(shell);
        // The editor's own Node.js (Electron as node), so no separate install is needed.
        return [new vscode.McpStdioServerDefinition("Lakebase", process.execPath, serverArgs(shell, folder, entry), { ELECTRON_RUN_AS_NODE: "1" }, String(shell.context.extension.packageJSON.version))];
      },
    }));
  } catch (err) {
    // Early hosts (1.100) know the API under another contribution name and may refuse it:
    // the rest of the extension must still activate.
    shell.log.logger.warn("This editor refused the Lakebase MCP server definition; use \"Lakebase: Configure MCP Server\" instead:", err);
  }
}
