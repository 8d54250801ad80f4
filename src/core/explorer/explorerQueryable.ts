import type { PoolRegistry } from "../db/poolRegistry";
import type { DbTarget } from "../db/types";
import { branchDbTarget, type BranchDbTargetDeps } from "../target/branchDbTarget";
import type { Queryable } from "./pgSchemaReader";
import type { DatabaseRef } from "./schemaReader";

/**
 * Catalog reads for the explorer go through the shared pool registry, so they use
 * the same refreshed credentials and pools as queries.
 */
export function explorerQueryable(deps: BranchDbTargetDeps & { pools: Pick<PoolRegistry, "connect"> }) {
  const targets = new Map<string, Promise<DbTarget>>();
  return async (ref: DatabaseRef): Promise<Queryable> => {
    const key = `${ref.profileName}\u0000${ref.branchName}\u0000${ref.postgresDatabase}`;
    let target = targets.get(key);
    if (!target) {
      target = branchDbTarget(deps, ref);
      targets.set(key, target);
      target.catch(() => targets.delete(key));
    }
    const db = await target;
    return {
      query: async (text, values) => {
        // An endpoint deleted and re-created gets a new host: forget this one if it fails.
        const checkout = await deps.pools.connect(db).catch((err: unknown) => { targets.delete(key); throw err; });
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
