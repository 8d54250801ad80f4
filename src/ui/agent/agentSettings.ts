import * as vscode from "vscode";
import { DEFAULT_AGENT_POLICY, type AgentPolicy } from "../../core/agent/toolDefinition";
import { clampedInt } from "../settings";

/** `lakebase.agent.*`: the limits and guards of the language-model tools and the MCP server. */
export function agentPolicy(scope?: vscode.ConfigurationScope): AgentPolicy {
  const c = vscode.workspace.getConfiguration("lakebase.agent", scope);
  const int = (k: string, def: number, min: number, max: number) => clampedInt(c, k, def, min, max);
  return {
    ...DEFAULT_AGENT_POLICY,
    allowProtectedBranches: c.get<boolean>("allowProtectedBranches", false) === true,
    maxRows: int("maxRows", DEFAULT_AGENT_POLICY.maxRows, 1, 10_000),
    statementTimeoutMs: int("statementTimeout", DEFAULT_AGENT_POLICY.statementTimeoutMs / 1000, 1, 3600) * 1000,
  };
}
