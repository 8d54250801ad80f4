/**
 * Defaults of the lakebase.query.* settings (package.json repeats them). No vscode import: the bench
 * measures with the same page size the extension uses.
 */
/** Rows per fetch and per panel message. Measured (bench/pageSweep.ts, 1M rows × 10 columns): 1,000 gives a
 * first page in ~15 ms and a total within ~8% of 5,000-row pages, whose first page takes ~50 ms. */
export const DEFAULT_QUERY_PAGE_SIZE = 1_000;
export const DEFAULT_QUERY_MAX_ROWS = 100_000;
/** Cell text kept per result for the grid (64 MB): wide rows hit this long before maxRows. */
export const DEFAULT_QUERY_MAX_RESULT_BYTES = 64 * 2 ** 20;
/** Seconds; 0 means no client-side limit. */
export const DEFAULT_QUERY_TIMEOUT_S = 0;
