import * as vscode from "vscode";
import { redactFor, type Logger } from "../core/log";
import { describeError, UserFacingError } from "../core/errors";
import { DatabricksApiError } from "../core/http/errors";
import { commandRan } from "./commandEvents";

export type CommandHandler = (...args: unknown[]) => unknown;

/**
 * What a failing command returns to a `vscode.commands.executeCommand` caller. A cancel
 * (Escape, a dismissed prompt) returns `undefined`; a failure returns this, so automation
 * can tell the two apart. Not a rejection: VS Code turns a rejected palette command into a
 * second, modal error on top of our toast.
 */
export interface CommandFailure {
  /** Always true; results of successful commands never carry it. */
  readonly failed: true;
  /** The command that failed, e.g. "lakebase.query.run". */
  readonly command: string;
  /** The message the toast showed, secrets masked. */
  readonly message: string;
  /** The error's own next steps, as offered in the toast. */
  readonly actions: ReadonlyArray<{ title: string; command: string }>;
}

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
        const result = await handler(...args);
        if (result !== undefined) commandRan({ id, args, result });
        return result;
      } catch (err) {
        if (err instanceof vscode.CancellationError) return undefined;
        if (err instanceof UserFacingError && err.severity === "info") log.info(`Command ${id}: ${describeError(err)}`);
        else log.error(`Command ${id} failed:`, err);
        // The same redaction as the log (every known secret, in every URL form, and token
        // shapes): a message is shown, and may be screenshotted.
        const message = redactFor(log, describeError(err));
        // The error's own next steps ("Select Target", …) come first, then the log.
        const actions = err instanceof UserFacingError ? err.actions.filter((a) => a.command !== "lakebase.log.show") : rejectedSignInActions(err);
        // A missing first step (no target yet) is information with its fix; the log has nothing to add.
        const info = err instanceof UserFacingError && err.severity === "info";
        const shown = info ? vscode.window.showInformationMessage(message, ...actions.map((a) => a.title))
          : vscode.window.showErrorMessage(message, ...actions.map((a) => a.title), "Show Log");
        void shown.then((choice) => {
          const action = actions.find((a) => a.title === choice);
          if (action) void vscode.commands.executeCommand(action.command, ...(action.args ?? []));
          else if (choice === "Show Log") void vscode.commands.executeCommand("lakebase.log.show");
        });
        const failure: CommandFailure = { failed: true, command: id, message, actions: actions.map((a) => ({ title: a.title, command: a.command })) };
        return failure;
      }
    }),
  );
}

/** A workspace that refused the profile's credentials (401): the fixes are signing in again or editing the token. */
function rejectedSignInActions(err: unknown): Array<{ title: string; command: string; args?: unknown[] }> {
  if (!(err instanceof DatabricksApiError) || err.status !== 401) return [];
  const args = err.profile ? [{ profile: err.profile }] : [];
  return [
    { title: "Sign In", command: "lakebase.profiles.login", args },
    { title: "Open Config", command: "lakebase.profiles.openConfig", args },
  ];
}
