import assert from "node:assert/strict";
import { CatalogCache, type CatalogChange } from "../../../src/core/sql/catalog/catalogCache";
import type { Catalog } from "../../../src/core/sql/catalog/catalogTypes";

const catalog = (n: number): Catalog => ({ readAt: n, searchPath: ["public"], database: "db", schemas: [], relations: [], functions: [], types: [] });

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

describe("CatalogCache", () => {
  it("peek never waits: it starts one read, shares it, then answers from the cache", async () => {
    const pending = deferred<Catalog>();
    let loads = 0;
    const cache = new CatalogCache(() => { loads++; return pending.promise; });
    const changes: CatalogChange[] = [];
    cache.onDidChange((c) => changes.push(c));
    assert.equal(cache.peek("t"), undefined);
    assert.equal(cache.peek("t"), undefined);
    const both = Promise.all([cache.get("t"), cache.get("t")]);
    assert.equal(loads, 1);
    assert.deepEqual(cache.state("t"), { status: "loading" });
    pending.resolve(catalog(1));
    const [a, b] = await both;
    assert.equal(a, b);
    assert.equal(cache.peek("t")?.readAt, 1);
    assert.equal(loads, 1);
    assert.deepEqual(changes.map((c) => [c.key, c.state.status]), [["t", "loading"], ["t", "ready"]]);
  });

  it("a failed read is remembered: no new read on peek until retryAfterMs, the error kept for the status", async () => {
    let now = 1000;
    let loads = 0;
    const cache = new CatalogCache(async () => { loads++; throw new Error("connect ECONNREFUSED 127.0.0.1:5432"); }, { now: () => now, retryAfterMs: 5000 });
    await assert.rejects(cache.get("t"), /ECONNREFUSED/);
    assert.deepEqual(cache.state("t"), { status: "failed", error: "connect ECONNREFUSED 127.0.0.1:5432", at: 1000 });
    for (let i = 0; i < 50; i++) assert.equal(cache.peek("t"), undefined);
    assert.equal(loads, 1, "one failure, one attempt: no storm");
    now += 5000;
    cache.peek("t");
    await Promise.resolve();
    assert.equal(loads, 2);
  });

  it("refresh keeps serving the previous catalog while re-reading, and after a failed re-read", async () => {
    let n = 0;
    let fail = false;
    const cache = new CatalogCache(async () => { if (fail) throw new Error("gone"); return catalog(++n); });
    await cache.get("t");
    const again = cache.refresh("t");
    assert.equal(cache.peek("t")?.readAt, 1, "old catalog while the new one loads");
    assert.equal((await again).readAt, 2);
    fail = true;
    await assert.rejects(cache.refresh("t"), /gone/);
    assert.equal(cache.state("t").status, "failed");
    assert.equal(cache.peek("t")?.readAt, 2);
  });

  it("a read overtaken by refresh or forget never overwrites the newer state", async () => {
    const first = deferred<Catalog>();
    const second = deferred<Catalog>();
    const queue = [first, second];
    const signals: AbortSignal[] = [];
    const cache = new CatalogCache((_k, signal) => { signals.push(signal); return queue.shift()!.promise; });
    const a = cache.get("t");
    const b = cache.refresh("t");
    assert.equal(signals[0].aborted, true, "the overtaken read is aborted");
    second.resolve(catalog(2));
    await b;
    first.resolve(catalog(1));
    await a;
    assert.equal(cache.peek("t")?.readAt, 2);
    cache.forget("t");
    assert.deepEqual(cache.state("t"), { status: "none" });
  });

  it("keys are independent", async () => {
    const cache = new CatalogCache(async (key) => ({ ...catalog(0), database: key }));
    assert.equal((await cache.get("a")).database, "a");
    assert.equal((await cache.get("b")).database, "b");
    assert.equal(cache.peek("a")?.database, "a");
  });
});
