import { branchDbTarget, type BranchDbTargetDeps } from "../target/branchDbTarget";
import type { LakebaseClient } from "../lakebase/client";
import type { Catalog, CatalogDiff } from "./catalogTypes";
import { diffCatalogs } from "./diffCatalogs";
import { readCatalog, type ReadCatalogOptions } from "./readCatalog";
import type { DbTarget } from "../db/types";
import { UserFacingError } from "../errors";
import type { Queryable } from "../explorer/pgSchemaReader";

/** What reading a catalog needs: a pooled connection to the database (the pool registry). */
export interface CatalogPools {
  pools: { connect(db: DbTarget, signal?: AbortSignal): Promise<{ client: Queryable & { release(): void } }> };
}

/** Reads the catalog of one database through the shared pools (same credentials as queries). */
export async function readCatalogOf(deps: CatalogPools, db: DbTarget, opts?: ReadCatalogOptions, signal?: AbortSignal): Promise<Catalog> {
  const checkout = await deps.pools.connect(db, signal);
  try {
    return await readCatalog(checkout.client, opts);
  } finally {
    checkout.client.release();
  }
}

/** What comparing branches uses: each branch's endpoint and login, the pools to read catalogs through. */
export type CompareDeps = BranchDbTargetDeps & CatalogPools;
/** A point-in-time comparison also creates the snapshot branch. */
export type PointInTimeCompareDeps = Omit<CompareDeps, "lakebase"> & { lakebase(profile: string): Pick<LakebaseClient, "createBranchAndWait" | "listEndpoints"> };

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
export async function compareBranches(services: CompareDeps, from: BranchSide, to: BranchSide, opts?: ReadCatalogOptions, signal?: AbortSignal): Promise<BranchComparison> {
  const read = async (side: BranchSide) => {
    const db = await branchDbTarget(services, { profileName: side.profile, branchName: side.branch, databaseName: "", postgresDatabase: side.database ?? "databricks_postgres" }, signal);
    return readCatalogOf(services, db, opts, signal);
  };
  const [a, b] = await Promise.all([read(from), read(to)]);
  return { from: a, to: b, diff: diffCatalogs(a, b) };
}

/**
 * `to` against `from` as it was at `time`: a throwaway branch of `from` at that moment (it
 * expires after `ttlSeconds`, default one hour) is what gets compared.
 */
export async function compareWithPointInTime(services: PointInTimeCompareDeps, from: BranchSide, time: string, to: BranchSide, opts?: ReadCatalogOptions & { ttlSeconds?: number }, signal?: AbortSignal): Promise<BranchComparison & { snapshotBranch: string }> {
  const when = new Date(time);
  if (Number.isNaN(when.getTime())) throw new UserFacingError(`"${time}" is not a time; use ISO 8601 such as 2026-12-01T09:30:00Z.`);
  if (when.getTime() > Date.now()) throw new UserFacingError(`${time} is in the future; pick a moment in the past.`);
  const project = from.branch.split("/branches/")[0]!;
  const id = `asof-${when.toISOString().replace(/[-:.TZ]/g, "").slice(0, 14)}-${Math.random().toString(36).slice(2, 6)}`;
  const snapshot = await services.lakebase(from.profile).createBranchAndWait(project, id, {
    source_branch: from.branch, source_branch_time: when.toISOString(), ttl: `${opts?.ttlSeconds ?? 3600}s`,
  }, { signal });
  const cmp = await compareBranches(services, { ...from, branch: snapshot.name }, to, opts, signal);
  return { ...cmp, snapshotBranch: snapshot.name };
}
