import type { LakebaseClient } from "../lakebase/client";
import { branchLabel, endpointHost, endpointLabel, isDefaultBranch, projectLabel } from "../lakebase/describe";
import { parseResourceName } from "../lakebase/resourceNames";
import { UserFacingError } from "../errors";
import type { WorkspaceTarget } from "./targetStore";

export const DEFAULT_DATABASE = "databricks_postgres";

/**
 * Reads the endpoint, its branch and project from the API and returns the target to store.
 * Everything comes from the API: names are never assembled from display text.
 */
export async function buildTarget(client: LakebaseClient, profile: string, endpointName: string, database = DEFAULT_DATABASE, signal?: AbortSignal): Promise<WorkspaceTarget> {
  const parts = parseResourceName(endpointName);
  if (!parts.endpoint || !parts.branch) {
    throw new UserFacingError(`"${endpointName}" is not an endpoint resource name (projects/<p>/branches/<b>/endpoints/<e>).`);
  }
  const endpoint = await client.getEndpoint(endpointName, { signal });
  const host = endpointHost(endpoint);
  if (!host) throw new UserFacingError(`Endpoint ${endpointLabel(endpoint)} has no host yet (state ${endpoint.status?.current_state ?? "unknown"}). Try again when it is ready.`);
  const branchName = endpoint.parent ?? endpointName.split("/endpoints/")[0]!;
  const projectName = branchName.split("/branches/")[0]!;
  const [branch, project] = await Promise.all([client.getBranch(branchName, { signal }), client.getProject(projectName, { signal })]);
  return {
    profile,
    project: project.name,
    branch: branch.name,
    endpoint: endpoint.name,
    database,
    host,
    projectLabel: projectLabel(project),
    branchLabel: branchLabel(branch),
    isDefaultBranch: isDefaultBranch(branch),
    ...(branch.status?.is_protected === true ? { isProtected: true } : {}),
  };
}
