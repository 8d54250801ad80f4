import type * as PgModules from "./pgModules";

export type PgDriver = typeof PgModules;

let loaded: PgDriver | undefined;

/** pg, pg-cursor and pg-copy-streams, loaded on first use (see pgModules.ts). */
export function pgDriver(): PgDriver {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the lazy load is the point
  return (loaded ??= require("./pgModules") as PgDriver);
}
