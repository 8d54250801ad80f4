import assert from "node:assert/strict";
import { TypeNameCache } from "../../../src/core/db/typeNames";

describe("db: type names", () => {
  it("names built-ins without a lookup and caches looked-up ones", async () => {
    const cache = new TypeNameCache();
    let lookups = 0;
    const lookup = async (_sql: string, params: unknown[]) => {
      lookups++;
      assert.deepEqual(params, [["90001", "90002"]]);
      return [{ oid: "90001", name: "mood" }];
    };
    const names = await cache.resolve([23, 25, 90001, 90002, 1184, 90001], lookup);
    assert.equal(names.get(23), "int4");
    assert.equal(names.get(1184), "timestamptz");
    assert.equal(names.get(90001), "mood");
    assert.equal(names.get(90002), "90002", "unknown oid falls back to its number");
    await cache.resolve([90001], async () => { throw new Error("should not be called"); });
    assert.equal(lookups, 1);
  });
  it("a failing lookup shows oids instead of failing", async () => {
    const names = await new TypeNameCache().resolve([77777], async () => { throw new Error("pool exhausted"); });
    assert.equal(names.get(77777), "77777");
  });
});
