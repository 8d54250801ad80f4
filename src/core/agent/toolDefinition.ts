import * as z from "../validation";
import type { LakebaseServices } from "../lakebaseServices";
import type { WorkspaceTarget } from "../target/targetStore";

/** Limits and guards every tool call obeys; the shell fills them from settings, the MCP server from args. */
export interface AgentPolicy {
  /** Tools that change anything may write to default or protected branches only when this is true. */
  allowProtectedBranches: boolean;
  /** Rows a read-only result shows at most. */
  maxRows: number;
  /** Bytes of text a tool result holds at most (what fits a model's context). */
  maxResultBytes: number;
  /** Server-side statement timeout for agent SQL. */
  statementTimeoutMs: number;
}

export const DEFAULT_AGENT_POLICY: AgentPolicy = {
  allowProtectedBranches: false,
  maxRows: 200,
  maxResultBytes: 24 * 1024,
  statementTimeoutMs: 30_000,
};

/**
 * The core collaborators the tools use (a narrow port: workspace clients, profiles, target
 * resolution, credentials, pools and runner, secrets and the log), not the whole `LakebaseServices`.
 */
export type AgentServices = Pick<LakebaseServices, "lakebase" | "profiles" | "resolveTarget" | "credentials" | "pools" | "runner" | "secrets" | "logger">;

/** What a tool works with: the core collaborators, the folder's target and the limits. */
export interface AgentContext {
  services: AgentServices;
  /** The workspace folder's target (VS Code: the stored target; MCP: from args, env or .env). */
  target(): WorkspaceTarget | undefined;
  /** Folder on disk, for drizzle configs (migrations); absent when there is none. */
  folder?: string;
  policy: AgentPolicy;
  /** drizzle-kit preload that surfaces database errors it swallows (the shipped dist/drizzlePreload.cjs). */
  drizzlePreload?: string;
  /** How the user selects a target in this host, for error texts. */
  selectTargetHint: string;
  signal?: AbortSignal;
}

/** A tool's answer: compact text for a model, and whether it is an error. */
export interface ToolResult {
  text: string;
  isError?: boolean;
}

export interface AgentTool<S extends z.ZodMiniObject = z.ZodMiniObject> {
  /** Stable id, also the MCP tool name and the VS Code tool name. */
  name: string;
  title: string;
  description: string;
  input: S;
  /** Changes something (creates a branch, writes data): hosts ask for confirmation first. */
  changes: boolean;
  /** A one-line description of what a call is about to do, for confirmations and logs. */
  summarize(input: z.infer<S>): string;
  run(ctx: AgentContext, input: z.infer<S>): Promise<string>;
}

export function defineTool<S extends z.ZodMiniObject>(tool: AgentTool<S>): AgentTool<S> {
  return tool;
}

/** The input's JSON schema (draft-07, without `$schema`), as MCP clients and package.json want it. */
export function inputJsonSchema(tool: AgentTool): Record<string, unknown> {
  const schema = z.toJSONSchema(tool.input, { target: "draft-7", io: "input" }) as Record<string, unknown>;
  delete schema.$schema;
  return schema;
}
