/**
 * Defaults of the lakebase.query.* settings (package.json repeats them). No vscode import: the bench
 * measures with the same page size the extension uses. Page size and row cap are the protocol's own.
 */
import { DEFAULT_MAX_ROWS, DEFAULT_PAGE_SIZE } from "../../shared/protocol";

/** Rows per fetch and per panel message (see DEFAULT_PAGE_SIZE). */
export const DEFAULT_QUERY_PAGE_SIZE = DEFAULT_PAGE_SIZE;
export const DEFAULT_QUERY_MAX_ROWS = DEFAULT_MAX_ROWS;
/** Cell text kept per result for the grid (64 MB): wide rows hit this long before maxRows. */
export const DEFAULT_QUERY_MAX_RESULT_BYTES = 64 * 2 ** 20;
/** Seconds; 0 means no client-side limit. */
export const DEFAULT_QUERY_TIMEOUT_S = 0;
