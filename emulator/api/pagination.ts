import { invalidParam } from "../errors";

/** Lists are capped at 100 per page (reference §1.2); larger requests are clamped, not refused. */
export const MAX_PAGE_SIZE = 100;

/** Slices `items` per `page_size` / opaque `page_token`; the token encodes an offset and which list it belongs to. */
export function paginate<T>(items: T[], query: URLSearchParams, listKey: string): { page: T[]; nextPageToken?: string } {
  const rawSize = query.get("page_size");
  let size = MAX_PAGE_SIZE;
  if (rawSize !== null && rawSize !== "") {
    const n = Number(rawSize);
    if (!Number.isInteger(n) || n < 0) throw invalidParam(`Field 'page_size' must be a non-negative integer, got '${rawSize}'.`);
    if (n > 0) size = Math.min(n, MAX_PAGE_SIZE);
  }
  let offset = 0;
  const token = query.get("page_token");
  if (token) {
    offset = decodeToken(token, listKey);
  }
  const page = items.slice(offset, offset + size);
  const next = offset + size;
  return next < items.length ? { page, nextPageToken: encodeToken(next, listKey) } : { page };
}

function encodeToken(offset: number, listKey: string): string {
  return Buffer.from(JSON.stringify({ o: offset, k: listKey })).toString("base64url");
}

function decodeToken(token: string, listKey: string): number {
  try {
    const v = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { o?: unknown; k?: unknown };
    if (typeof v.o === "number" && Number.isInteger(v.o) && v.o >= 0 && v.k === listKey) return v.o;
  } catch {
    // fall through
  }
  throw invalidParam("Invalid page_token: it does not belong to this list. Start again without page_token.");
}

export function listBody(key: string, page: unknown[], nextPageToken?: string): Record<string, unknown> {
  return nextPageToken ? { [key]: page, next_page_token: nextPageToken } : { [key]: page };
}
