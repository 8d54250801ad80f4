/**
 * Moves a folder's target to the Lakebase branch of the checked-out git branch: created on
 * demand from the parent with a TTL, its endpoint awaited, `.env` rewritten, then the target
 * switched. Nothing is changed until everything needed is known: on any failure the target
 * and `.env` stay as they were and one message says what happened.
 */
import { promises as fs } from "node:fs";
import { primaryEndpoint } from "../lakebase/primaryEndpoint";
import { lakebaseEnvValues } from "../envfile/lakebaseEnv";
import { inProjectKeys } from "../envfile/projectKeys";
import { updateEnvFile } from "../envfile/updateEnvFile";
import { describeError, UserFacingError } from "../errors";
import { endpointHost } from "../lakebase/describe";
import { lastSegment } from "../lakebase/resourceNames";
import type { Branch, Endpoint } from "../lakebase/types";
import type { LakebaseServices } from "../lakebaseServices";
import type { WorkspaceTarget } from "../target/targetStore";
import { branchIdFor } from "./branchIdRules";
import type { BranchLinks } from "./branchLinks";
import { followFailure } from "./followFailure";

export const DEFAULT_TTL_DAYS = 7;
const ENV_HEADER = "Lakebase connection (written by Lakebase for VS Code)";

export interface FollowRequest {
  /** Target store key of the folder. */
  folder: string;
  gitBranch: string;
  /** The git branch stands for the project's default branch (main, master). */
  toDefault: boolean;
  /** Branch id or resource name new branches are created from; default the project's default branch. */
  parentBranch?: string;
  /** Lifetime of a branch created here (days); default 7. */
  ttlDays?: number;
  /** Absolute path of the folder's env file: rewritten when it exists. */
  envFile?: string;
  allowedRoot?: string;
  signal?: AbortSignal;
  onStep?: (step: string) => void;
  /** How long to wait for a new branch's endpoint to have a host (ms); default 120 s. */
  endpointTimeoutMs?: number;
}

export interface FollowResult {
  target: WorkspaceTarget;
  /** The target was already on that branch: nothing changed. */
  unchanged: boolean;
  created: boolean;
  /** The Lakebase branch id followed to. */
  branchId: string;
  envWritten: boolean;
}

const isTrue = (v: unknown) => v === true;
const branchIsDefault = (b: Branch) => isTrue(b.status?.default);
const branchIsProtected = (b: Branch) => isTrue(b.status?.is_protected);

