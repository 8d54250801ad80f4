import * as vscode from "vscode";
import { UserFacingError } from "../../core/errors";
import { lastSegment } from "../../core/lakebase/resourceNames";
import { checkRoleIdentity as checkIdentity, oauthRoleSpec, type RoleIdentityType as IdentityType } from "../../core/lakebase/roleIdentity";
import { registerCommand } from "../commands";
import type { Shell } from "../shell";
import { commandArgs } from "../commandArgs";
import { pickBranch, pickProject, profileOrPick } from "../target/pickers";
import type { ProvisioningHooks } from "./provisioningCommands";
import { withOperation } from "./withOperation";

/**
 * `lakebase.role.create`: a Postgres role for a Databricks identity with OAuth login, the step
 * users otherwise do with `databricks postgres create-role`. Takes a branch / roles-folder node,
 * `{profile, branch, identityType, identity, superuser?}`, or prompts.
 */
export function registerRoleCommands(shell: Shell, hooks: ProvisioningHooks): void {
  const { context, log, services } = shell;
  registerCommand(context, log.logger, "lakebase.role.create", async (arg: unknown) => {
    const a = commandArgs(arg);
    const args = a.args;
    const profile = await profileOrPick(a, services);
    if (!profile) return undefined;
    let branch = a.branch("branch", { folders: true });
    if (!branch) {
      const project = await pickProject(services, profile);
      branch = project && (await pickBranch(services, profile, project.name, "Lakebase: add the role on which branch?"))?.name;
    }
    if (!branch) return undefined;

    let type = a.string("identityType") as IdentityType | undefined;
    if (!type) {
      const pick = await vscode.window.showQuickPick([
        { label: "$(person) A Databricks user", description: "logs in with their email", value: "USER" as const },
        { label: "$(robot) A service principal", description: "logs in with its application id (apps in production)", value: "SERVICE_PRINCIPAL" as const },
      ], { title: `New Postgres role on ${lastSegment(branch)}` });
      if (!pick) return undefined;
      type = pick.value;
    }
    const identity = a.string("identity") ?? await vscode.window.showInputBox({
      title: `New Postgres role on ${lastSegment(branch)}`,
      prompt: type === "USER" ? "The user's Databricks user name (email)" : "The service principal's application (client) id",
      validateInput: (v) => checkIdentity(type!, v.trim()),
    });
    if (!identity) return undefined;
    const problem = checkIdentity(type, identity.trim());
    if (problem) throw new UserFacingError(problem);
    const superuser = args.superuser === true;

    const client = services.lakebase(profile);
    const role = await withOperation(client, `Creating role ${identity} on ${lastSegment(branch)}`, (signal) =>
      client.createRole(branch, undefined, oauthRoleSpec(type, identity, superuser), { signal }));
    hooks.refresh();
    if (!isAutomation(args)) void vscode.window.showInformationMessage(`Lakebase: ${identity} can now log in to ${lastSegment(branch)} with a Lakebase credential.`);
    return role;
  });
}

function isAutomation(args: Record<string, unknown>): boolean {
  return typeof args.identity === "string";
}
