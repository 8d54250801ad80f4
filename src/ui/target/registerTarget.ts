import * as vscode from "vscode";
import { buildTarget, DEFAULT_DATABASE } from "../../core/target/buildTarget";
import type { WorkspaceTarget } from "../../core/target/targetStore";
import { buildDisplayUrl, psqlCommand, type ConnectionTarget } from "../../core/migrations/databaseUrl";
import { UserFacingError } from "../../core/errors";
import { registerCommand } from "../commands";
import { folderKey, matchWorkspaceFolder, type Shell } from "../shell";
import { commandArgs, type CommandArgs } from "../commandArgs";
import { pickBranch, pickDatabase, pickEndpoint, pickProject, profileOrPick } from "./pickers";
import { primaryEndpoint } from "../../core/lakebase/primaryEndpoint";

/**
 * `lakebase.target.select` ("Use for This Workspace"): remembers profile + endpoint +
 * database per workspace folder. Accepts an endpoint/branch/database node, an object
 * `{profile, endpoint, database?, folder?}`, or nothing (pickers).
 */
export function registerTarget(shell: Shell): void {
  const { context, log, services } = shell;

  registerCommand(context, log.logger, "lakebase.target.select", async (arg: unknown) => {
    const a = commandArgs(arg);
    const folder = folderFromArg(a) ?? shell.requireFolder();
    const chosen = await chooseTarget(shell, a);
    if (!chosen) return undefined;
    const target = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: "Lakebase: reading endpoint" },
      () => buildTarget(services.lakebase(chosen.profile), chosen.profile, chosen.endpoint, chosen.database),
    );
    await services.targets.set(folderKey(folder), target);
    log.logger.info(`Target for ${folder.name}: ${target.endpoint} / ${target.database} (profile ${target.profile})`);
    if (!isAutomation(a)) void vscode.window.showInformationMessage(`Lakebase: ${folder.name} now uses ${target.projectLabel ?? target.project} / ${target.branchLabel ?? target.branch} (${target.database}).`);
    return target;
  });

  registerCommand(context, log.logger, "lakebase.target.clear", async (arg: unknown) => {
    const folder = folderFromArg(commandArgs(arg)) ?? shell.requireFolder();
    await services.targets.set(folderKey(folder), undefined);
  });

  registerCommand(context, log.logger, "lakebase.target.show", () => {
    const folder = shell.currentFolder();
    return folder ? services.targets.get(folderKey(folder)) : undefined;
  });

  // Copy helpers: values come from the target (or the endpoint node), never a password.
  const copy = async (arg: unknown, what: (t: WorkspaceTarget, c: ConnectionTarget) => string, label: string) => {
    const target = await targetFromArg(shell, commandArgs(arg));
    const { connection } = await services.resolveTarget(target);
    const text = what(target, connection);
    await vscode.env.clipboard.writeText(text);
    void vscode.window.setStatusBarMessage(`Lakebase: copied ${label}`, 3000);
    return text;
  };
  registerCommand(context, log.logger, "lakebase.copy.host", (a: unknown) => copy(a, (t) => t.host, "host"));
  registerCommand(context, log.logger, "lakebase.copy.endpointName", (a: unknown) => copy(a, (t) => t.endpoint, "endpoint name"));
  registerCommand(context, log.logger, "lakebase.copy.url", (a: unknown) => copy(a, (_t, c) => buildDisplayUrl(c), "connection URL (no password)"));
  registerCommand(context, log.logger, "lakebase.copy.psql", (a: unknown) => copy(a, (_t, c) =>
    psqlCommand(c), "psql command"));
}

function isAutomation(a: CommandArgs): boolean {
  return "endpoint" in a.args;
}

function folderFromArg(a: CommandArgs): vscode.WorkspaceFolder | undefined {
  const f = a.string("folder");
  return f ? matchWorkspaceFolder(f) : undefined;
}

async function chooseTarget(shell: Shell, a: CommandArgs): Promise<{ profile: string; endpoint: string; database: string } | undefined> {
  const { services } = shell;
  if (a.node) {
    const profile = a.profile;
    const data = a.node.data;
    if (!profile || !data) throw new UserFacingError("Use for This Workspace works on an endpoint, branch or database node.");
    if (data.kind === "endpoint") return { profile, endpoint: data.endpoint.name, database: DEFAULT_DATABASE };
    if (data.kind === "branch") return { profile, endpoint: (await primaryEndpoint(services, profile, data.branch.name)).name, database: DEFAULT_DATABASE };
    if (data.kind === "database") {
      return { profile, endpoint: (await primaryEndpoint(services, profile, data.ref.branchName)).name, database: data.ref.postgresDatabase };
    }
    throw new UserFacingError("Use for This Workspace works on an endpoint, branch or database node.");
  }
  const endpoint = a.string("endpoint");
  if (endpoint) {
    const profile = a.profile ?? services.profiles.defaultProfileName();
    if (!profile) throw new UserFacingError("Say which profile to use: { profile, endpoint }.");
    return { profile, endpoint, database: a.string("database") ?? DEFAULT_DATABASE };
  }
  const profile = await profileOrPick(a, services);
  if (!profile) return undefined;
  const project = await pickProject(services, profile);
  if (!project) return undefined;
  const branch = await pickBranch(services, profile, project.name);
  if (!branch) return undefined;
  const ep = await pickEndpoint(services, profile, branch.name);
  if (!ep) return undefined;
  const database = await pickDatabase(services, profile, branch.name);
  if (!database) return undefined;
  return { profile, endpoint: ep.name, database };
}

/** The target a copy command acts on: an endpoint node's, or the folder's selected target. */
async function targetFromArg(shell: Shell, a: CommandArgs): Promise<WorkspaceTarget> {
  const data = a.node?.data;
  if (data?.kind === "endpoint") {
    return buildTarget(shell.services.lakebase(data.profileName), data.profileName, data.endpoint.name);
  }
  // Any other row must not silently fall back to the folder's target: that copies another branch's value.
  if (a.node) throw new UserFacingError(`Copy works on an endpoint row, not on "${a.node.label}": expand the branch's Endpoints folder and use its endpoint.`);
  const folder = shell.requireFolder();
  const target = shell.services.targets.get(folderKey(folder));
  if (!target) return (await shell.services.resolve(folderKey(folder))).target; // throws the actionable error
  return target;
}
