import * as vscode from "vscode";
import { DEFAULT_AGENT_POLICY, type AgentPolicy } from "../../core/agent/toolDefinition";

/** `lakebase.agent.*`: the limits and guards of the language-model tools and the MCP server. */
export function agentPolicy(scope?: vscode.ConfigurationScope): AgentPolicy {
  const c = vscode.workspace.getConfiguration("lakebase.agent", scope);
  const int = (k: string, def: number, min: number, max: number) => {
    const v = Math.floor(Number(c.get<number>(k, def)));
    return Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : def;
  };
  return {
    ...DEFAULT_AGENT_POLICY,
    allowProtectedBranches: c.get<boolean>("allowProtectedBranches", false) === true,
    maxRows: int("maxRows", DEFAULT_AGENT_POLICY.maxRows, 1, 10_000),
    statementTimeoutMs: int("statementTimeout", DEFAULT_AGENT_POLICY.statementTimeoutMs / 1000, 1, 3600) * 1000,
  };
}
