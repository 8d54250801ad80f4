/**
 * What a host shows before a tool runs: a progress line for every tool, and for tools that
 * change something a confirmation naming the branch they start from and the SQL they will run.
 */
import { lastSegment } from "../lakebase/resourceNames";
import type { WorkspaceTarget } from "../target/targetStore";
import { parseArgs } from "./agentTools";
import type { AgentPolicy, AgentTool } from "./toolDefinition";

export interface ToolConfirmation {
  invocationMessage: string;
  /** Present for tools that change something. Markdown. */
  confirm?: { title: string; message: string };
}

export function toolConfirmation(tool: AgentTool, input: unknown, target: WorkspaceTarget | undefined, policy: AgentPolicy): ToolConfirmation {
  const parsed = parseArgs(tool, input);
  const summary = parsed.ok ? tool.summarize(parsed.value as never) : tool.title;
  const invocationMessage = `Lakebase: ${summary}`;
  if (!tool.changes) return { invocationMessage };
  const where = target
    ? `Target: **${target.branchLabel ?? lastSegment(target.branch)}** of ${target.projectLabel ?? target.project} (profile ${target.profile}).`
    : "No target is selected.";
  const branch = parsed.ok && typeof parsed.value.branch === "string" ? `\n\nWrites to branch **${parsed.value.branch}**.` : "";
  const sql = parsed.ok && typeof parsed.value.sql === "string" ? `\n\n\`\`\`sql\n${parsed.value.sql.slice(0, 2000)}${parsed.value.sql.length > 2000 ? "\n-- …" : ""}\n\`\`\`` : "";
  const guard = policy.allowProtectedBranches
    ? "Default and protected branches may be written to: `lakebase.agent.allowProtectedBranches` is on."
    : "Default and protected branches are never written to.";
  return { invocationMessage, confirm: { title: `Lakebase: ${tool.title}`, message: `${summary}.\n\n${where}${branch}${sql}\n\n${guard}` } };
}
