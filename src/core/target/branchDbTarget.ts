import type { DbTarget } from "../db/types";
import type { DatabaseRef } from "../explorer/schemaReader";
import type { ProfileService } from "../profiles/profileService";
import { primaryEndpoint, type EndpointLookup } from "../lakebase/primaryEndpoint";
import { endpointHost } from "../lakebase/describe";

/** What a branch's DbTarget is built from: the branch's endpoints and the profile's identity. */
export interface BranchDbTargetDeps extends EndpointLookup {
  profiles: Pick<ProfileService, "identity">;
}

/** A DbTarget for a database on a branch, logging in as the profile's own identity. */
export async function branchDbTarget(deps: BranchDbTargetDeps, ref: DatabaseRef, signal?: AbortSignal): Promise<DbTarget> {
  const endpoint = await primaryEndpoint(deps, ref.profileName, ref.branchName, signal);
  const identity = await deps.profiles.identity(ref.profileName, { signal });
  return { profile: ref.profileName, endpoint: endpoint.name, host: endpointHost(endpoint)!, port: 5432, database: ref.postgresDatabase, user: identity.postgresUser };
}
