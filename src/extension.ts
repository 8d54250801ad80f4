import * as vscode from "vscode";
import type { LakebaseApi } from "./api";
import { LakebaseServices } from "./core/lakebaseServices";
import { createPublicApi } from "./ui/publicApi";
import { registerCommand } from "./ui/commands";
import { createExtensionLog } from "./ui/logging";
import { profileSettings, refreshBeforeExpiryMs, tlsSettings } from "./ui/settings";
import { registerTlsTrust } from "./ui/registerTlsTrust";
import { currentFolder, type Shell } from "./ui/shell";
import { UserFacingError } from "./core/errors";
import { registerProfiles } from "./ui/profiles/registerProfiles";
import { registerExplorer } from "./ui/explorer/registerExplorer";
import { registerTarget } from "./ui/target/registerTarget";
import { endSessionsOfRemovedFolders } from "./ui/target/targetLifetime";
import { registerMigrations } from "./ui/migrations/registerMigrations";
import { registerQueries } from "./ui/query/registerQueries";
import { registerCredentials } from "./ui/credentials/registerCredentials";
import { registerEnv } from "./ui/env/registerEnv";
import { registerSqlLanguage } from "./ui/sql/registerSqlLanguage";
import { createCredentialApi } from "./ui/credentials/credentialApi";
import { registerAgent } from "./ui/agent/registerAgent";
import { registerGitBranches } from "./ui/gitBranches/registerGitBranches";
import { registerSchemaDiff } from "./ui/schemaDiff/registerSchemaDiff";
import { registerWalkthrough } from "./ui/walkthrough/registerWalkthrough";

let shutdown: (() => Promise<void>) | undefined;

/** Composition root: build services, register features, nothing else. */
export async function activate(context: vscode.ExtensionContext): Promise<LakebaseApi> {
  const log = createExtensionLog();
  context.subscriptions.push(log.channel);
  log.logger.info(`Lakebase ${context.extension.packageJSON.version as string} activating`);

  const services = await LakebaseServices.create({
    profiles: profileSettings(),
    workspaceStore: context.workspaceState,
    logger: log.logger,
    secrets: log.secrets,
    refreshBeforeExpiryMs: refreshBeforeExpiryMs(),
    tls: tlsSettings(),
  });
  // Two lifetimes. Extension lifetime: `context.subscriptions` (what every register… function
  // pushes) and `services` (disposed in deactivate). Target lifetime: one TargetSession per folder
  // (`services.sessions`: its credential lease, pool and keep-fresh), ended when the folder's target
  // changes or is cleared (in the core) or the folder is removed (below).
  shutdown = () => services.dispose();

  const shell: Shell = {
    context,
    log,
    services,
    currentFolder,
    requireFolder: () => {
      const folder = currentFolder();
      if (!folder) throw new UserFacingError("Open a folder first: Lakebase targets, .env files and migrations belong to a workspace folder.");
      return folder;
    },
  };

  registerCommand(context, log.logger, "lakebase.log.show", () => log.channel.show(true));
  registerTlsTrust(shell);
  registerProfiles(shell);
  registerExplorer(shell);
  registerTarget(shell);
  context.subscriptions.push(endSessionsOfRemovedFolders(shell));
  registerMigrations(shell);
  const queries = registerQueries(shell);
  registerCredentials(shell);
  registerEnv(shell);
  registerAgent(shell);
  registerSqlLanguage(shell, queries);
  registerGitBranches(shell);
  registerSchemaDiff(shell);
  registerWalkthrough(shell, queries);

  return createPublicApi(shell, { runQuery: queries.runQuery, ...createCredentialApi(shell) });
}

export async function deactivate(): Promise<void> {
  // Pools and timers outlive context.subscriptions' synchronous dispose: close them properly.
  await shutdown?.();
  shutdown = undefined;
}
