// The `viewItem` vocabulary the shell adds on top of the core's node contextValues. No `vscode`
// import, so the unit tier's manifest check can read it: every `viewItem` in package.json's
// `when` clauses must match a value produced here or by the node builders.

/** A row for a problem in the config file (opens the file at its line). */
export const CONFIG_PROBLEM_CONTEXT = "lakebase.configProblem";

/** What the profile state adds to a profile row: `.needsLogin` when a login would help, `.u2m` for browser-login profiles. */
export function profileContextValue(base: string, state: { canLogin: boolean; u2m: boolean }): string {
  return `${base}${state.canLogin ? ".needsLogin" : ""}${state.u2m ? ".u2m" : ""}`;
}

/** A row of the schema diff tree. */
export function schemaChangeContextValue(change: "added" | "removed" | "changed"): string {
  return `lakebase.schemaChange.${change}`;
}
