/**
 * Errors raised by the Lakebase client itself. HTTP failures arrive as the HTTP client's own
 * typed errors (DatabricksApiError: status, errorCode, requestId) and are passed through as-is,
 * so the API's message ("Cannot delete root branch 'production'") reaches the user unchanged.
 */

/** A long-running operation finished with `error` (reference §1.4). */
export class LakebaseOperationError extends Error {
  constructor(
    readonly operationName: string,
    readonly errorCode: string | undefined,
    apiMessage: string,
    readonly requestId?: string,
  ) {
    super(apiMessage);
    this.name = "LakebaseOperationError";
  }
}

/** The caller stopped waiting; the server may still finish the work. */
export class OperationWaitCancelledError extends Error {
  constructor(readonly operationName: string) {
    super(`Stopped waiting for ${operationName}. The operation may still complete on the server; refresh to see its result.`);
    this.name = "AbortError";
  }
}

/** Waiting took longer than the caller allowed; the server may still finish the work. */
export class OperationTimeoutError extends Error {
  constructor(readonly operationName: string, readonly timeoutMs: number) {
    super(`Gave up waiting for ${operationName} after ${Math.round(timeoutMs / 1000)} s. The operation may still complete on the server; refresh to see its result.`);
    this.name = "OperationTimeoutError";
  }
}

/** A response did not have the shape the reference describes. */
export class LakebaseResponseError extends Error {
  constructor(readonly resource: string, detail: string) {
    super(`Unexpected ${resource} response from the Lakebase API: ${detail}`);
    this.name = "LakebaseResponseError";
  }
}

/**
 * One line for any error of this layer, with the API's error code and request id when known
 * (what support asks for), e.g. "Cannot delete root branch 'production' (BAD_REQUEST, request id 1f…)".
 */
export function describeLakebaseError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const e = err as Error & { errorCode?: unknown; requestId?: unknown; status?: unknown };
  const tags: string[] = [];
  if (typeof e.errorCode === "string" && e.errorCode) tags.push(e.errorCode);
  else if (typeof e.status === "number") tags.push(`HTTP ${e.status}`);
  if (typeof e.requestId === "string" && e.requestId) tags.push(`request id ${e.requestId}`);
  const msg = e.message || e.name;
  return tags.length > 0 && !msg.includes(tags[0]!) ? `${msg} (${tags.join(", ")})` : msg;
}
