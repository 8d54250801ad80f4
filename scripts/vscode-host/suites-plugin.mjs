// esbuild plugin: the virtual module "lakebase:vscode-suites" lists every test/vscode/suites/**/*.test.ts
// with a lazy loader, so the one test bundle holds all suites and new files need no registration.
// Loaders are lazy because mocha's `describe`/`it` globals exist only after its pre-require event.
import { readdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";

export const SUITES_MODULE = "lakebase:vscode-suites";

function findSuites(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findSuites(full));
    else if (entry.name.endsWith(".test.ts")) found.push(full);
  }
  return found.sort();
}

/** @param {string} suitesDir absolute path of test/vscode/suites */
export function vscodeSuitesPlugin(suitesDir) {
  const root = resolve(suitesDir);
  return {
    name: "lakebase-vscode-suites",
    setup(build) {
      build.onResolve({ filter: /^lakebase:vscode-suites$/ }, () => ({ path: SUITES_MODULE, namespace: "lakebase-suites" }));
      build.onLoad({ filter: /.*/, namespace: "lakebase-suites" }, () => {
        const files = findSuites(root);
        const entries = files.map((f) =>
          `  { file: ${JSON.stringify(relative(root, f))}, load: () => require(${JSON.stringify(f)}) },`);
        return {
          contents: `export const suites = [\n${entries.join("\n")}\n];\n`,
          loader: "js",
          resolveDir: root,
          watchFiles: files,
          watchDirs: [root],
        };
      });
    },
  };
}
