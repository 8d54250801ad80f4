/**
 * The MCP server's target, from an endpoint resource name: its project and branch come from
 * the name, its host and branch flags from the API. Resolved on first use (not at start-up,
 * so the server is ready at once), and again after a failure.
 */
import { endpointHost } from "../core/lakebase/describe";
import { lastSegment, parseResourceName } from "../core/lakebase/resourceNames";
import type { LakebaseServices } from "../core/lakebaseServices";
import type { WorkspaceTarget } from "../core/target/targetStore";
import { UserFacingError } from "../core/errors";

export const SELECT_TARGET_HINT = "Start the MCP server with --endpoint projects/<p>/branches/<b>/endpoints/<e> (or LAKEBASE_ENDPOINT in the environment or the folder's .env, which \"Lakebase: Write Connection Settings to .env\" writes), and --profile if it is not the default.";

export function targetResolver(services: LakebaseServices, opts: { profile?: string; endpoint?: string; database: string }) {
  let cached: Promise<WorkspaceTarget | undefined> | undefined;
  const resolve = async (): Promise<WorkspaceTarget | undefined> => {
    if (!opts.endpoint) return undefined;
    let parts;
    try { parts = parseResourceName(opts.endpoint); } catch { parts = undefined; }
    if (!parts?.branch || !parts.endpoint) throw new UserFacingError(`"${opts.endpoint}" is not an endpoint resource name. ${SELECT_TARGET_HINT}`);
    const profile = opts.profile ?? services.profiles.defaultProfileName();
    if (!profile) throw new UserFacingError(`No Databricks profile: pass --profile. Profiles: ${services.profiles.list().map((p) => p.name).join(", ") || "none"}.`);
    const client = services.lakebase(profile);
    const branchName = `projects/${parts.project}/branches/${parts.branch}`;
    const [endpoint, branch] = await Promise.all([client.getEndpoint(opts.endpoint), client.getBranch(branchName)]);
    const host = endpointHost(endpoint);
    if (!host) throw new UserFacingError(`Endpoint ${opts.endpoint} has no host yet (state ${endpoint.status?.current_state ?? "unknown"}).`);
    return {
      profile, project: `projects/${parts.project}`, branch: branchName, endpoint: opts.endpoint, database: opts.database, host,
      branchLabel: lastSegment(branchName), isDefaultBranch: branch.status?.default === true,
    };
  };
  return (): Promise<WorkspaceTarget | undefined> => {
    cached ??= resolve();
    cached.catch(() => { cached = undefined; });
    return cached;
  };
}
