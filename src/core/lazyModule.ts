/**
 * A module loaded the first time it is used. `load` is a literal `require("./x")` of a module listed
 * in scripts/lazyBundles.mjs: the extension ships that module as a bundle of its own next to
 * dist/extension.js, so activation does not compile it; in tests and the MCP server it is a plain require.
 */
export function lazyModule<T>(load: () => T): () => T {
  let loaded: { module: T } | undefined;
  return () => (loaded ??= { module: load() }).module;
}
