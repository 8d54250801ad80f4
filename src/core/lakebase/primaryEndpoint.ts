import { UserFacingError } from "../errors";
import { endpointHost, endpointLabel } from "./describe";
import type { LakebaseClient } from "./client";
import type { Endpoint } from "./types";

/** The one collaborator primaryEndpoint needs: a profile's client, to list a branch's endpoints. */
export interface EndpointLookup {
  lakebase(profile: string): Pick<LakebaseClient, "listEndpoints">;
}

/** The endpoint a tool should use on a branch: its read-write one (one per branch), else the first. */
export async function primaryEndpoint(deps: EndpointLookup, profile: string, branchName: string, signal?: AbortSignal): Promise<Endpoint> {
  const endpoints: Endpoint[] = [];
  for await (const e of deps.lakebase(profile).listEndpoints(branchName, { signal })) endpoints.push(e);
  const rw = endpoints.find((e) => e.status?.endpoint_type === "ENDPOINT_TYPE_READ_WRITE") ?? endpoints[0];
  if (!rw) throw new UserFacingError(`Branch ${branchName} has no endpoint to connect to. Create one (a read-write endpoint) first.`);
  if (!endpointHost(rw)) throw new UserFacingError(`Endpoint ${endpointLabel(rw)} has no host yet (state ${rw.status?.current_state ?? "unknown"}). Try again when it is ready.`);
  return rw;
}
