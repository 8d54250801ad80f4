/**
 * The one thing the Lakebase client needs from the workspace HTTP client. Declared here (not
 * imported) so the client depends on the smallest surface: the real `src/core/http` client fits
 * it (`WorkspaceHttpClient` in src/core/http), and so does a thin adapter in a test.
 */
export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

export type QueryValue = string | number | boolean | undefined;

export interface LakebaseHttpRequest {
  method: HttpMethod;
  /** Path below the workspace host, starting with `/api/`. */
  path: string;
  query?: Record<string, QueryValue>;
  /** JSON body; omitted for GET/DELETE. */
  body?: unknown;
  signal?: AbortSignal;
  /** Always true here: every Lakebase call carries the workspace bearer token. */
  auth: boolean;
  /** Marks a POST as safe to repeat after a 5xx (only the credential call qualifies). */
  idempotent?: boolean;
}

export interface LakebaseHttp {
  /** Resolves with the parsed JSON body of a 2xx answer; rejects with a typed error otherwise. */
  request<T = unknown>(req: LakebaseHttpRequest): Promise<T>;
}
