import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import { subscribe } from "../../../src/core/events";

describe("subscribe (the core's one event helper)", () => {
  it("delivers the event's arguments and stops after dispose, leaving other listeners alone", () => {
    const emitter = new EventEmitter();
    const seen: Array<[string, number]> = [];
    const other: string[] = [];
    const sub = subscribe(emitter, "change", (folder: string, n: number) => seen.push([folder, n]));
    // The same function subscribed twice: disposing one subscription keeps the other.
    const twice = (folder: string) => other.push(folder);
    const a = subscribe(emitter, "change", twice);
    subscribe(emitter, "change", twice);
    emitter.emit("change", "file:///a", 1);
    sub.dispose();
    a.dispose();
    a.dispose(); // a second dispose must not remove the other subscription of `twice`
    emitter.emit("change", "file:///b", 2);
    assert.deepEqual(seen, [["file:///a", 1]]);
    assert.deepEqual(other, ["file:///a", "file:///a", "file:///b"]);
    assert.equal(emitter.listenerCount("change"), 1);
  });
});
