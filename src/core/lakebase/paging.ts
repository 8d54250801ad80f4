import type { Page } from "./types";

/** Options of every list route (reference §1.2). */
export interface ListOptions {
  /** 1–100; the API's maximum is 100, larger values are lowered to it. */
  pageSize?: number;
  /** Projects and branches only: include soft-deleted ones. */
  showDeleted?: boolean;
  signal?: AbortSignal;
  /** Stop a listing after this many pages (default 200: 20,000 items at the API's maximum). */
  maxPages?: number;
  /** Stop a listing that has taken this long (ms, default 120,000). */
  maxDurationMs?: number;
}

export interface PageOptions extends ListOptions {
  pageToken?: string;
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_MAX_PAGES = 200;
export const DEFAULT_MAX_LISTING_MS = 120_000;

export interface PagingLimits {
  maxPages?: number;
  maxDurationMs?: number;
  now?: () => number;
  /** e.g. "branches of projects/p": for the message. */
  what?: string;
}

/** A listing was stopped because the server kept handing out page tokens. */
export class PagingLimitError extends Error {
  constructor(readonly pages: number, readonly items: number, message: string) {
    super(message);
    this.name = "PagingLimitError";
  }
}

export function clampPageSize(size: number | undefined): number | undefined {
  if (size === undefined) return undefined;
  if (!Number.isFinite(size) || size < 1) throw new RangeError(`pageSize must be between 1 and ${MAX_PAGE_SIZE}, got ${size}`);
  return Math.min(MAX_PAGE_SIZE, Math.floor(size));
}

/**
 * Yields every item of a paged listing, fetching the next page only when the consumer asks for
 * more (so `break` after the first match costs one call). Bounded: a server that repeats a
 * page token, or keeps returning new ones, would otherwise keep the caller (the explorer)
 * waiting forever — the listing stops after `maxPages` pages or `maxDurationMs`, with an error.
 */
export async function* iteratePages<T>(fetchPage: (pageToken: string | undefined) => Promise<Page<T>>, limits: PagingLimits = {}): AsyncGenerator<T, void, undefined> {
  const maxPages = limits.maxPages ?? DEFAULT_MAX_PAGES;
  const maxMs = limits.maxDurationMs ?? DEFAULT_MAX_LISTING_MS;
  const now = limits.now ?? Date.now;
  const started = now();
  const what = limits.what ?? "the listing";
  const seen = new Set<string>();
  let token: string | undefined;
  let pages = 0;
  let items = 0;
  do {
    if (pages >= maxPages || (pages > 0 && now() - started >= maxMs)) {
      const why = pages >= maxPages ? `${pages} pages` : `${Math.round((now() - started) / 1000)} s and ${pages} pages`;
      throw new PagingLimitError(pages, items, `Stopped listing ${what} after ${why} (${items} items): the Lakebase API kept returning a next page. Narrow the listing or report this to Databricks support.`);
    }
    const page = await fetchPage(token);
    pages++;
    items += page.items.length;
    yield* page.items;
    token = page.nextPageToken;
    if (token !== undefined) {
      if (seen.has(token)) throw new Error(`The Lakebase API returned page token '${token}' twice; stopping the listing.`);
      seen.add(token);
    }
  } while (token !== undefined);
}

/** Collects an async iterable into an array (tests, small listings). */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
