import { randomBytes } from "node:crypto";
import { isAbsolute, join } from "node:path";
import * as z from "../../validation";
import { primaryEndpoint } from "../../lakebase/primaryEndpoint";
import { UserFacingError } from "../../errors";
import { endpointHost, formatTime } from "../../lakebase/describe";
import { lastSegment } from "../../lakebase/resourceNames";
import type { ResolvedTarget } from "../../lakebaseServices";
import { findDrizzleConfigs } from "../../migrations/drizzleProject";
import { rehearseMigrations } from "../../migrations/rehearse";
import { readCatalogOf } from "../../schema/compareBranches";
import { describeChanges, diffCatalogs } from "../../schema/diffCatalogs";
import type { RunSummary } from "../../db/runnerTypes";
import { branchName, requireTarget, targetFor } from "../agentTarget";
import { ensureWritableBranch } from "../branchGuard";
import { cellText, TextBudget } from "../textBudget";
import { defineTool, type AgentContext } from "../toolDefinition";

const BRANCH_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

function throwawayId(): string {
  const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
  return `agent-${stamp}-${randomBytes(2).toString("hex")}`;
}

/** Runs a script (writes allowed) and reports each statement, its rows, and what it changed in the schema. */
async function runAndDiff(ctx: AgentContext, target: ResolvedTarget, sql: string): Promise<string[]> {
  // The one schema diff (src/core/schema), the same the rehearsal and Compare Branches report.
  const before = await readCatalogOf(ctx.services, target.db);
  const summary: RunSummary = await ctx.services.runner.runScript(target.db, sql, {
    maxRows: ctx.policy.maxRows, returnRows: 20, timeoutMs: ctx.policy.statementTimeoutMs, signal: ctx.signal,
  });
  const after = await readCatalogOf(ctx.services, target.db);
  const out = new TextBudget(ctx.policy.maxResultBytes - 600);
  for (const r of summary.results) {
    out.add(`${r.command}${r.rowCount !== null ? ` ${r.rowCount}` : ""}`);
    if (r.columns.length && r.rows?.length) {
      out.add(`  ${r.columns.map((c) => c.name).join("\t")}`);
      for (const row of r.rows.slice(0, 5)) out.add(`  ${row.map((v) => cellText(v, 80)).join("\t")}`);
    }
  }
  if (out.exhausted) out.force("[TRUNCATED: more statement results not shown]");
  const lines = [`Ran ${summary.statementsRun} statement(s) in ${summary.timing.totalMs} ms.`, out.text()];
  if (summary.error) {
    const e = summary.error;
    lines.push(`ERROR${e.sqlstate ? ` ${e.sqlstate}` : ""} in statement ${(e.statementIndex ?? 0) + 1}: ${e.message}${e.detail ? `\nDETAIL: ${e.detail}` : ""}${e.hint ? `\nHINT: ${e.hint}` : ""}`);
    if (summary.timedOut) lines.push(`(cancelled on the server after the ${ctx.policy.statementTimeoutMs / 1000} s timeout)`);
  }
  const changes = describeChanges(diffCatalogs(before, after));
  lines.push(changes.length ? `Schema changes:\n${changes.join("\n")}` : "Schema changes: none.");
  return lines;
}

async function drizzleConfig(ctx: AgentContext, requested: string | undefined): Promise<string> {
  if (requested) {
    if (isAbsolute(requested)) return requested;
    if (!ctx.folder) throw new UserFacingError("Pass the drizzle config as an absolute path: this host has no workspace folder.");
    return join(ctx.folder, requested);
  }
  if (!ctx.folder) throw new UserFacingError("No workspace folder to find a drizzle config in; pass config.");
  const found = await findDrizzleConfigs(ctx.folder);
  if (found.length === 0) throw new UserFacingError(`No drizzle.config.* in ${ctx.folder}; pass config (its path).`);
  if (found.length > 1) throw new UserFacingError(`Several drizzle configs; pass config, one of: ${found.join(", ")}`);
  return found[0];
}

