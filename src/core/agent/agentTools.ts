/**
 * The tool catalogue and the one way to call a tool: validate the arguments, run, turn
 * failures into text an agent can act on, redact, bound, and log the call with its duration.
 * The VS Code tools and the MCP server both go through `invokeTool`.
 */
import * as z from "../validation";
import { errorText } from "./toolErrors";
import type { AgentContext, AgentTool, ToolResult } from "./toolDefinition";
import { createBranchTool, executeTool } from "./tools/branchTools";
import { connectionEnvTool } from "./tools/envTool";
import { listBranchesTool, listEndpointsTool, listProfilesTool, listProjectsTool } from "./tools/listTools";
import { describeSchemaTool, explainTool, queryTool } from "./tools/sqlTools";

export const AGENT_TOOLS: readonly AgentTool[] = [
  listProfilesTool,
  listProjectsTool,
  listBranchesTool,
  listEndpointsTool,
  describeSchemaTool,
  queryTool,
  explainTool,
  createBranchTool,
  executeTool,
  connectionEnvTool,
] as unknown as AgentTool[];

export function findTool(name: string): AgentTool | undefined {
  return AGENT_TOOLS.find((t) => t.name === name);
}

/** Validates `args` against the tool's schema; the message names each bad field. */
export function parseArgs(tool: AgentTool, args: unknown): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  const parsed = tool.input.safeParse(args ?? {});
  if (parsed.success) return { ok: true, value: parsed.data as Record<string, unknown> };
  return { ok: false, message: `Invalid arguments for ${tool.name}:\n${z.prettifyError(parsed.error)}\nExpected: ${JSON.stringify(z.toJSONSchema(tool.input, { target: "draft-7", io: "input" }).properties ?? {})}` };
}

export async function invokeTool(ctx: AgentContext, name: string, args: unknown): Promise<ToolResult> {
  const tool = findTool(name);
  const log = ctx.services.logger;
  if (!tool) return { isError: true, text: `Unknown tool "${name}". Tools: ${AGENT_TOOLS.map((t) => t.name).join(", ")}.` };
  const started = Date.now();
  const parsed = parseArgs(tool, args);
  let result: ToolResult;
  let about = "";
  if (!parsed.ok) {
    result = { isError: true, text: parsed.message };
  } else {
    about = tool.summarize(parsed.value as never);
    try {
      result = { text: await tool.run(ctx, parsed.value as never) };
    } catch (err) {
      result = { isError: true, text: errorText(err, { timeoutMs: ctx.policy.statementTimeoutMs }) };
    }
  }
  // Last line of defence: a registered secret never leaves in a result.
  result.text = ctx.services.secrets.redact(result.text);
  const ms = Date.now() - started;
  const line = `tool ${name} ${result.isError ? "failed" : "ok"} in ${ms} ms${about ? `: ${about}` : ""}`;
  if (result.isError) log.warn(`${line} — ${result.text.split("\n")[0]}`);
  else log.info(line);
  return result;
}
