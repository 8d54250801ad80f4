import * as z from "../../validation";
import { lakebaseEnvValues } from "../../envfile/lakebaseEnv";
import { targetFor } from "../agentTarget";
import { defineTool } from "../toolDefinition";

export const connectionEnvTool = defineTool({
  name: "lakebase_connection_env",
  title: "Connection values for .env",
  description: "The environment variables an app needs to reach the target (DATABRICKS_HOST, LAKEBASE_ENDPOINT, PGHOST, PGPORT, PGDATABASE, PGUSER, PGSSLMODE) as KEY=value lines. Never a password or token: apps get a short-lived credential at run time (e.g. @databricks/lakebase).",
  input: z.strictObject({
    branch: z.optional(z.string().check(z.minLength(1))).check(z.describe("Values for this branch instead of the folder's target.")),
  }),
  changes: false,
  summarize: (i) => `connection values${i.branch ? ` for ${i.branch}` : ""}`,
  async run(ctx, input) {
    const target = await targetFor(ctx, input.branch);
    const host = ctx.services.profiles.get(target.target.profile)?.host ?? "";
    const values = lakebaseEnvValues({
      workspaceHost: host,
      endpointName: target.target.endpoint,
      host: target.connection.host,
      port: target.connection.port,
      database: target.connection.database,
      user: target.connection.user,
      sslMode: target.connection.sslMode,
    });
    return [
      ...Object.entries(values).map(([k, v]) => `${k}=${v}`),
      "# No PGPASSWORD/DATABRICKS_TOKEN: the app mints a Lakebase credential at run time with its Databricks auth (e.g. @databricks/lakebase), or the user runs \"Lakebase: Write Connection Settings to .env\".",
    ].join("\n");
  },
});
