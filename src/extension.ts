import * as vscode from "vscode";
import type { LakebaseApi } from "./api";
import { createExtensionLog } from "./ui/logging";
import { registerCommand } from "./ui/commands";

/** Composition root: build services, register features, nothing else. */
export function activate(context: vscode.ExtensionContext): LakebaseApi {
  const log = createExtensionLog();
  context.subscriptions.push(log.channel);
  log.logger.info(`Lakebase ${context.extension.packageJSON.version as string} activating`);

  registerCommand(context, log.logger, "lakebase.log.show", () => log.channel.show(true));

  return { apiVersion: 1 };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
