import * as z from "../../validation";
import { lastSegment } from "../../lakebase/resourceNames";
import { targetFor } from "../agentTarget";
import { formatResult } from "../formatResult";
import { runReadOnly } from "../readOnlySql";
import { formatCatalog, readCatalog } from "../schemaCatalog";
import { singleStatement } from "../singleStatement";
import { TextBudget } from "../textBudget";
import { defineTool } from "../toolDefinition";

const branchArg = z.optional(z.string().check(z.minLength(1))).check(z.describe("Run on this branch (id in the target's project, or projects/<p>/branches/<b>), e.g. a throwaway branch; default: the folder's target."));
const sqlArg = z.string().check(z.minLength(1), z.maxLength(100_000)).check(z.describe("Exactly one SQL statement."));

/** Describe-schema output never exceeds this, whatever the host allows. */
export const SCHEMA_MAX_BYTES = 32 * 1024;

export const describeSchemaTool = defineTool({
  name: "lakebase_describe_schema",
  title: "Describe the database schema",
  description: "Describes the target database compactly: tables and views with columns and types, primary keys, foreign keys (→), unique/check constraints and indexes. Filter by table name to see details of big schemas.",
  input: z.strictObject({
    filter: z.optional(z.string().check(z.maxLength(200))).check(z.describe("Only tables whose name (or schema.name) contains this text; * is a wildcard, e.g. \"order\" or \"billing.*\".")),
    schema: z.optional(z.string().check(z.minLength(1), z.maxLength(63))).check(z.describe("Only this Postgres schema, e.g. public.")),
    branch: branchArg,
  }),
  changes: false,
  summarize: (i) => `describe schema${i.schema ? ` ${i.schema}` : ""}${i.filter ? ` filter ${i.filter}` : ""}${i.branch ? ` on ${i.branch}` : ""}`,
  async run(ctx, input) {
    const target = await targetFor(ctx, input.branch);
    const checkout = await ctx.services.pools.connect(target.db, ctx.signal);
    let tables;
    try {
      tables = await readCatalog((sql, values) => checkout.client.query(sql, values), input);
    } finally {
      checkout.client.release();
    }
    const where = `${input.schema ? ` in schema ${input.schema}` : ""}${input.filter ? ` matching "${input.filter}"` : ""} on ${lastSegment(target.target.branch)}/${target.target.database}`;
    return formatCatalog(tables, Math.min(SCHEMA_MAX_BYTES, ctx.policy.maxResultBytes), where);
  },
});

export const queryTool = defineTool({
  name: "lakebase_query",
  title: "Run read-only SQL",
  description: "Runs one SQL statement on the target in a READ ONLY transaction enforced by the server (writes fail), with a statement timeout and row/byte caps; returns tab-separated rows. To try changes, use lakebase_create_branch.",
  input: z.strictObject({
    sql: sqlArg,
    maxRows: z.optional(z.int().check(z.gte(1), z.lte(10_000))).check(z.describe("Rows to return at most (capped by the host's limit).")),
    branch: branchArg,
  }),
  changes: false,
  summarize: (i) => `read-only query${i.branch ? ` on ${i.branch}` : ""}: ${i.sql.slice(0, 200)}`,
  async run(ctx, input) {
    const statement = singleStatement(input.sql);
    const target = await targetFor(ctx, input.branch);
    const result = await runReadOnly(ctx.services.pools, target.db, statement, {
      maxRows: Math.min(input.maxRows ?? ctx.policy.maxRows, ctx.policy.maxRows),
      timeoutMs: ctx.policy.statementTimeoutMs,
      signal: ctx.signal,
    });
    return formatResult(result, ctx.policy.maxResultBytes);
  },
});

export const explainTool = defineTool({
  name: "lakebase_explain",
  title: "Explain a query plan",
  description: "Shows the Postgres plan of one statement as text (EXPLAIN). With analyze: true it runs the statement to show real timings, still inside a READ ONLY transaction (writes fail).",
  input: z.strictObject({
    sql: sqlArg,
    analyze: z.optional(z.boolean()).check(z.describe("Run it (EXPLAIN ANALYZE, BUFFERS) for actual times and row counts; default false.")),
    branch: branchArg,
  }),
  changes: false,
  summarize: (i) => `explain${i.analyze ? " analyze" : ""}${i.branch ? ` on ${i.branch}` : ""}: ${i.sql.slice(0, 200)}`,
  async run(ctx, input) {
    const statement = singleStatement(input.sql);
    const target = await targetFor(ctx, input.branch);
    const options = input.analyze ? "ANALYZE, BUFFERS, FORMAT TEXT" : "FORMAT TEXT";
    const result = await runReadOnly(ctx.services.pools, target.db, `EXPLAIN (${options}) ${statement}`, {
      maxRows: 2000,
      timeoutMs: ctx.policy.statementTimeoutMs,
      signal: ctx.signal,
    });
    const budget = new TextBudget(ctx.policy.maxResultBytes - 100);
    for (const row of result.rows) if (!budget.add(String(row[0]))) break;
    if (budget.exhausted || result.truncated) budget.force(`[TRUNCATED: the plan is longer than ${budget.bytes} bytes]`);
    return budget.text();
  },
});
