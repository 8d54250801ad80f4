import type { Page } from "./types";

/** Options of every list route (reference §1.2). */
export interface ListOptions {
  /** 1–100; the API's maximum is 100, larger values are lowered to it. */
  pageSize?: number;
  /** Projects and branches only: include soft-deleted ones. */
  showDeleted?: boolean;
  signal?: AbortSignal;
}

export interface PageOptions extends ListOptions {
  pageToken?: string;
}

export const MAX_PAGE_SIZE = 100;

export function clampPageSize(size: number | undefined): number | undefined {
  if (size === undefined) return undefined;
  if (!Number.isFinite(size) || size < 1) throw new RangeError(`pageSize must be between 1 and ${MAX_PAGE_SIZE}, got ${size}`);
  return Math.min(MAX_PAGE_SIZE, Math.floor(size));
}

/**
 * Yields every item of a paged listing, fetching the next page only when the consumer asks for
 * more (so `break` after the first match costs one call). Guards against a server that repeats
 * a page token, which would otherwise loop forever.
 */
export async function* iteratePages<T>(fetchPage: (pageToken: string | undefined) => Promise<Page<T>>): AsyncGenerator<T, void, undefined> {
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
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
