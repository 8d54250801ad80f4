// Modules the extension loads on first use, each shipped as a bundle of its own next to
// dist/extension.js: the activation bundle holds a `require("./<bundle>")` instead of their code.
// Source code reaches such a module only through a lazyModule(() => require(…)) (src/core/lazyModule.ts).
import { resolve } from "node:path";

export const LAZY_BUNDLES = [
  // pg, pg-cursor, pg-copy-streams: activation needs no Postgres driver until the first query.
  { module: "src/core/db/pgModules.ts", bundle: "pgDriver.js" },
  // SQL completion, hover, signature help, definitions and diagnostics: loaded by the first SQL request.
  { module: "src/core/sql/languageModules.ts", bundle: "sqlLanguage.js" },
];

/** esbuild plugin for the activation bundle: each lazy module stays out of it, required from dist/ at run time. */
export function lazyBundles(root = process.cwd()) {
  const byPath = new Map(LAZY_BUNDLES.map((b) => [resolve(root, b.module).replace(/\.ts$/, ""), b]));
  const names = LAZY_BUNDLES.map((b) => b.module.replace(/^.*\//, "").replace(/\.ts$/, ""));
  return {
    name: "lazy-bundles",
    setup(build) {
      build.onResolve({ filter: new RegExp(`(^|/)(${names.join("|")})$`) }, (args) => {
        const b = byPath.get(resolve(args.resolveDir, args.path));
        if (!b) return undefined;
        if (args.kind !== "require-call") {
          return { errors: [{ text: `${b.module} loads on first use: reach it through a require() call, not an import (imported by ${args.importer})` }] };
        }
        return { path: `./${b.bundle}`, external: true };
      });
    },
  };
}
