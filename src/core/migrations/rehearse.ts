import type { ResolvedTarget } from "../lakebaseServices";
import type { LakebaseClient } from "../lakebase/client";
import type { WorkspaceTarget } from "../target/targetStore";
import { primaryEndpoint } from "../lakebase/primaryEndpoint";
import { endpointHost } from "../lakebase/describe";
import { lastSegment } from "../lakebase/resourceNames";
import type { DbTarget } from "../db/types";
import type { CatalogDiff } from "../schema/catalogTypes";
import { readCatalogOf, type CatalogPools } from "../schema/compareBranches";
import { describeChanges, diffCatalogs, isEmptyCatalogDiff } from "../schema/diffCatalogs";
import { runMigration, type MigrationDeps } from "./migrationService";

export interface RehearsalResult {
  exitCode: number;
  output: string;
  /** The throwaway branch (resource name); it expires by itself after `ttlSeconds`. */
  branch: string;
  /** Target for the throwaway branch, e.g. to switch the workspace to it. */
  branchTarget: ResolvedTarget;
  /** The same diff as "Compare Branch Schemas": every kind of object, with its DDL. */
  diff: CatalogDiff;
  summary: string[];
  /** The parent's schema, read again after the rehearsal, is what it was before. */
  parentUnchanged: boolean;
}

export interface RehearseOptions {
  configPath: string;
  target: ResolvedTarget;
  ttlSeconds?: number;
  branchId?: string;
  onOutput?: (text: string) => void;
  onStep?: (step: string) => void;
  signal?: AbortSignal;
  preloadScript?: string;
  /** drizzle-kit's overall limit in ms (0/undefined: none). */
  timeoutMs?: number;
}

/** The collaborators a rehearsal uses: the branch API, target resolution, the pools, and drizzle-kit's. */
export interface RehearsalDeps extends MigrationDeps {
  lakebase(profile: string): Pick<LakebaseClient, "createBranchAndWait" | "listEndpoints">;
  resolveTarget(target: WorkspaceTarget, signal?: AbortSignal): Promise<ResolvedTarget>;
  pools: CatalogPools["pools"] & { close(db: DbTarget): Promise<void> };
}

const snapshot = (services: RehearsalDeps, db: DbTarget) => readCatalogOf(services, db);

/**
 * Applies the migrations to a copy of the target branch (a new branch with a TTL),
 * and reports what they changed. The parent branch is only read.
 */
export async function rehearseMigrations(services: RehearsalDeps, opts: RehearseOptions): Promise<RehearsalResult> {
  const { target, signal } = opts;
  const step = opts.onStep ?? (() => undefined);
  const client = services.lakebase(target.target.profile);
  step("Reading the current schema");
  const before = await snapshot(services, target.db);

  const branchId = opts.branchId ?? `rehearse-${new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14)}`;
  step(`Creating branch ${branchId} from ${lastSegment(target.target.branch)}`);
  const branch = await client.createBranchAndWait(target.target.project, branchId, {
    source_branch: target.target.branch,
    ttl: `${opts.ttlSeconds ?? 3600}s`,
  }, { signal });

  const endpoint = await primaryEndpoint(services, target.target.profile, branch.name, signal);
  const branchTarget = await services.resolveTarget({
    ...target.target,
    branch: branch.name,
    endpoint: endpoint.name,
    host: endpointHost(endpoint)!,
    branchLabel: branchId,
    isDefaultBranch: false,
  }, signal);

  let result: Awaited<ReturnType<typeof runMigration>>;
  let after: Awaited<ReturnType<typeof snapshot>>;
  let parentAfter: Awaited<ReturnType<typeof snapshot>>;
  try {
    step(`Applying migrations to ${branchId}`);
    result = await runMigration(services, {
      configPath: opts.configPath, command: "migrate", target: branchTarget, onOutput: opts.onOutput, signal, preloadScript: opts.preloadScript,
      timeoutMs: opts.timeoutMs,
    });

    step("Comparing schemas");
    after = await snapshot(services, branchTarget.db);
    parentAfter = await snapshot(services, target.db);
  } finally {
    // The rehearsal branch's pool is needed no more, also after a failure: its credential lease
    // would otherwise keep minting tokens for a branch that expires.
    await services.pools.close(branchTarget.db);
  }
  const diff = diffCatalogs(before, after);
  return {
    exitCode: result.exitCode,
    output: result.output,
    branch: branch.name,
    branchTarget,
    diff,
    summary: describeChanges(diff),
    parentUnchanged: isEmptyCatalogDiff(diffCatalogs(before, parentAfter)),
  };
}
