import { branchDbTarget } from "../branchConnection";
import type { LakebaseServices } from "../lakebaseServices";
import type { Catalog, CatalogDiff } from "./catalogTypes";
import { diffCatalogs } from "./diffCatalogs";
import { readCatalog, type ReadCatalogOptions } from "./readCatalog";
import type { DbTarget } from "../db/types";

/** Reads the catalog of one database through the shared pools (same credentials as queries). */
export async function readCatalogOf(services: LakebaseServices, db: DbTarget, opts?: ReadCatalogOptions, signal?: AbortSignal): Promise<Catalog> {
  const checkout = await services.pools.connect(db, signal);
  try {
    return await readCatalog(checkout.client, opts);
  } finally {
    checkout.client.release();
  }
}

export interface BranchSide {
  profile: string;
  /** `projects/p/branches/b`. */
  branch: string;
  /** Postgres database name; default `databricks_postgres`. */
  database?: string;
}

export interface BranchComparison {
  from: Catalog;
  to: Catalog;
  diff: CatalogDiff;
}

/** Schema diff of two branches (read in parallel): what turns `from` into `to`. */
export async function compareBranches(services: LakebaseServices, from: BranchSide, to: BranchSide, opts?: ReadCatalogOptions, signal?: AbortSignal): Promise<BranchComparison> {
  const read = async (side: BranchSide) => {
    const db = await branchDbTarget(services, { profileName: side.profile, branchName: side.branch, databaseName: "", postgresDatabase: side.database ?? "databricks_postgres" }, signal);
    return readCatalogOf(services, db, opts, signal);
  };
  const [a, b] = await Promise.all([read(from), read(to)]);
  return { from: a, to: b, diff: diffCatalogs(a, b) };
}
