import * as vscode from "vscode";
import { UserFacingError } from "../../core/errors";
import { branchExpiryFromArgs } from "../../core/lakebase/branchExpiry";
import { checkResourceId } from "../../core/lakebase/ids";
import { checkPgVersion, pgVersionChoices } from "../../core/lakebase/pgVersions";
import { projectLabel } from "../../core/lakebase/describe";
import { lastSegment } from "../../core/lakebase/resourceNames";
import type { BranchSpec } from "../../core/lakebase/specs";
import { registerCommand } from "../commands";
import type { Shell } from "../shell";
import { commandArgs, type CommandArgs } from "../commandArgs";
import { pickBranch, pickProject, profileOrPick } from "../target/pickers";
import type { ExplorerNode } from "../../core/explorer/model";
import { withOperation as withOp } from "./withOperation";

export interface ProvisioningHooks {
  /** Refresh the tree under a node (or all) after a change. */
  refresh(node?: ExplorerNode): void;
  /** Selects the resource's row, loading its ancestors; `expand` opens it too (a new project shows its branches). */
  reveal(profile: string, resourceName: string, opts?: { expand?: boolean }): Promise<void>;
}

/**
 * Create/delete projects and branches. Each command takes a tree node, an argument object
 * (so keybindings and other extensions can skip the prompts), or nothing (prompts).
 */
export function registerProvisioning(shell: Shell, hooks: ProvisioningHooks): void {
  const { context, log, services } = shell;
  const ask = async (prompt: string, kind: "project" | "branch", value?: string) => {
    const id = await vscode.window.showInputBox({ prompt, value, validateInput: (v) => checkResourceId(kind, v.trim()) });
    return id?.trim();
  };

  registerCommand(context, log.logger, "lakebase.project.create", async (arg: unknown) => {
    const a = commandArgs(arg);
    const args = a.args;
    const profile = await profileOrPick(a, services);
    if (!profile) return undefined;
    const projectId = a.string("projectId") ?? (await ask("Project id (lowercase letters, digits and dashes)", "project"));
    if (!projectId) return undefined;
    const problem = checkResourceId("project", projectId);
    if (problem) throw new UserFacingError(problem);
    const automated = a.string("projectId") !== undefined;
    const displayName = a.string("displayName") ?? (automated ? undefined : await vscode.window.showInputBox({ prompt: "Display name (optional)", value: projectId }));
    if (args.pgVersion !== undefined) {
      const bad = checkPgVersion(args.pgVersion);
      if (bad) throw new UserFacingError(bad);
    }
    const pgVersion = args.pgVersion !== undefined ? args.pgVersion as number
      : automated ? undefined : (await vscode.window.showQuickPick(pgVersionChoices(), { title: "PostgreSQL version" }))?.version;
    if (!automated && pgVersion === undefined) return undefined;
    const client = services.lakebase(profile);
    const project = await withOp(client, `Creating Lakebase project ${projectId}`, (signal) =>
      client.createProject(projectId, { spec: { display_name: displayName || undefined, pg_version: pgVersion } }, { signal }));
    hooks.refresh();
    await hooks.reveal(profile, project.name, { expand: true });
    const pg = project.status?.pg_version !== undefined ? ` (PostgreSQL ${project.status.pg_version})` : "";
    void vscode.window.showInformationMessage(`Lakebase: created project ${projectLabel(project)}${pg}, with its production branch and endpoint.`);
    return project;
  });

  registerCommand(context, log.logger, "lakebase.project.delete", async (arg: unknown) => {
    const a = commandArgs(arg);
    const args = a.args;
    const profile = await profileOrPick(a, services);
    if (!profile) return undefined;
    const name = a.project ?? (await pickProject(services, profile))?.name;
    if (!name) return undefined;
    const id = lastSegment(name);
    if (args.confirm !== false) {
      const typed = await vscode.window.showInputBox({
        title: `Delete Lakebase project ${id}`,
        prompt: `This deletes every branch, endpoint and database of ${id}. Type the project id to confirm.`,
        validateInput: (v) => (v === id ? undefined : `Type ${id} to confirm`),
      });
      if (typed !== id) return undefined;
    }
    const client = services.lakebase(profile);
    await withOp(client, `Deleting Lakebase project ${id}`, (signal) => client.deleteProject(name, { signal }));
    hooks.refresh();
    return { deleted: name };
  });

  registerCommand(context, log.logger, "lakebase.branch.create", async (arg: unknown) => {
    const a = commandArgs(arg);
    const profile = await profileOrPick(a, services);
    if (!profile) return undefined;
    // From a branch node: that branch is the parent. From a project node: pick the parent.
    let project = a.project;
    let source = a.branch("sourceBranch");
    if (source) project ??= source.split("/branches/")[0];
    project ??= (await pickProject(services, profile))?.name;
    if (!project) return undefined;
    source ??= (await pickBranch(services, profile, project, "Lakebase: branch from which parent?"))?.name;
    if (!source) return undefined;
    const automated = a.string("branchId") !== undefined;
    const branchId = a.string("branchId") ?? (await ask(`New branch of ${lastSegment(source)}: branch id`, "branch"));
    if (!branchId) return undefined;
    const problem = checkResourceId("branch", branchId);
    if (problem) throw new UserFacingError(problem);
    const spec = automated ? specFromArgs(source, a) : await askBranchSpec(source);
    if (!spec) return undefined;
    const client = services.lakebase(profile);
    const branch = await withOp(client, `Creating branch ${branchId} from ${lastSegment(source)}`, (signal) => client.createBranch(project!, branchId, spec, { signal }));
    hooks.refresh();
    await hooks.reveal(profile, branch.name);
    return branch;
  });

  registerCommand(context, log.logger, "lakebase.branch.delete", async (arg: unknown) => {
    const a = commandArgs(arg);
    const args = a.args;
    const profile = await profileOrPick(a, services);
    if (!profile) return undefined;
    let name = a.branch();
    if (!name) {
      const project = await pickProject(services, profile);
      if (!project) return undefined;
      name = (await pickBranch(services, profile, project.name, `Lakebase: delete which branch of ${projectLabel(project)}?`))?.name;
    }
    if (!name) return undefined;
    if (args.confirm !== false) {
      const ok = await vscode.window.showWarningMessage(`Delete branch ${lastSegment(name)}? Its endpoints and data go with it.`, { modal: true }, "Delete Branch");
      if (ok !== "Delete Branch") return undefined;
    }
    const client = services.lakebase(profile);
    // The API's own message (root or protected branch) reaches the user through the command wrapper.
    await withOp(client, `Deleting branch ${lastSegment(name)}`, (signal) => client.deleteBranch(name!, { signal }));
    hooks.refresh();
    return { deleted: name };
  });
}

