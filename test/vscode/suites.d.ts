// The virtual module generated at bundle time by scripts/vscode-host/suites-plugin.mjs.
declare module "lakebase:vscode-suites" {
  /** Every test/vscode/suites/**\/*.test.ts, relative path and a loader that registers its tests. */
  export const suites: ReadonlyArray<{ file: string; load: () => unknown }>;
}
