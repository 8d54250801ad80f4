// esbuild plugin: zod's `locales` namespace (z.locales, core.locales) with English only.
// zod itself configures English (classic/external.js imports locales/en.js directly); the namespace
// of every other language is 264 kB of the extension bundle, parsed at activation and never used.
import { dirname, join } from "node:path";

const LOCALES_INDEX = /[\\/]locales[\\/]index\.js$/;

export function zodEnglishOnly() {
  return {
    name: "zod-english-only",
    setup(build) {
      build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
        if (!/[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)) return undefined;
        return { path: join(dirname(args.importer), args.path), namespace: "zod-english-only" };
      });
      build.onLoad({ filter: LOCALES_INDEX, namespace: "zod-english-only" }, (args) => ({
        contents: `export { default as en } from ${JSON.stringify(join(dirname(args.path), "en.js"))};\n`,
        loader: "js",
        resolveDir: dirname(args.path),
      }));
    },
  };
}
