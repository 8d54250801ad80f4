import type { KeyValueStore } from "../../src/core/target/targetStore";

/** An in-memory stand-in for VS Code's workspaceState: all the target and history stores need. */
export function mapStore(): KeyValueStore {
  const m = new Map<string, unknown>();
  return { get: <T>(k: string) => m.get(k) as T | undefined, update: async (k: string, v: unknown) => void m.set(k, v) };
}
