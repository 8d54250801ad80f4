/**
 * The core agent tools as VS Code language-model tools (Copilot agent mode, any chat
 * participant). A thin shell: context from the current folder and settings, confirmation
 * for tools that change something, and the core's `invokeTool` for everything else.
 */
import * as vscode from "vscode";
import { AGENT_TOOLS, invokeTool } from "../../core/agent/agentTools";
import { toolConfirmation } from "../../core/agent/confirmation";
import type { AgentContext, AgentTool } from "../../core/agent/toolDefinition";
import { folderKey, type Shell } from "../shell";
import { agentPolicy } from "./agentSettings";

const SELECT_TARGET_HINT = "Ask the user to pick one: Lakebase explorer → a branch or endpoint → \"Use for This Workspace\", or run \"Lakebase: Use for This Workspace (Select Target)\".";

export function agentContext(shell: Shell, signal?: AbortSignal): AgentContext {
  const folder = shell.currentFolder();
  const target = folder ? shell.services.targets.get(folderKey(folder)) : undefined;
  return {
    services: shell.services,
    target: () => target,
    folder: folder?.uri.scheme === "file" ? folder.uri.fsPath : undefined,
    drizzlePreload: shell.context.asAbsolutePath("dist/drizzlePreload.cjs"),
    policy: agentPolicy(folder),
    selectTargetHint: SELECT_TARGET_HINT,
    signal,
  };
}

function confirmation(shell: Shell, tool: AgentTool, input: unknown): vscode.PreparedToolInvocation {
  const ctx = agentContext(shell);
  const c = toolConfirmation(tool, input, ctx.target(), ctx.policy);
  return c.confirm
    ? { invocationMessage: c.invocationMessage, confirmationMessages: { title: c.confirm.title, message: new vscode.MarkdownString(c.confirm.message) } }
    : { invocationMessage: c.invocationMessage };
}

export function registerAgentTools(shell: Shell): void {
  // Feature-detected: editors built on an older VS Code have no language-model tools.
  const lm = (vscode as { lm?: Partial<typeof vscode.lm> }).lm;
  if (typeof lm?.registerTool !== "function") {
    shell.log.logger.info("This editor offers no language-model tools API; the Lakebase agent tools are not registered (the MCP server still works).");
    return;
  }
  for (const tool of AGENT_TOOLS) {
    shell.context.subscriptions.push(lm.registerTool<Record<string, unknown>>(tool.name, {
      prepareInvocation: (options) => confirmation(shell, tool, options.input),
      async invoke(options, token) {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        try {
          const result = await invokeTool(agentContext(shell, abort.signal), tool.name, options.input);
          return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(result.text)]);
        } finally {
          sub.dispose();
        }
      },
    }));
  }
}
