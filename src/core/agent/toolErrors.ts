/**
 * A failed call as text an agent can act on: what happened, and what the user (not the
 * agent) must do when only they can fix it — a new sign-in, a target, access.
 */
import { describeError, UserFacingError } from "../errors";

interface ErrorFields {
  name?: string; kind?: string; profile?: string; loginCommand?: string; status?: number;
  code?: string; detail?: string; hint?: string; position?: string; where?: string;
}

const SIGN_IN_KINDS = new Set(["needs-login", "invalid-client", "cli-not-found", "cli-not-executable", "cli-too-old", "unsupported"]);

export function errorText(err: unknown, context: { timeoutMs?: number } = {}): string {
  const e = (err && typeof err === "object" ? err : {}) as ErrorFields;
  const message = describeError(err);
  if (err instanceof UserFacingError) return message;
  if (e.name === "AuthError" && e.kind && SIGN_IN_KINDS.has(e.kind)) {
    const how = e.loginCommand ? `run \`${e.loginCommand}\` in a terminal (or use Sign In in the Lakebase explorer)` : "fix the profile in the Databricks config file";
    return `Sign-in needed: the Databricks profile "${e.profile ?? "?"}" cannot get a token (${message}). The user must ${how}; then call this tool again. Do not retry before that.`;
  }
  if (e.status === 401 || e.status === 403) {
    return `The workspace refused the profile's credentials (HTTP ${e.status}: ${message}). The user must sign in again (databricks auth login) or get access to this Lakebase project; retrying will not help.`;
  }
  if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) {
    if (e.code === "57014" && context.timeoutMs !== undefined && /statement timeout/i.test(message)) {
      return `ERROR 57014: cancelled on the server after the ${context.timeoutMs / 1000} s statement timeout. Narrow the query (WHERE, LIMIT) or use the explain tool to see its plan.`;
    }
    const parts = [`ERROR ${e.code}: ${message}`];
    if (e.detail) parts.push(`DETAIL: ${e.detail}`);
    if (e.hint) parts.push(`HINT: ${e.hint}`);
    if (e.position) parts.push(`at character ${e.position}`);
    if (e.where) parts.push(`CONTEXT: ${e.where.split("\n")[0]}`);
    if (e.code === "25006") parts.push("This tool is read-only, enforced by the server. To try a change, create a throwaway branch (lakebase_create_branch) and run it there.");
    return parts.join("\n");
  }
  return `Failed: ${message}`;
}
