// #11 item 3: every core `onDidChange` hands out its subscription through subscribe(). The two
// hand-written ones broke the contract: the compute tracker's Set dropped the second subscription of
// a listener (and one dispose removed both), the editor targets' second dispose removed another one.
import assert from "node:assert/strict";
import { ComputeTracker } from "../../../src/core/compute/computeTracker";
import { EditorTargetStore } from "../../../src/core/sql/editorTargets";
import type { KeyValueStore } from "../../../src/core/target/targetStore";

function memoryStore(): KeyValueStore {
  const data = new Map<string, unknown>();
  return { get: <T>(k: string) => data.get(k) as T | undefined, update: async (k: string, v: unknown) => { data.set(k, v); } } as KeyValueStore;
}

describe("core onDidChange subscriptions", () => {
  it("compute tracker: the same listener twice is two subscriptions; disposing one (twice) keeps the other", () => {
    const tracker = new ComputeTracker({ readEndpoint: async () => { throw new Error("not read here"); } });
    const seen: string[] = [];
    const listener = (c: { endpoint: string; state: string }) => seen.push(`${c.endpoint}:${c.state}`);
    const a = tracker.onDidChange(listener);
    tracker.onDidChange(listener);
    tracker.waking({ profile: "p", endpoint: "e1" });
    a.dispose();
    a.dispose();
    tracker.connected({ profile: "p", endpoint: "e1" });
    assert.deepEqual(seen, ["e1:waking", "e1:waking", "e1:active"]);
  });

  it("editor targets: a second dispose does not remove another subscription of the same listener", async () => {
    const targets = new EditorTargetStore(memoryStore());
    const seen: string[] = [];
    const listener = (doc: string) => seen.push(doc);
    const a = targets.onDidChange(listener);
    targets.onDidChange(listener);
    await targets.set("file:///a.sql", undefined);
    a.dispose();
    a.dispose();
    await targets.set("file:///b.sql", undefined);
    assert.deepEqual(seen, ["file:///a.sql", "file:///a.sql", "file:///b.sql"]);
  });
});
