/**
 * After a Lakebase command succeeded, whoever cares hears which one and what it returned (the
 * walkthrough checks its steps off by what really happened, however the command was run: a
 * button, the palette, a CodeLens, a keybinding or automation). Failures and cancels are not told.
 */
import * as vscode from "vscode";

export interface CommandRan {
  id: string;
  args: readonly unknown[];
  result: unknown;
}

const ran = new vscode.EventEmitter<CommandRan>();
export const onDidRunCommand: vscode.Event<CommandRan> = ran.event;

export function commandRan(event: CommandRan): void {
  ran.fire(event);
}
