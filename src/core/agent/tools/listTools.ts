import * as z from "../../validation";
import { UserFacingError } from "../../errors";
import { describeBranch, describeEndpoint, endpointHost, projectLabel } from "../../lakebase/describe";
import { lastSegment } from "../../lakebase/resourceNames";
import type { WorkspaceTarget } from "../../target/targetStore";
import { branchName } from "../agentTarget";
import { TextBudget } from "../textBudget";
import { defineTool, type AgentContext } from "../toolDefinition";

const profileArg = z.optional(z.string().check(z.minLength(1))).check(z.describe("Databricks profile name; default: the folder target's profile, else the default profile."));

export function describeTarget(t: WorkspaceTarget | undefined): string {
  if (!t) return "Target of this folder: none selected.";
  return `Target of this folder: profile ${t.profile}, project ${t.project}, branch ${t.branch}${t.isDefaultBranch ? " (default)" : ""}, endpoint ${lastSegment(t.endpoint)}, database ${t.database}.`;
}

function profileFor(ctx: AgentContext, requested: string | undefined): string {
  const name = requested ?? ctx.target()?.profile ?? ctx.services.profiles.defaultProfileName();
  const known = ctx.services.profiles.list().map((p) => p.name);
  if (!name) throw new UserFacingError(`No profile given and no default profile. Profiles: ${known.join(", ") || "none"}.`);
  if (!known.includes(name)) throw new UserFacingError(`No profile "${name}" in the Databricks config file. Profiles: ${known.join(", ") || "none"}.`);
  return name;
}

/** Lines added while they fit; the last line says how many did not. */
async function listLines<T>(ctx: AgentContext, head: string, items: AsyncIterable<T>, line: (item: T) => string): Promise<string> {
  const budget = new TextBudget(ctx.policy.maxResultBytes - 200);
  budget.force(head);
  let shown = 0;
  let total = 0;
  for await (const item of items) {
    total++;
    if (!budget.exhausted && budget.add(line(item))) shown++;
    if (total >= 1000) break;
  }
  if (total === 0) budget.force("(none)");
  if (shown < total) budget.force(`[TRUNCATED: ${total - shown}${total >= 1000 ? "+" : ""} more not shown]`);
  return budget.text();
}

export const listProfilesTool = defineTool({
  name: "lakebase_list_profiles",
  title: "List Databricks profiles",
  description: "Lists the Databricks CLI profiles (name, host, auth type, state) and the workspace folder's Lakebase target (profile, project, branch, endpoint, database). Start here.",
  input: z.strictObject({}),
  changes: false,
  summarize: () => "list profiles",
  async run(ctx) {
    const profiles = ctx.services.profiles.list();
    const lines = [`Profiles (${ctx.services.profiles.configFile}):`];
    for (const p of profiles) {
      const bits = [p.authType ? `auth ${p.authType}` : "auth none", p.state, ...(p.isDefault ? ["default"] : []), ...(p.host ? [p.host] : [])];
      lines.push(`- ${p.name}: ${bits.join(", ")}${p.reason ? ` — ${p.reason}` : ""}`);
    }
    if (profiles.length === 0) lines.push("(none: the user must create one with `databricks auth login`)");
    lines.push(describeTarget(ctx.target()));
    return lines.join("\n");
  },
});

export const listProjectsTool = defineTool({
  name: "lakebase_list_projects",
  title: "List Lakebase projects",
  description: "Lists the Lakebase projects a Databricks profile can see: resource name, display name, Postgres version, default branch.",
  input: z.strictObject({ profile: profileArg }),
  changes: false,
  summarize: (i) => `list projects${i.profile ? ` of ${i.profile}` : ""}`,
  async run(ctx, input) {
    const profile = profileFor(ctx, input.profile);
    return listLines(ctx, `Projects of profile ${profile}:`, ctx.services.lakebase(profile).listProjects({ signal: ctx.signal }), (p) => {
      const s = p.status ?? {};
      return `- ${p.name}: "${projectLabel(p)}"${s.pg_version ? `, pg ${s.pg_version}` : ""}${s.default_branch ? `, default branch ${lastSegment(s.default_branch)}` : ""}`;
    });
  },
});

export const listBranchesTool = defineTool({
  name: "lakebase_list_branches",
  title: "List Lakebase branches",
  description: "Lists the branches of a Lakebase project with their state, whether each is the default or protected, and expiry.",
  input: z.strictObject({
    project: z.optional(z.string().check(z.regex(/^(projects\/)?[a-z0-9][a-z0-9-]*$/, "a project id or projects/<id>"))).check(z.describe("Project id or resource name; default: the folder target's project.")),
    profile: profileArg,
  }),
  changes: false,
  summarize: (i) => `list branches of ${i.project ?? "the target's project"}`,
  async run(ctx, input) {
    const profile = profileFor(ctx, input.profile);
    const project = input.project ? (input.project.startsWith("projects/") ? input.project : `projects/${input.project}`) : ctx.target()?.project;
    if (!project) throw new UserFacingError(`Pass a project: no target is selected. ${ctx.selectTargetHint}`);
    return listLines(ctx, `Branches of ${project}:`, ctx.services.lakebase(profile).listBranches(project, { signal: ctx.signal }), (b) => `- ${b.name}: ${describeBranch(b)}`);
  },
});

export const listEndpointsTool = defineTool({
  name: "lakebase_list_endpoints",
  title: "List Lakebase endpoints",
  description: "Lists the compute endpoints of a branch: state, read-write or read-only, autoscaling range and host.",
  input: z.strictObject({
    branch: z.optional(z.string().check(z.minLength(1))).check(z.describe("Branch id (in the target's project) or projects/<p>/branches/<b>; default: the folder target's branch.")),
    profile: profileArg,
  }),
  changes: false,
  summarize: (i) => `list endpoints of ${i.branch ?? "the target's branch"}`,
  async run(ctx, input) {
    const profile = profileFor(ctx, input.profile);
    const branch = input.branch ? branchName(ctx, input.branch) : ctx.target()?.branch;
    if (!branch) throw new UserFacingError(`Pass a branch: no target is selected. ${ctx.selectTargetHint}`);
    return listLines(ctx, `Endpoints of ${branch}:`, ctx.services.lakebase(profile).listEndpoints(branch, { signal: ctx.signal }), (e) => `- ${e.name}: ${describeEndpoint(e)}${endpointHost(e) ? `, host ${endpointHost(e)}` : ""}`);
  },
});
