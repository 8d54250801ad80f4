/**
 * Everything the tools need (core services, pg, the tool catalogue), loaded by the MCP server
 * only after the handshake: the server answers `initialize` without paying for it.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { AGENT_TOOLS, invokeTool } from "../core/agent/agentTools";
import { inputJsonSchema } from "../core/agent/toolDefinition";
import { errorText } from "../core/agent/toolErrors";
import { LakebaseServices } from "../core/lakebaseServices";
import type { Logger, SecretRegistry } from "../core/log";
import type { KeyValueStore } from "../core/target/targetStore";
import { SELECT_TARGET_HINT, targetResolver } from "./folderTarget";
import type { McpServerOptions } from "./serverOptions";

export interface ToolListing {
  name: string;
  title: string;
  description: string;
  inputSchema: Record<string, unknown>;
  annotations: { title: string; readOnlyHint: boolean; destructiveHint: boolean; idempotentHint: boolean; openWorldHint: boolean };
}

export interface McpRuntime {
  tools(): ToolListing[];
  call(name: string, args: unknown, signal: AbortSignal): Promise<{ text: string; isError?: boolean }>;
  dispose(): Promise<void>;
}

const memoryStore = (): KeyValueStore => {
  const m = new Map<string, unknown>();
  return { get: <T>(k: string) => m.get(k) as T | undefined, update: async (k, v) => void m.set(k, v) };
};

export async function startRuntime(opts: McpServerOptions, logger: Logger & { child(tag: string): Logger }, secrets: SecretRegistry): Promise<McpRuntime> {
  const services = await LakebaseServices.create({
    profiles: { configFile: opts.configFile, defaultProfile: opts.profile, cliPath: opts.cliPath, watch: true },
    workspaceStore: memoryStore(),
    tls: { extraCaFile: opts.extraCaFile },
    logger,
    secrets,
  });
  logger.info(`config ${services.profiles.configFile}${opts.endpoint ? `, endpoint ${opts.endpoint}` : ", no target"}`);
  const target = targetResolver(services, opts);
  // Shipped next to this bundle (dist/); surfaces database errors drizzle-kit swallows.
  const preload = join(__dirname, "drizzlePreload.cjs");
  const drizzlePreload = existsSync(preload) ? preload : undefined;
  return {
    tools: () => AGENT_TOOLS.map((t) => ({
      name: t.name,
      title: t.title,
      description: t.description,
      inputSchema: inputJsonSchema(t),
      annotations: { title: t.title, readOnlyHint: !t.changes, destructiveHint: t.name === "lakebase_execute", idempotentHint: !t.changes, openWorldHint: false },
    })),
    async call(name, args, signal) {
      let resolved;
      try {
        resolved = await target();
      } catch (err) {
        return { text: secrets.redact(errorText(err)), isError: true };
      }
      return invokeTool({ services, target: () => resolved, folder: opts.folder, drizzlePreload, policy: opts.policy, selectTargetHint: SELECT_TARGET_HINT, signal }, name, args);
    },
    dispose: () => services.dispose(),
  };
}
