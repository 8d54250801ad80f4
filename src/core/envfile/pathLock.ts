/**
 * A per-path async mutex: read-modify-write cycles on one file run one after the
 * other inside this process, so two writers never lose each other's keys.
 * (Other processes are not covered; the atomic rename keeps the file whole either way.)
 */
import * as path from "node:path";

const tails = new Map<string, Promise<unknown>>();

export async function withPathLock<T>(filePath: string, fn: () => Promise<T>): Promise<T> {
  const key = path.resolve(filePath);
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(() => fn());
  // The next caller waits for this run whether it succeeds or fails.
  const tail = run.catch(() => undefined);
  tails.set(key, tail);
  try {
    return await run;
  } finally {
    // Forget the path once nobody queued behind us, so the map does not grow forever.
    if (tails.get(key) === tail) tails.delete(key);
  }
}
