/**
 * The walkthrough's steps and the context key each one completes on (package.json
 * `contributes.walkthroughs`, `completionEvents: onContext:<key>`). A key is set only when the
 * state is really reached, never because a button was pressed. No vscode import.
 */
export const WALKTHROUGH_ID = "lakebase.cookbook";

export const STEP_KEYS = {
  profile: "lakebase.walkthrough.profileReady",
  project: "lakebase.walkthrough.projectReady",
  target: "lakebase.walkthrough.targetSelected",
  env: "lakebase.walkthrough.envWritten",
  query: "lakebase.walkthrough.queryRun",
  migrations: "lakebase.walkthrough.migrationsApplied",
} as const;

export type StepId = keyof typeof STEP_KEYS;
export type StepState = Record<StepId, boolean>;

export const STEP_ORDER: readonly StepId[] = ["profile", "project", "target", "env", "query", "migrations"];

/** `.env` is written for the target: it names the target's endpoint and host, and its committed twin exists. */
export function envMatchesTarget(env: ReadonlyMap<string, string>, target: { endpoint: string; host: string }, exampleExists: boolean): boolean {
  return exampleExists && env.get("LAKEBASE_ENDPOINT")?.trim() === target.endpoint && env.get("PGHOST")?.trim().toLowerCase() === target.host.toLowerCase();
}
