/**
 * Adds (or replaces) the Lakebase entry in an MCP client's config file, keeping every other
 * entry and key. Each client has its own file and key; the entry launches the server from a
 * stable path (the extension's global storage), so it survives extension updates.
 */
import { UserFacingError } from "../errors";

export type McpClient = "cursor" | "claude" | "vscode";

export interface McpClientFile {
  /** Relative to the workspace folder. */
  path: string;
  /** The object holding the servers. */
  key: "mcpServers" | "servers";
  label: string;
}

export const MCP_CLIENT_FILES: Record<McpClient, McpClientFile> = {
  cursor: { path: ".cursor/mcp.json", key: "mcpServers", label: "Cursor" },
  claude: { path: ".mcp.json", key: "mcpServers", label: "Claude Code" },
  vscode: { path: ".vscode/mcp.json", key: "servers", label: "VS Code" },
};

export const MCP_SERVER_NAME = "lakebase";

export interface McpLaunch {
  command: string;
  args: string[];
}

/** The file's new text; `existing` undefined: a new file. Throws (changing nothing) on a file it cannot merge safely. */
export function mergeMcpConfig(existing: string | undefined, client: McpClient, launch: McpLaunch, file = MCP_CLIENT_FILES[client].path): string {
  const { key } = MCP_CLIENT_FILES[client];
  let doc: Record<string, unknown> = {};
  let indent: string | number = 2;
  if (existing !== undefined && existing.trim() !== "") {
    try {
      doc = JSON.parse(existing.replace(/^\uFEFF/, "")) as Record<string, unknown>;
    } catch (err) {
      throw new UserFacingError(`${file} is not plain JSON (${(err as Error).message}; comments and trailing commas are not supported here), so it was left as it is. Add this under "${key}" by hand: "${MCP_SERVER_NAME}": ${JSON.stringify(entryFor(client, launch))}`);
    }
    if (!doc || typeof doc !== "object" || Array.isArray(doc)) throw new UserFacingError(`${file} does not hold a JSON object; it was left as it is.`);
    if (doc[key] !== undefined && (typeof doc[key] !== "object" || doc[key] === null || Array.isArray(doc[key]))) {
      throw new UserFacingError(`"${key}" in ${file} is not an object; it was left as it is.`);
    }
    const m = /\n([ \t]+)"/.exec(existing);
    if (m) indent = m[1];
  }
  const servers = { ...((doc[key] as Record<string, unknown> | undefined) ?? {}) };
  servers[MCP_SERVER_NAME] = entryFor(client, launch);
  const out = { ...doc, [key]: servers };
  const eol = existing?.includes("\r\n") ? "\r\n" : "\n";
  return JSON.stringify(out, null, indent).replace(/\n/g, eol) + eol;
}

function entryFor(client: McpClient, launch: McpLaunch): Record<string, unknown> {
  // VS Code's mcp.json names the transport; Cursor and Claude Code infer stdio from `command`.
  return client === "vscode" ? { type: "stdio", command: launch.command, args: launch.args } : { command: launch.command, args: launch.args };
}
