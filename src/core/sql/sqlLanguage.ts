import { lazyModule } from "../lazyModule";
import type * as LanguageModules from "./languageModules";

/** The SQL analysis behind completion, hover, definitions and diagnostics, loaded by the first request (see languageModules.ts). */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use
export const sqlLanguage = lazyModule(() => require("./languageModules") as typeof LanguageModules);
