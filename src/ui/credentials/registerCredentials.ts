import type { CredentialKey } from "../../core/credentials/types";
import { registerCommand } from "../commands";
import type { Shell } from "../shell";
import { copyPassword, refreshNow, showCredentialActions } from "./credentialActions";
import { CredentialStatusBar } from "./credentialStatusBar";

/** The credential status bar item and its commands. */
export function registerCredentials(shell: Shell): CredentialStatusBar {
  const { context, log } = shell;
  const bar = new CredentialStatusBar(shell);
  context.subscriptions.push(bar);

  registerCommand(context, log.logger, "lakebase.credentials.showActions", () => showCredentialActions(shell, bar));
  registerCommand(context, log.logger, "lakebase.credentials.refresh", () => refreshNow(shell, bar));
  registerCommand(context, log.logger, "lakebase.credentials.copyPassword", () => copyPassword(shell, bar));
  // Test hook (hidden from the palette): what the item shows right now. Never holds a token.
  registerCommand(context, log.logger, "lakebase.credentials.statusSnapshot", (arg: unknown) => bar.snapshot(asKey(arg)));
  return bar;
}

function asKey(arg: unknown): CredentialKey | undefined {
  const a = arg as Partial<CredentialKey> | undefined;
  return a && typeof a.profile === "string" && typeof a.endpoint === "string" && typeof a.identity === "string"
    ? { profile: a.profile, endpoint: a.endpoint, identity: a.identity }
    : undefined;
}
