/**
 * PostgreSQL's own parser (libpg_query compiled to WebAssembly, the `libpg-query` package), behind
 * a small port: loaded on demand, never at activation; every failure is a value, never a throw.
 */

export interface PgParseError {
  message: string;
  /** 0-based, in code points of the parsed text (as Postgres counts error positions). */
  position: number;
}

/** A statement's raw parse tree (node names as keys, locations in UTF-8 bytes). */
export type PgNode = Record<string, unknown>;

export type PgParseResult = { ok: true; stmts: PgNode[] } | { ok: false; error: PgParseError };

export interface PgParser {
  parse(sql: string): PgParseResult;
  /** How long loading the WebAssembly module took. */
  readonly loadMs: number;
}

interface LibPgQuery {
  loadModule(): Promise<void>;
  parseSync(sql: string): { stmts?: { stmt: PgNode }[] };
}

/** `load` returns the libpg-query module (tests: the package; the extension: its own copy in dist/). */
export async function loadPgParser(load: () => unknown, now: () => number = () => performance.now()): Promise<PgParser> {
  const started = now();
  const mod = (await load()) as LibPgQuery & { default?: LibPgQuery };
  const lib = typeof mod.parseSync === "function" ? mod : mod.default;
  if (!lib || typeof lib.parseSync !== "function") throw new Error("The PostgreSQL parser module has no parseSync: wrong package or version.");
  await lib.loadModule();
  const loadMs = now() - started;
  return {
    loadMs,
    parse(sql) {
      try {
        const tree = lib.parseSync(sql);
        return { ok: true, stmts: (tree.stmts ?? []).map((s) => s.stmt) };
      } catch (err) {
        const details = (err as { sqlDetails?: { message?: string; cursorPosition?: number } }).sqlDetails;
        if (details) return { ok: false, error: { message: details.message ?? String(err), position: details.cursorPosition ?? 0 } };
        // Not a SQL error: the parser itself broke (out of memory, aborted module). The caller decides.
        throw err;
      }
    },
  };
}
