/**
 * Where a tool call runs: the folder's target, or another branch of the same project
 * (e.g. the throwaway branch a previous call created), reached through its primary endpoint.
 */
import { primaryEndpoint } from "../lakebase/primaryEndpoint";
import { UserFacingError } from "../errors";
import { endpointHost } from "../lakebase/describe";
import { lastSegment } from "../lakebase/resourceNames";
import type { ResolvedTarget } from "../lakebaseServices";
import type { WorkspaceTarget } from "../target/targetStore";
import type { AgentContext } from "./toolDefinition";

const BRANCH_NAME = /^projects\/[^/\s]+\/branches\/[^/\s]+$/;
const BRANCH_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function requireTarget(ctx: AgentContext): WorkspaceTarget {
  const target = ctx.target();
  if (!target) throw new UserFacingError(`No Lakebase target is selected for this folder. ${ctx.selectTargetHint}`);
  return target;
}

/** The full branch name for `branch` (a resource name, or a branch id in the target's project). */
export function branchName(ctx: AgentContext, branch: string): string {
  if (BRANCH_NAME.test(branch)) return branch;
  if (BRANCH_ID.test(branch)) return `${requireTarget(ctx).project}/branches/${branch}`;
  throw new UserFacingError(`"${branch}" is not a branch: pass a branch id (e.g. "dev") or its resource name "projects/<project>/branches/<branch>".`);
}

/** The target for a call: the folder's, or the same database on another branch. */
export async function targetFor(ctx: AgentContext, branch?: string): Promise<ResolvedTarget> {
  const base = ctx.target();
  if (!branch) return ctx.services.resolveTarget(requireTarget(ctx), ctx.signal);
  const name = branchName(ctx, branch);
  if (base && base.branch === name) return ctx.services.resolveTarget(base, ctx.signal);
  const profile = base?.profile ?? ctx.services.profiles.defaultProfileName();
  if (!profile) throw new UserFacingError(`No profile to reach ${name} with. ${ctx.selectTargetHint}`);
  const endpoint = await primaryEndpoint(ctx.services, profile, name, ctx.signal);
  const project = name.split("/branches/")[0];
  return ctx.services.resolveTarget({
    profile,
    project,
    branch: name,
    endpoint: endpoint.name,
    database: base?.database ?? "databricks_postgres",
    host: endpointHost(endpoint)!,
    branchLabel: lastSegment(name),
  }, ctx.signal);
}
