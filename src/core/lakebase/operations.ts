import { LakebaseOperationError, OperationTimeoutError, OperationWaitCancelledError } from "./errors";
import type { Operation } from "./types";

/**
 * Waiting for long-running operations (reference §1.4): poll `GET /api/2.0/postgres/{name}` with
 * exponential backoff until `done`, then hand back `response` or throw the operation's `error`.
 */

export interface PollBackoff {
  initialMs: number;
  maxMs: number;
  factor: number;
}

/** Short first polls (most operations finish in a second or two), capped so long ones cost little. */
export const DEFAULT_POLL_BACKOFF: PollBackoff = { initialMs: 250, maxMs: 5_000, factor: 2 };

/** Delay before poll number `poll` (0-based): initial·factor^poll, capped. */
export function pollDelayMs(poll: number, backoff: PollBackoff = DEFAULT_POLL_BACKOFF): number {
  return Math.min(backoff.maxMs, Math.round(backoff.initialMs * backoff.factor ** poll));
}

export interface WaitProgress {
  operation: Operation;
  /** Polls made so far. */
  polls: number;
  elapsedMs: number;
}

export interface WaitOptions {
  signal?: AbortSignal;
  onProgress?: (p: WaitProgress) => void;
  /** Give up after this long (default 10 minutes). */
  timeoutMs?: number;
  backoff?: PollBackoff;
}

export interface OperationPollingDeps {
  fetchOperation(name: string, signal: AbortSignal | undefined): Promise<Operation>;
  sleep(ms: number, signal: AbortSignal | undefined): Promise<void>;
  now(): number;
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;

/**
 * Polls until done; resolves with the operation's `response` (the resource, or an Empty marker
 * for deletes). Throws LakebaseOperationError on `error`, OperationWaitCancelledError when
 * `signal` fires, OperationTimeoutError after `timeoutMs`.
 */
export async function pollOperation(op: Operation, deps: OperationPollingDeps, opts: WaitOptions = {}): Promise<Record<string, unknown> | undefined> {
  const started = deps.now();
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const backoff = opts.backoff ?? DEFAULT_POLL_BACKOFF;
  let current = op;
  let polls = 0;
  for (;;) {
    if (current.done) return settle(current);
    if (opts.signal?.aborted) throw new OperationWaitCancelledError(op.name);
    const elapsed = deps.now() - started;
    if (elapsed >= timeoutMs) throw new OperationTimeoutError(op.name, timeoutMs);
    const delay = Math.min(pollDelayMs(polls, backoff), timeoutMs - elapsed);
    try {
      await deps.sleep(delay, opts.signal);
      current = await deps.fetchOperation(op.name, opts.signal);
    } catch (err) {
      if (opts.signal?.aborted) throw new OperationWaitCancelledError(op.name);
      throw err;
    }
    polls++;
    opts.onProgress?.({ operation: current, polls, elapsedMs: deps.now() - started });
  }
}

function settle(op: Operation): Record<string, unknown> | undefined {
  if (op.error) {
    const requestId = findRequestId(op.error.details);
    throw new LakebaseOperationError(op.name, op.error.error_code, op.error.message || `Operation ${op.name} failed`, requestId);
  }
  return op.response;
}

function findRequestId(details: unknown[] | undefined): string | undefined {
  for (const d of details ?? []) {
    const id = (d as { request_id?: unknown } | null)?.request_id;
    if (typeof id === "string" && id) return id;
  }
  return undefined;
}

/** True for the `google.protobuf.Empty` response of a delete. */
export function isEmptyResponse(response: Record<string, unknown> | undefined): boolean {
  return !response || response["@type"] === "type.googleapis.com/google.protobuf.Empty" || Object.keys(response).length === 0;
}
