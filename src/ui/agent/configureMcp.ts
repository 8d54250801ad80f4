/**
 * "Lakebase: Configure MCP Server for …": merges the Lakebase entry into the client's config
 * in the folder (Cursor, Claude Code, VS Code), keeping every other entry.
 */
import { readFile, rename, mkdir, writeFile } from "node:fs/promises";
import * as path from "node:path";
import * as vscode from "vscode";
import { MCP_CLIENT_FILES, mergeMcpConfig, type McpClient } from "../../core/agent/mcpConfig";
import { UserFacingError } from "../../core/errors";
import { matchWorkspaceFolder, type Shell } from "../shell";
import { launchFor } from "./mcpProvider";

export interface ConfigureMcpArgs { client?: McpClient; folder?: string }

export async function configureMcp(shell: Shell, args: ConfigureMcpArgs = {}): Promise<{ file: string; client: McpClient } | undefined> {
  const folder = args.folder ? matchWorkspaceFolder(args.folder) : shell.requireFolder();
  if (!folder) throw new UserFacingError(`No open workspace folder "${args.folder}".`);
  if (folder.uri.scheme !== "file") throw new UserFacingError("MCP client configs can only be written to a folder on disk.");
  let client = args.client;
  if (client !== undefined && !(client in MCP_CLIENT_FILES)) throw new UserFacingError(`Unknown MCP client "${client}": use cursor, claude or vscode.`);
  if (!client) {
    const pick = await vscode.window.showQuickPick(
      (Object.entries(MCP_CLIENT_FILES) as Array<[McpClient, (typeof MCP_CLIENT_FILES)[McpClient]]>).map(([id, f]) => ({ label: f.label, description: f.path, id })),
      { title: "Configure the Lakebase MCP server for", placeHolder: "The entry is merged into the folder's config; other servers are kept" },
    );
    if (!pick) return undefined;
    client = pick.id;
  }
  const rel = MCP_CLIENT_FILES[client].path;
  const file = path.join(folder.uri.fsPath, rel);
  const existing = await readFile(file, "utf8").catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return undefined;
    throw new UserFacingError(`Cannot read ${rel}: ${err.message}`);
  });
  const text = mergeMcpConfig(existing, client, await launchFor(shell, folder), rel);
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, file);
  shell.log.logger.info(`MCP server entry "lakebase" written to ${rel} for ${MCP_CLIENT_FILES[client].label}`);
  return { file, client };
}