export const createBranchTool = defineTool({
  name: "lakebase_create_branch",
  title: "Create a throwaway branch",
  description: "Creates a throwaway copy of the target branch that deletes itself after ttlMinutes, and optionally runs SQL (writes allowed) or the folder's drizzle migrations on it, returning what changed. The target branch itself is never modified. Use the returned branch with the other tools' branch argument.",
  input: z.strictObject({
    ttlMinutes: z._default(z.int().check(z.gte(10), z.lte(7 * 24 * 60)), 60).check(z.describe("Minutes until the branch deletes itself (10 to 10080).")),
    branchId: z.optional(z.string().check(z.regex(BRANCH_ID, "lowercase letters, digits and -, at most 63"))).check(z.describe("Id for the new branch; default agent-<time>-<random>.")),
    sql: z.optional(z.string().check(z.minLength(1), z.maxLength(100_000))).check(z.describe("SQL script to run on the new branch (e.g. a migration to try).")),
    migrations: z.optional(z.boolean()).check(z.describe("Apply the folder's drizzle migrations (drizzle-kit migrate) on the new branch and report the schema changes.")),
    config: z.optional(z.string().check(z.minLength(1))).check(z.describe("drizzle config path (relative to the folder) when it has several.")),
  }).check(z.refine((i) => !(i.sql && i.migrations), { message: "Pass sql or migrations: true, not both." })),
  changes: true,
  summarize: (i) => `create a throwaway branch (TTL ${i.ttlMinutes ?? 60} min)${i.migrations ? " and apply the drizzle migrations" : i.sql ? ` and run: ${i.sql.slice(0, 200)}` : ""}`,
  async run(ctx, input) {
    const source = await ctx.services.resolveTarget(requireTarget(ctx), ctx.signal);
    const ttlSeconds = input.ttlMinutes * 60;
    const branchId = input.branchId ?? throwawayId();
    if (input.migrations) {
      const configPath = await drizzleConfig(ctx, input.config);
      const r = await rehearseMigrations(ctx.services, { configPath, target: source, ttlSeconds, branchId, signal: ctx.signal, preloadScript: ctx.drizzlePreload });
      const tail = r.output.length > 3000 ? `…${r.output.slice(-3000)}` : r.output;
      return [
        `Created ${r.branch} from ${source.target.branch} (deletes itself in ${input.ttlMinutes} min) and ran drizzle-kit migrate: exit code ${r.exitCode}.`,
        r.summary.length ? `Schema changes:\n${r.summary.join("\n")}` : "Schema changes: none.",
        `Parent branch unchanged: ${r.parentUnchanged ? "yes" : "NO"}.`,
        `drizzle-kit output:\n${tail.trim()}`,
        `Query it with branch "${lastSegment(r.branch)}".`,
      ].join("\n");
    }
    const client = ctx.services.lakebase(source.target.profile);
    const branch = await client.createBranchAndWait(source.target.project, branchId, { source_branch: source.target.branch, ttl: `${ttlSeconds}s` }, { signal: ctx.signal });
    const expires = branch.status?.expire_time ? `expires ${formatTime(branch.status.expire_time)}` : `deletes itself in ${input.ttlMinutes} min`;
    const lines = [`Created ${branch.name} from ${source.target.branch} (${expires}).`];
    if (input.sql) {
      const endpoint = await primaryEndpoint(ctx.services, source.target.profile, branch.name, ctx.signal);
      const target = await ctx.services.resolveTarget({ ...source.target, branch: branch.name, endpoint: endpoint.name, host: endpointHost(endpoint)!, branchLabel: branchId, isDefaultBranch: false }, ctx.signal);
      try {
        lines.push(...await runAndDiff(ctx, target, input.sql));
      } finally {
        await ctx.services.pools.close(target.db);
      }
    }
    lines.push(`Use branch "${branchId}" with lakebase_query, lakebase_describe_schema, lakebase_explain or lakebase_execute.`);
    return lines.join("\n");
  },
});

export const executeTool = defineTool({
  name: "lakebase_execute",
  title: "Run SQL that changes data on a throwaway branch",
  description: "Runs a SQL script (writes allowed) on a branch that is neither the default nor protected — typically one made with lakebase_create_branch — and returns each statement's result and the schema changes. Refuses default and protected branches.",
  input: z.strictObject({
    branch: z.string().check(z.minLength(1)).check(z.describe("Branch id (in the target's project) or projects/<p>/branches/<b>. Required: writes never go to the folder's target implicitly.")),
    sql: z.string().check(z.minLength(1), z.maxLength(100_000)).check(z.describe("SQL script; several statements run in order, stopping at the first error.")),
  }),
  changes: true,
  summarize: (i) => `run on ${i.branch}: ${i.sql.slice(0, 200)}`,
  async run(ctx, input) {
    const name = branchName(ctx, input.branch);
    const target = await targetFor(ctx, name);
    await ensureWritableBranch(ctx.services.lakebase(target.target.profile), name, ctx.policy, ctx.signal);
    return [`On ${name}:`, ...await runAndDiff(ctx, target, input.sql)].join("\n");
  },
});
