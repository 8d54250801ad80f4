import type { IncomingHttpHeaders } from "node:http";
import type { Identity } from "../auth";
import type { Json } from "../state";

/** What a handler sees of a request. */
export interface Req {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Raw body text (the form route needs it). */
  rawBody: string;
  /** Parsed JSON body, {} when empty. */
  body: Json;
  params: Record<string, string>;
  /** Set on authenticated routes. */
  identity: Identity;
  requestId: string;
}

export interface Res {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type Handler = (req: Req) => Res | Promise<Res>;

export function ok(body: unknown, status = 200): Res {
  return { status, body };
}

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

/**
 * A tiny method + path router. Patterns are slash-separated; `:name`
 * captures one segment, and a trailing `*name` captures the rest.
 */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, segments: pattern.split("/").filter(Boolean), handler });
    return this;
  }

  match(method: string, path: string): { handler: Handler; params: Record<string, string> } | undefined {
    const parts = path.split("/").filter(Boolean).map(safeDecode);
    for (const r of this.routes) {
      if (r.method !== method) continue;
      const params = matchSegments(r.segments, parts);
      if (params) return { handler: r.handler, params };
    }
    return undefined;
  }
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    if (p.startsWith("*")) {
      if (i >= parts.length) return undefined;
      params[p.slice(1)] = parts.slice(i).join("/");
      return params;
    }
    const part = parts[i];
    if (part === undefined) return undefined;
    if (p.startsWith(":")) params[p.slice(1)] = part;
    else if (p !== part) return undefined;
  }
  return parts.length === pattern.length ? params : undefined;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
