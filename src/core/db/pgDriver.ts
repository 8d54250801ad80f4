import { lazyModule } from "../lazyModule";
import type * as PgModules from "./pgModules";

/** pg, pg-cursor and pg-copy-streams, loaded at the first connection (see pgModules.ts). */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use
export const pgDriver = lazyModule(() => require("./pgModules") as typeof PgModules);