export async function followGitBranch(services: LakebaseServices, links: BranchLinks, req: FollowRequest): Promise<FollowResult> {
  const current = services.targets.get(req.folder);
  if (!current) throw new UserFacingError("This folder has no Lakebase target to follow git branches with. Pick one first (Use for This Workspace).");
  const step = req.onStep ?? (() => undefined);
  const client = services.lakebase(current.profile);
  const where = `${current.projectLabel ?? lastSegment(current.project)} / ${current.branchLabel ?? lastSegment(current.branch)}`;
  const branches: Branch[] = [];
  let linked: Record<string, string> = {};
  const fail = (what: string, err: unknown): never => {
    throw followFailure(err, { what, gitBranch: req.gitBranch, where, envFile: Boolean(req.envFile), cleanupHints: cleanupHints(branches, linked, current.branch) });
  };

  try {
    for await (const b of client.listBranches(current.project, { signal: req.signal })) branches.push(b);
  } catch (err) {
    return fail("Could not list the project's branches", err);
  }
  const defaultBranch = branches.find(branchIsDefault);
  linked = links.get(req.folder, current.project);
  let branch: Branch | undefined;
  let branchId: string;
  if (req.toDefault) {
    if (!defaultBranch) return fail("The project has no default branch to return to", new Error("no branch is marked default"));
    branch = defaultBranch;
    branchId = lastSegment(defaultBranch.name);
  } else {
    branchId = branchIdFor(req.gitBranch, branches.map((b) => ({ id: lastSegment(b.name), isDefault: branchIsDefault(b), isProtected: branchIsProtected(b) })), linked);
    branch = branches.find((b) => lastSegment(b.name) === branchId);
  }
  if (branch && branch.name === current.branch) return { target: current, unchanged: true, created: false, branchId, envWritten: false };

  let created = false;
  if (!branch) {
    const parent = req.parentBranch
      ? (req.parentBranch.includes("/") ? req.parentBranch : `${current.project}/branches/${req.parentBranch}`)
      : defaultBranch?.name;
    if (!parent) return fail(`Could not create branch ${branchId}`, new Error("the project has no default branch to create it from; set lakebase.git.parentBranch"));
    step(`Creating Lakebase branch ${branchId} from ${lastSegment(parent)}`);
    try {
      branch = await client.createBranchAndWait(current.project, branchId, { source_branch: parent, ttl: `${Math.round((req.ttlDays ?? DEFAULT_TTL_DAYS) * 86400)}s` }, { signal: req.signal });
    } catch (err) {
      return fail(`Could not create Lakebase branch ${branchId}`, err);
    }
    created = true;
    await links.set(req.folder, current.project, req.gitBranch, branchId);
  }

  let endpoint: Endpoint;
  try {
    step(`Waiting for the endpoint of ${branchId}`);
    endpoint = await awaitEndpoint(services, current.profile, branch.name, req.endpointTimeoutMs ?? 120_000, req.signal);
  } catch (err) {
    return fail(`Branch ${branchId} has no endpoint ready`, err);
  }
  const { isProtected: _wasProtected, ...kept } = current;
  const next: WorkspaceTarget = {
    ...kept,
    branch: branch.name,
    endpoint: endpoint.name,
    host: endpointHost(endpoint)!,
    branchLabel: branchId,
    isDefaultBranch: branchIsDefault(branch),
    ...(branchIsProtected(branch) ? { isProtected: true } : {}),
  };

  let envWritten = false;
  let restoreEnv: (() => Promise<unknown>) | undefined;
  if (req.envFile && (await exists(req.envFile))) {
    try {
      // A project that names its profile (databricks apps init) keeps naming it: no host added.
      const text = await fs.readFile(req.envFile, "utf8").catch(() => undefined);
      const [nextValues, oldValues] = (await Promise.all([envValues(services, next, req.signal), envValues(services, current, req.signal)]))
        .map((v, i) => inProjectKeys(text, (i === 0 ? next : current).profile, v));
      const { wrote } = await updateEnvFile(req.envFile, nextValues, { header: ENV_HEADER, allowedRoot: req.allowedRoot });
      envWritten = wrote;
      if (wrote) restoreEnv = () => updateEnvFile(req.envFile!, oldValues, { header: ENV_HEADER, allowedRoot: req.allowedRoot });
    } catch (err) {
      throw new UserFacingError(`Could not rewrite ${req.envFile} for branch ${branchId}: ${describeError(err)} The target stays on ${where}.`);
    }
  }
  try {
    await services.targets.set(req.folder, next);
  } catch (err) {
    await restoreEnv?.().catch(() => undefined);
    throw new UserFacingError(`Could not switch the target to ${branchId}: ${describeError(err)} The target stays on ${where}.`);
  }
  // An existing branch followed is linked too: another git branch with the same id gets its own.
  if (!created && !req.toDefault && linked[req.gitBranch] !== branchId) await links.set(req.folder, current.project, req.gitBranch, branchId);
  return { target: next, unchanged: false, created, branchId, envWritten };
}

/** Branches the user could delete to make room: never default, protected or the current one; git-linked ones first. */
function cleanupHints(branches: readonly Branch[], linked: Readonly<Record<string, string>>, current: string): string[] {
  const gitOf = new Map(Object.entries(linked).map(([git, id]) => [id, git]));
  return branches
    .filter((b) => !branchIsDefault(b) && !branchIsProtected(b) && b.name !== current && !b.status?.delete_time)
    .map((b) => { const id = lastSegment(b.name); const git = gitOf.get(id); return { id, text: git ? `${id} (git branch ${git.length > 40 ? `${git.slice(0, 39)}…` : git})` : id, linked: git !== undefined }; })
    .sort((a, b) => Number(b.linked) - Number(a.linked) || a.id.localeCompare(b.id))
    .map((h) => h.text);
}

async function envValues(services: LakebaseServices, t: WorkspaceTarget, signal?: AbortSignal): Promise<Record<string, string>> {
  const resolved = await services.resolveTarget(t, signal);
  const host = services.profiles.profile(t.profile).host;
  if (!host) throw new UserFacingError(`Profile ${t.profile} has no host.`);
  const c = resolved.connection;
  return lakebaseEnvValues({ workspaceHost: host, endpointName: t.endpoint, host: c.host, port: c.port, database: c.database, user: c.user, sslMode: c.sslMode });
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(() => true, () => false);
}

/** A new branch's endpoint may still be starting: wait until it has a host. */
async function awaitEndpoint(services: LakebaseServices, profile: string, branchName: string, timeoutMs: number, signal?: AbortSignal): Promise<Endpoint> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 100; ; delay = Math.min(delay * 2, 2000)) {
    try {
      return await primaryEndpoint(services, profile, branchName, signal);
    } catch (err) {
      if (!(err instanceof UserFacingError) || Date.now() + delay > deadline || signal?.aborted) throw err;
    }
    await new Promise((r) => setTimeout(r, delay));
  }
}
