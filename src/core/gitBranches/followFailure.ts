/**
 * The one message a failed follow shows: the API's own words, then what to do about this kind of
 * failure (the project's branch limit, rate limiting, a workspace that did not answer), then that
 * nothing changed. Rate limiting mentions "limit" too (REQUEST_LIMIT_EXCEEDED): it must never be
 * mistaken for the branch limit, whose advice (delete branches) would be wrong.
 */
import { UserFacingError } from "../errors";
import { describeLakebaseError, OperationTimeoutError } from "../lakebase/errors";

export type FollowFailureKind = "branch-limit" | "rate-limited" | "timeout" | "other";

export interface FollowFailureContext {
  /** "Could not create Lakebase branch x" — what was being done. */
  what: string;
  gitBranch: string;
  /** "project / branch" the target stays on. */
  where: string;
  envFile: boolean;
  /** Branches that could go, e.g. `old-spike (git branch spike/old)`: named in the branch-limit advice. */
  cleanupHints?: readonly string[];
}

const CLEAN_UP = { title: "Clean Up Branches", command: "lakebase.gitBranches.cleanUp" };
const FOLLOW_AGAIN = { title: "Follow the Current Git Branch", command: "lakebase.gitBranches.followCurrent" };

export function classifyFollowFailure(err: unknown): FollowFailureKind {
  const e = (err ?? {}) as { status?: unknown; errorCode?: unknown; code?: unknown; message?: unknown };
  const code = typeof e.errorCode === "string" ? e.errorCode : "";
  const message = typeof e.message === "string" ? e.message : String(err);
  // The branch limit first: the service may answer it with 429 RESOURCE_EXHAUSTED, but then it names branches.
  if (/\bbranch(es)?\b.*\b(limit|quota|maximum)\b|\b(limit|quota|maximum)\b.*\bbranch(es)?\b/i.test(message) || (code === "RESOURCE_EXHAUSTED" && e.status !== 429)) return "branch-limit";
  if (e.status === 429 || e.status === 503 || code === "REQUEST_LIMIT_EXCEEDED" || code === "TEMPORARILY_UNAVAILABLE") return "rate-limited";
  if (err instanceof OperationTimeoutError || e.code === "ETIMEDOUT") return "timeout";
  return "other";
}

export function followFailure(err: unknown, ctx: FollowFailureContext): UserFacingError {
  const api = describeLakebaseError(err).replace(/[.\s]+$/, "");
  const kind = classifyFollowFailure(err);
  const stays = ` The target stays on ${ctx.where} and ${ctx.envFile ? ".env is unchanged" : "nothing was written"}.`;
  let advice = "";
  let actions: Array<{ title: string; command: string }> = [];
  if (kind === "branch-limit") {
    // A few names, short: the toast must stay readable; Clean Up Branches lists them all.
    const some = ctx.cleanupHints?.length ? ` — ${ctx.cleanupHints.slice(0, 3).join(", ")}${ctx.cleanupHints.length > 3 ? ", …" : ""} —` : "";
    advice = ` The project has as many branches as it may: delete ones you no longer need${some} with "Lakebase: Clean Up Branches", then check out again.`;
    actions = [CLEAN_UP];
  } else if (kind === "rate-limited") {
    advice = ` Lakebase is limiting requests right now: check out the branch again in a minute, or run "Lakebase: Follow the Current Git Branch".`;
    actions = [FOLLOW_AGAIN];
  } else if (kind === "timeout") {
    advice = ` The workspace did not answer in time; the branch may still be created there: run "Lakebase: Follow the Current Git Branch" in a moment.`;
    actions = [FOLLOW_AGAIN];
  }
  return new UserFacingError(`${ctx.what} for git branch ${ctx.gitBranch}: ${api}.${advice}${stays}`, actions);
}
