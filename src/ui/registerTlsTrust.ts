import * as vscode from "vscode";
import { describeError } from "../core/errors";
import { EXTRA_CA_SETTING } from "../core/tlsTrust";
import { tlsSettings } from "./settings";
import type { Shell } from "./shell";

/**
 * Keeps the core's certificate trust in step with `lakebase.extraCaFile`: a change applies to
 * the next connection, and a file that cannot be used is reported at once, not at the first
 * failing request.
 */
export function registerTlsTrust(shell: Shell): void {
  const { services, log } = shell;
  const check = () => {
    const file = services.tls.file;
    if (!file) return;
    try {
      services.tls.ca();
      log.logger.info(`Trusting the extra CA file ${file} (${EXTRA_CA_SETTING})`);
    } catch (err) {
      const message = describeError(err);
      log.logger.warn(message);
      void vscode.window.showWarningMessage(message, "Open Settings").then((choice) => {
        if (choice) void vscode.commands.executeCommand("workbench.action.openSettings", EXTRA_CA_SETTING);
      });
    }
  };
  check();
  shell.context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration(EXTRA_CA_SETTING)) return;
    services.tls.setExtraCaFile(tlsSettings().extraCaFile);
    check();
  }));
}
