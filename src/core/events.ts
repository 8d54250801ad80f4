import type { EventEmitter } from "node:events";

/** What a subscription returns (VS Code's `Disposable` shape, without importing vscode). */
export interface Subscription {
  dispose(): void;
}

/**
 * The one way a core object hands out a subscription to an event of its `EventEmitter`: the
 * returned Subscription removes exactly that listener, once, however often it is disposed.
 */
export function subscribe<A extends unknown[]>(emitter: EventEmitter, event: string, listener: (...args: A) => void): Subscription {
  const fn = listener as (...args: unknown[]) => void;
  emitter.on(event, fn);
  let live = true;
  return { dispose: () => { if (live) { live = false; emitter.off(event, fn); } } };
}
