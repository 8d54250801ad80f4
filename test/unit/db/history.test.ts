import assert from "node:assert/strict";
import { HISTORY_MAX_SQL, QueryHistory, type NewHistoryEntry } from "../../../src/core/db/history";

function memoryStorage(initial?: unknown) {
  const s = { value: initial, writes: 0, get: () => s.value, set: async (v: unknown) => { s.writes++; s.value = JSON.parse(JSON.stringify(v)); } };
  return s;
}

const entry = (sql: string): NewHistoryEntry => ({
  target: { profile: "dev", endpoint: "projects/p/branches/b/endpoints/e", database: "databricks_postgres" },
  sql, durationMs: 12, rows: 3, status: "ok",
});

describe("QueryHistory", () => {
  it("keeps the newest 200, newest first, and survives a reload", async () => {
    const storage = memoryStorage();
    const h = new QueryHistory(storage);
    for (let i = 0; i < 205; i++) await h.add(entry(`SELECT ${i}`));
    assert.equal(h.list().length, 200);
    assert.equal(h.list()[0].sql, "SELECT 204");
    assert.equal(h.list()[199].sql, "SELECT 5");
    const reloaded = new QueryHistory(storage);
    assert.deepEqual(reloaded.list(), h.list());
  });
  it("drops malformed stored entries but keeps good ones", () => {
    const good = { id: "a", time: "2026-01-01T00:00:00Z", target: { profile: "p", endpoint: "e", database: "d" }, sql: "SELECT 1", durationMs: 1, rows: null, status: "error", error: "boom" };
    const h = new QueryHistory(memoryStorage([good, { id: 3 }, "junk", null]));
    assert.deepEqual(h.list(), [good]);
    assert.equal(new QueryHistory(memoryStorage("not a list")).list().length, 0);
  });
  it("caps very long SQL, removes and clears", async () => {
    const storage = memoryStorage();
    const h = new QueryHistory(storage);
    const big = await h.add(entry("x".repeat(HISTORY_MAX_SQL + 10)));
    assert.ok(big.sql.length < HISTORY_MAX_SQL + 40);
    const keep = await h.add(entry("SELECT 2"));
    await h.remove(big.id);
    assert.deepEqual(h.list().map((e) => e.id), [keep.id]);
    await h.clear();
    assert.deepEqual(storage.value, []);
  });
  it("serializes writes so the last state wins", async () => {
    const order: number[] = [];
    let n = 0;
    const storage = { value: undefined as unknown, get: () => undefined, set: async (v: unknown) => { const mine = ++n; await new Promise((r) => setTimeout(r, mine === 1 ? 30 : 1)); order.push(mine); storage.value = v; } };
    const h = new QueryHistory(storage);
    await Promise.all([h.add(entry("a")), h.add(entry("b"))]);
    assert.deepEqual(order, [1, 2]);
    assert.equal((storage.value as Array<{ sql: string }>)[0].sql, "b");
  });
});
