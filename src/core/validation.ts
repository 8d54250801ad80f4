// zod's functional API for core's schemas: `zod/mini` tree-shakes to the parts a schema uses, where
// the classic API carries every method on every schema (~190 kB minified in the activation bundle).
// Import it as `import * as z from "../validation"`; English messages are configured here once.
import { config } from "zod/mini";
import en from "zod/v4/locales/en.js";

config(en());

export * from "zod/mini";
