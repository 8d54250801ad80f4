import { ApiError, errorBody, notFound } from "./errors";
import { uuid } from "./ids";
import type { Json } from "./state";

/**
 * Long-running operations (reference §1.4). An operation is done when its
 * work has finished AND it has been polled `polls` times AND `minMs` have
 * passed, so clients really exercise their polling loop.
 */
export type OperationKind = "Project" | "Branch" | "Endpoint" | "Database" | "Role";

interface OpRec {
  name: string;
  kind: OperationKind;
  pollsLeft: number;
  readyAt: number;
  finished: boolean;
  response?: Json;
  error?: ApiError;
}

export interface OperationTiming {
  polls: number;
  minMs: number;
}

export const EMPTY_RESPONSE: Json = { "@type": "type.googleapis.com/google.protobuf.Empty" };

export class Operations {
  private readonly ops = new Map<string, OpRec>();
  /** Work still running; awaited on stop so nothing touches a stopped data plane. */
  private readonly pending = new Set<Promise<void>>();

  constructor(readonly timing: OperationTiming) {}

  /**
   * Starts `work` and returns the operation body to answer with. `work`
   * resolves to the response (the resource, or EMPTY_RESPONSE for deletes).
   */
  start(resourceName: string, kind: OperationKind, work: () => Promise<Json>): Json {
    const rec: OpRec = {
      name: `${resourceName}/operations/${uuid()}`,
      kind,
      pollsLeft: this.timing.polls,
      readyAt: Date.now() + this.timing.minMs,
      finished: false,
    };
    this.ops.set(rec.name, rec);
    const p = (async () => {
      try {
        rec.response = await work();
      } catch (err) {
        rec.error = err instanceof ApiError ? err : new ApiError(500, "INTERNAL_ERROR", `Operation failed: ${(err as Error).message}`);
      } finally {
        rec.finished = true;
      }
    })();
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
    return this.view(rec);
  }

  /** GET /api/2.0/postgres/{name}: counts as one poll. */
  poll(name: string): Json {
    const rec = this.ops.get(name);
    if (!rec) throw notFound("operation");
    if (rec.pollsLeft > 0) rec.pollsLeft--;
    else if (rec.finished && Date.now() >= rec.readyAt) return this.view(rec, true);
    return this.view(rec);
  }

  /** Resolves when all started work has finished. */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private view(rec: OpRec, done = false): Json {
    const body: Json = {
      name: rec.name,
      done,
      metadata: { "@type": `type.googleapis.com/databricks.postgres.v1.${rec.kind}OperationMetadata` },
    };
    if (!done) return body;
    if (rec.error) {
      const e = errorBody(rec.error, uuid());
      body.error = { error_code: e.error_code, message: e.message, details: e.details };
    } else {
      body.response = rec.response ?? EMPTY_RESPONSE;
    }
    return body;
  }
}
