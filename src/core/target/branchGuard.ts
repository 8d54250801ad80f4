import { describeError } from "../errors";
import type { LakebaseServices } from "../lakebaseServices";
import type { WorkspaceTarget } from "./targetStore";

export interface BranchGuard { isDefault: boolean; isProtected: boolean }

/**
 * Whether a target's branch is the default or protected, as the API says now (a stored target
 * may predate a change of either); the stored flags when the API cannot be asked.
 */
export async function branchGuard(services: LakebaseServices, t: WorkspaceTarget, signal?: AbortSignal): Promise<BranchGuard> {
  try {
    const b = await services.lakebase(t.profile).getBranch(t.branch, { signal });
    return { isDefault: b.status?.default === true, isProtected: b.status?.is_protected === true };
  } catch (err) {
    services.logger.warn(`Could not read branch ${t.branch} (${describeError(err)}); using what the target remembers.`);
    return { isDefault: t.isDefaultBranch === true, isProtected: t.isProtected === true };
  }
}