function specFromArgs(source: string, a: CommandArgs): BranchSpec {
  const sourceTime = a.string("sourceTime");
  const base = { source_branch: source, ...(sourceTime ? { source_branch_time: sourceTime } : {}) };
  return { ...base, ...branchExpiryFromArgs({ ttlSeconds: a.args.ttlSeconds, expireTime: a.args.expireTime }) };
}

async function askBranchSpec(source: string): Promise<BranchSpec | undefined> {
  const when = await vscode.window.showQuickPick(
    [{ label: "Now", value: "now" }, { label: "At a point in time…", description: "source_branch_time (RFC 3339)", value: "time" }],
    { title: `Copy ${lastSegment(source)} as of` },
  );
  if (!when) return undefined;
  let sourceTime: string | undefined;
  if (when.value === "time") {
    sourceTime = await vscode.window.showInputBox({
      prompt: "Point in time (RFC 3339, within the project's history retention)",
      value: new Date(Date.now() - 3600_000).toISOString().replace(/\.\d+Z$/, "Z"),
      validateInput: (v) => (Number.isNaN(Date.parse(v)) ? "Enter a time like 2026-02-06T17:07:00Z" : undefined),
    });
    if (!sourceTime) return undefined;
  }
  const expiry = await vscode.window.showQuickPick(
    [
      { label: "No expiry", value: 0 },
      { label: "Expires in 1 hour", value: 3600 },
      { label: "Expires in 1 day", value: 86400 },
      { label: "Expires in 7 days", value: 604800 },
    ],
    { title: "Branch lifetime" },
  );
  if (!expiry) return undefined;
  const base = { source_branch: source, ...(sourceTime ? { source_branch_time: sourceTime } : {}) };
  return expiry.value ? { ...base, ttl: `${expiry.value}s` } : { ...base, no_expiry: true };
}
