import type { AuthStore } from "./auth";
import type { DataPlane } from "./dataPlanePort";
import type { FaultState } from "./faultState";
import type { Operations } from "./operations";
import type { State } from "./state";

/** Everything the route handlers share. */
export interface ControlPlane {
  state: State;
  ops: Operations;
  dataPlane: DataPlane;
  auth: AuthStore;
  faults: FaultState;
  /** Default lifetime of database credentials, in seconds. */
  credentialTtlSeconds: number;
  /** Call after every state change (persists to --data-dir when set). */
  changed(): void;
  log(line: string): void;
  /** Runs data-plane work for the given branches in order with earlier work on them. */
  serialize<T>(keys: string[], work: () => Promise<T>): Promise<T>;
}

/** Per-key promise chains: work on a branch never overlaps earlier work on it. */
export function createSerializer(): ControlPlane["serialize"] {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(keys: string[], work: () => Promise<T>): Promise<T> => {
    const before = keys.map((k) => tails.get(k) ?? Promise.resolve());
    const run = Promise.allSettled(before).then(work);
    const tail = run.catch(() => undefined);
    for (const k of keys) tails.set(k, tail);
    void tail.then(() => {
      for (const k of keys) if (tails.get(k) === tail) tails.delete(k);
    });
    return run;
  };
}
