import { UserFacingError } from "../errors";
import type { LakebaseClient } from "../lakebase/client";
import type { AgentPolicy } from "./toolDefinition";

/**
 * Tools that change data never write to a default or protected branch (production, usually)
 * unless the user's settings say so. Read from the API, not from remembered labels.
 */
export async function ensureWritableBranch(client: LakebaseClient, branch: string, policy: AgentPolicy, signal?: AbortSignal): Promise<void> {
  if (policy.allowProtectedBranches) return;
  const b = await client.getBranch(branch, { signal });
  const reasons = [b.status?.default ? "the project's default branch" : "", b.status?.is_protected ? "protected" : ""].filter(Boolean);
  if (reasons.length) {
    throw new UserFacingError(
      `Refused: ${branch} is ${reasons.join(" and ")}; agent tools do not write there. Create a throwaway branch with lakebase_create_branch and run the change on it. (The user can allow this with the setting lakebase.agent.allowProtectedBranches.)`,
    );
  }
}
