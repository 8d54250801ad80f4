import { readFile } from "node:fs/promises";
import path from "node:path";
import * as vscode from "vscode";
import { inKeysOf, readAppKitEnv, resolveAppKitProfile, type AppKitEnv } from "../../core/envfile/appKitEnv";
import { UserFacingError } from "../../core/errors";
import { DEFAULT_DATABASE } from "../../core/target/buildTarget";
import type { WorkspaceTarget } from "../../core/target/targetStore";
import { registerCommand } from "../commands";
import { folderKey, type Shell } from "../shell";
import { commandArgs } from "../commandArgs";

const USE_IT = "Use It";

async function appKitEnvOf(folder: vscode.WorkspaceFolder): Promise<AppKitEnv | undefined> {
  let text: string;
  try { text = await readFile(path.join(folder.uri.fsPath, ".env"), "utf8"); } catch { return undefined; }
  return readAppKitEnv(text);
}

/**
 * `lakebase.target.adoptFromEnv`: a folder made by `databricks apps init` already says which profile,
 * endpoint and database the app uses (its .env); after one confirmation that becomes the folder's
 * target. Offered by itself once per session for each folder that has such a file and no target.
 * `{ confirm: false }` skips the question (automation).
 */
export function registerAppKitAdoption(shell: Shell): void {
  const { context, log, services } = shell;

  const adopt = async (folder: vscode.WorkspaceFolder, confirm: boolean): Promise<WorkspaceTarget | undefined> => {
    const env = await appKitEnvOf(folder);
    if (!env) throw new UserFacingError(`${folder.name} has no .env from \`databricks apps init\` (one with LAKEBASE_ENDPOINT).`);
    const resolved = resolveAppKitProfile(env, services.profiles.list());
    if (resolved.error !== undefined) throw new UserFacingError(resolved.error);
    const database = env.database ?? DEFAULT_DATABASE;
    if (confirm) {
      const answer = await vscode.window.showInformationMessage(
        `Lakebase: ${folder.name}'s .env (databricks apps init) uses profile ${resolved.profile}, endpoint ${env.endpointName}, database ${database}. Use it as this folder's target?`,
        USE_IT, "Not Now");
      if (answer !== USE_IT) return undefined;
    }
    const target = await vscode.commands.executeCommand<WorkspaceTarget | undefined>("lakebase.target.select", { profile: resolved.profile, endpoint: env.endpointName, database });
    // The keys the .env writer should keep for this project (DATABRICKS_CONFIG_PROFILE over a host).
    log.logger.info(`Adopted ${folder.name}'s .env target; it names its workspace by ${Object.keys(inKeysOf(env, resolved.profile, { DATABRICKS_HOST: "" }))[0]}`);
    return target;
  };

  registerCommand(context, log.logger, "lakebase.target.adoptFromEnv", (arg: unknown) =>
    adopt(shell.requireFolder(), commandArgs(arg).args.confirm !== false));

  // Offer, do not impose: only folders with such a file and no target, never more than once per session.
  const offer = async () => {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (services.targets.get(folderKey(folder))) continue;
      const env = await appKitEnvOf(folder).catch(() => undefined);
      if (env) await adopt(folder, true).catch((err: unknown) => log.logger.warn(`Not adopting ${folder.name}'s .env: ${err instanceof Error ? err.message : String(err)}`));
    }
  };
  void offer();
}
