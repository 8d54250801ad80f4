import * as vscode from "vscode";
import { redactPatterns, type Logger } from "../core/log";
import { describeError, UserFacingError } from "../core/errors";

export type CommandHandler = (...args: unknown[]) => unknown;

/**
 * The one way commands are registered: failures are logged and shown with a
 * "Show Log" action instead of VS Code's anonymous "command failed" toast.
 * The handler's return value is passed through so automation can use it.
 */
export function registerCommand(
  context: vscode.ExtensionContext,
  log: Logger,
  id: string,
  handler: CommandHandler,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler(...args);
      } catch (err) {
        if (err instanceof vscode.CancellationError) return undefined;
        log.error(`Command ${id} failed:`, err);
        // The same token-shaped redaction as the log: a message is shown, and may be screenshotted.
        const message = redactPatterns(describeError(err));
        // The error's own next steps ("Select Target", …) come first, then the log.
        const actions = err instanceof UserFacingError ? err.actions.filter((a) => a.command !== "lakebase.log.show") : [];
        void vscode.window.showErrorMessage(message, ...actions.map((a) => a.title), "Show Log").then((choice) => {
          const action = actions.find((a) => a.title === choice);
          if (action) void vscode.commands.executeCommand(action.command, ...(action.args ?? []));
          else if (choice === "Show Log") void vscode.commands.executeCommand("lakebase.log.show");
        });
        // Not rethrown: VS Code would show a second, less helpful toast.
        // Automation that needs the error uses the public API, which throws.
        return undefined;
      }
    }),
  );
}
