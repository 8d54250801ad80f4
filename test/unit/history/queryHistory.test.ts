import assert from "node:assert/strict";
import { HISTORY_MAX_SQL, QueryHistory, type NewHistoryEntry } from "../../../src/core/history/queryHistory";

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
  it("keeps a run's bind parameters across a reload; entries without them stay valid", async () => {
    const storage = memoryStorage();
    const h = new QueryHistory(storage);
    await h.add({ ...entry("SELECT $1, :name"), parameters: { $1: "7", ":name": null } });
    await h.add(entry("SELECT 1"));
    const reloaded = new QueryHistory(storage);
    assert.deepEqual(reloaded.list().map((e) => e.parameters), [undefined, { $1: "7", ":name": null }]);
    const bad = new QueryHistory(memoryStorage([{ ...reloaded.list()[1], parameters: { $1: 7 } }]));
    assert.equal(bad.list().length, 0, "a parameter value that is not text or null is malformed");
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

describe("QueryHistory masks password literals", () => {
  const cases: Array<[string, string]> = [
    ["CREATE ROLE app LOGIN PASSWORD 's3cret-pw'", "CREATE ROLE app LOGIN PASSWORD '***'"],
    ["create role app with login password 'it''s-secret'", "create role app with login password '***'"],
    ["ALTER ROLE app WITH PASSWORD 'n3w-pw' VALID UNTIL '2030-01-01'", "ALTER ROLE app WITH PASSWORD '***' VALID UNTIL '2030-01-01'"],
    ["ALTER USER bob PASSWORD 'pw-1'", "ALTER USER bob PASSWORD '***'"],
    ["CREATE USER bob ENCRYPTED PASSWORD 'md5abcdef'", "CREATE USER bob ENCRYPTED PASSWORD '***'"],
    ["ALTER ROLE app PASSWORD E'a\\'b\\\\c''d'", "ALTER ROLE app PASSWORD '***'"],
    ["ALTER ROLE app PASSWORD $$dollar 'quoted'$$;", "ALTER ROLE app PASSWORD '***';"],
    ["ALTER ROLE app PASSWORD $pw$tagged$$x$pw$", "ALTER ROLE app PASSWORD '***'"],
    ["ALTER ROLE app PASSWORD\n  /* why */ 'after-comment'", "ALTER ROLE app PASSWORD\n  /* why */ '***'"],
    ["ALTER ROLE app PASSWORD U&'d\\0061ta'", "ALTER ROLE app PASSWORD '***'"],
    ["SELECT dblink_connect('host=h dbname=d password=conn-secret user=u')", "SELECT dblink_connect('host=h dbname=d password=*** user=u')"],
    ["ALTER ROLE app PASSWORD 'unterminated secret", "ALTER ROLE app PASSWORD '***'"],
    ["CREATE USER MAPPING FOR me SERVER s OPTIONS (user 'u', password 'fdw-secret')", "CREATE USER MAPPING FOR me SERVER s OPTIONS (user 'u', password '***')"],
  ];

  for (const [sql, expected] of cases) {
    it(`stores ${JSON.stringify(sql)} masked`, async () => {
      const storage = memoryStorage();
      const h = new QueryHistory(storage);
      const added = await h.add(entry(sql));
      assert.equal(added.sql, expected);
      assert.equal((storage.value as Array<{ sql: string }>)[0]!.sql, expected);
    });
  }

  it("leaves statements without a password literal exactly as written", async () => {
    const h = new QueryHistory(memoryStorage());
    for (const sql of ["ALTER ROLE app PASSWORD NULL", "SELECT 'password' AS word, passwords FROM t", "SELECT password_hash FROM users WHERE id = 'x'", "CREATE ROLE app LOGIN"]) {
      assert.equal((await h.add(entry(sql))).sql, sql);
    }
  });

  it("masks before truncating a huge script, so no half literal survives", async () => {
    const h = new QueryHistory(memoryStorage());
    const sql = `${"-".repeat(HISTORY_MAX_SQL - 30)}\nALTER ROLE x PASSWORD '${"s".repeat(100)}'`;
    const stored = (await h.add(entry(sql))).sql;
    assert.ok(!stored.includes("sssss"), stored.slice(-80));
  });

  it("masks the password where Postgres's error message quotes it back", async () => {
    const h = new QueryHistory(memoryStorage());
    const added = await h.add({
      ...entry("ALTER ROLE app PASSWORD 's3cret-unterminated"), status: "error", rows: null,
      error: `unterminated quoted string at or near "'s3cret-unterminated"`,
    });
    assert.equal(added.sql, "ALTER ROLE app PASSWORD '***'");
    assert.equal(added.error, 'unterminated quoted string at or near "***"');
    const other = await h.add({ ...entry("ALTER ROLE app PASSWORD $$dollar-pw$$ NOLOGN"), status: "error", rows: null, error: 'syntax error: "dollar-pw" then NOLOGN' });
    assert.equal(other.error, 'syntax error: "***" then NOLOGN');
  });

  it("masks entries stored before masking existed when they are loaded", () => {
    const old = { id: "a", time: "2026-01-01T00:00:00Z", target: { profile: "p", endpoint: "e", database: "d" }, sql: "ALTER ROLE x PASSWORD 'old-secret'", durationMs: 1, rows: null, status: "ok" };
    assert.equal(new QueryHistory(memoryStorage([old])).list()[0]!.sql, "ALTER ROLE x PASSWORD '***'");
  });
});
