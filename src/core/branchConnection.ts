import type { LakebaseServices } from "./lakebaseServices";
import type { DbTarget } from "./db/types";
import { UserFacingError } from "./errors";
import { endpointHost, endpointLabel } from "./lakebase/describe";
import type { Endpoint } from "./lakebase/types";
import type { Queryable } from "./explorer/pgSchemaReader";
import type { DatabaseRef } from "./explorer/schemaReader";

/** The endpoint a tool should use on a branch: its read-write one (one per branch), else the first. */
export async function primaryEndpoint(services: LakebaseServices, profile: string, branchName: string, signal?: AbortSignal): Promise<Endpoint> {
  const endpoints: Endpoint[] = [];
  for await (const e of services.lakebase(profile).listEndpoints(branchName, { signal })) endpoints.push(e);
  const rw = endpoints.find((e) => e.status?.endpoint_type === "ENDPOINT_TYPE_READ_WRITE") ?? endpoints[0];
  if (!rw) throw new UserFacingError(`Branch ${branchName} has no endpoint to connect to. Create one (a read-write endpoint) first.`);
  if (!endpointHost(rw)) throw new UserFacingError(`Endpoint ${endpointLabel(rw)} has no host yet (state ${rw.status?.current_state ?? "unknown"}). Try again when it is ready.`);
  return rw;
}

/** A DbTarget for a database on a branch, logging in as the profile's own identity. */
export async function branchDbTarget(services: LakebaseServices, ref: DatabaseRef, signal?: AbortSignal): Promise<DbTarget> {
  const endpoint = await primaryEndpoint(services, ref.profileName, ref.branchName, signal);
  const identity = await services.profiles.identity(ref.profileName, { signal });
  return { profile: ref.profileName, endpoint: endpoint.name, host: endpointHost(endpoint)!, port: 5432, database: ref.postgresDatabase, user: identity.postgresUser };
}

/**
 * Catalog reads for the explorer go through the shared pool registry, so they use
 * the same refreshed credentials and pools as queries.
 */
export function explorerQueryable(services: LakebaseServices) {
  const targets = new Map<string, Promise<DbTarget>>();
  return async (ref: DatabaseRef): Promise<Queryable> => {
    const key = `${ref.profileName}\u0000${ref.branchName}\u0000${ref.postgresDatabase}`;
    let target = targets.get(key);
    if (!target) {
      target = branchDbTarget(services, ref);
      targets.set(key, target);
      target.catch(() => targets.delete(key));
    }
    const db = await target;
    return {
      query: async (text, values) => {
        // An endpoint deleted and re-created gets a new host: forget this one if it fails.
        const checkout = await services.pools.connect(db).catch((err: unknown) => { targets.delete(key); throw err; });
        try {
          const res = await checkout.client.query(text, values);
          return { rows: res.rows };
        } finally {
          checkout.client.release();
        }
      },
    };
  };
}
