import { registerCommand } from "../commands";
import type { Shell } from "../shell";
import { registerAppKitAdoption } from "./adoptAppKitEnv";
import { registerEnvDiagnostics } from "./envDiagnostics";
import { EnvFileMemory } from "./envFileMemory";
import { envWriteCommand } from "./envWriteCommand";
import { KeepFreshController } from "./keepFreshController";

/** `lakebase.env.write` and keep-fresh for dev env files. */
export function registerEnv(shell: Shell): KeepFreshController {
  const { context, log } = shell;
  const memory = new EnvFileMemory(context.workspaceState);
  const keepFresh = new KeepFreshController(shell, memory);
  context.subscriptions.push(memory, keepFresh);
  registerCommand(context, log.logger, "lakebase.env.write", (arg: unknown) => envWriteCommand(shell, memory, arg));
  registerAppKitAdoption(shell);
  registerEnvDiagnostics(shell);
  return keepFresh;
}
