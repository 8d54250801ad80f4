import assert from "node:assert/strict";
import { runCapped } from "../../../src/core/db/cappedQuery";
import type { RunEvent } from "../../../src/core/db/runnerTypes";
import { useEmulator } from "../../support/emulator";
import { makeHarness, type Harness } from "./queryStack";

const MB = 2 ** 20;
/** 100,000 rows of ~1 KB: about 100 MB if a client kept them all. */
const WIDE = "SELECT g, repeat('x', 1000) AS pad FROM generate_series(1, 100000) g";

/** Characters of text the run handed out in `rows` events, per result. */
function rowText(events: RunEvent[]): number {
  let n = 0;
  for (const e of events) if (e.type === "rows") for (const r of e.rows) for (const v of r) n += v?.length ?? 0;
  return n;
}

describe("Result memory is bounded for every row-returning statement (emulator)", function () {
  this.timeout(120_000);
  const emu = useEmulator({ seed: true });
  let h: Harness;
  beforeEach(() => { h = makeHarness(emu()); });
  afterEach(async () => { await h.dispose(); });

  /**
   * Heap in use when the first page arrives, over the heap before the run. Whatever the client
   * has buffered by then is still referenced (it is about to be handed out), so no GC can hide it.
   */
  async function heapAtFirstPage(sql: string, opts: { maxRows?: number; maxResultBytes?: number }) {
    const events: RunEvent[] = [];
    (globalThis as { gc?: () => void }).gc?.();
    const before = process.memoryUsage().heapUsed;
    let atFirst: number | undefined;
    const s = await h.runner.runScript(h.target, sql, {
      ...opts, pageSize: 1000, returnRows: 0,
      onEvent: (e) => {
        events.push(e);
        if (e.type === "rows" && atFirst === undefined) atFirst = process.memoryUsage().heapUsed;
      },
    });
    return { s, events, grewMb: ((atFirst ?? before) - before) / MB };
  }

  it("EXECUTE of a prepared huge SELECT streams through the cursor: stops at maxRows without buffering the rest", async () => {
    const { s, events, grewMb } = await heapAtFirstPage(`PREPARE wide AS ${WIDE}; EXECUTE wide;`, { maxRows: 2000 });
    assert.equal(s.error, undefined, JSON.stringify(s.error));
    assert.ok(grewMb < 32, `heap grew ${grewMb.toFixed(1)} MB before the first page: the whole result was buffered`);
    const exec = s.results[1];
    assert.equal(exec.command, "EXECUTE");
    assert.equal(exec.rowCount, 2000);
    assert.equal(exec.truncated, true);
    assert.equal(exec.cappedBy, "rows");
    assert.deepEqual(events.filter((e) => e.type === "rows").map((e) => e.type === "rows" && e.rows.length), [1000, 1000], "paged like a SELECT");
  });

  it("EXECUTE of a prepared INSERT still reports the rows it affected", async () => {
    const s = await h.runner.runScript(h.target, `
      CREATE TEMP TABLE sink (a int);
      PREPARE ins(int) AS INSERT INTO sink SELECT g FROM generate_series(1, $1) g;
      EXECUTE ins(3);
      PREPARE ret(int) AS INSERT INTO sink VALUES ($1) RETURNING a;
      EXECUTE ret(42);`, { returnRows: 5 });
    assert.equal(s.error, undefined, JSON.stringify(s.error));
    assert.equal(s.results[2].command, "INSERT");
    assert.equal(s.results[2].rowCount, 3);
    assert.deepEqual(s.results[4].rows, [["42"]]);
    assert.equal(s.results[4].rowCount, 1);
  });

  it("a huge FETCH stops at maxResultBytes and says it was capped by size", async () => {
    const sql = `BEGIN; DECLARE c NO SCROLL CURSOR FOR ${WIDE}; FETCH ALL FROM c; COMMIT;`;
    const { s, events, grewMb } = await heapAtFirstPage(sql, { maxRows: Infinity, maxResultBytes: 2 * MB });
    assert.equal(s.error, undefined, JSON.stringify(s.error));
    const fetch = s.results[2];
    assert.equal(fetch.command, "FETCH");
    assert.equal(fetch.truncated, true);
    assert.equal(fetch.cappedBy, "bytes");
    assert.ok(fetch.rowCount! > 1000 && fetch.rowCount! < 2100, `about 2 MB of 1 KB rows: ${fetch.rowCount}`);
    const done = events.find((e) => e.type === "resultDone" && e.index === 2);
    assert.ok(done && done.type === "resultDone" && done.truncated && done.cappedBy === "bytes");
    assert.ok(rowText(events) <= 2 * MB, `handed out ${rowText(events)} characters`);
    assert.ok(grewMb < 32, `heap grew ${grewMb.toFixed(1)} MB`);
    assert.deepEqual(s.results.map((r) => r.command), ["BEGIN", "DECLARE", "FETCH", "COMMIT"]);
  });

  it("caps every row-returning kind: SHOW, TABLE, VALUES, WITH, EXPLAIN, RETURNING, CALL", async () => {
    const s = await h.runner.runScript(h.target, `
      CREATE TEMP TABLE many AS SELECT g FROM generate_series(1, 50) g;
      CREATE OR REPLACE PROCEDURE pg_temp.twice(IN a int, OUT b int) LANGUAGE plpgsql AS $$ BEGIN b := a * 2; END $$;
      SHOW ALL;
      TABLE many;
      VALUES (1), (2), (3), (4), (5), (6), (7), (8), (9), (10), (11);
      WITH w AS (SELECT g FROM many) SELECT * FROM w;
      EXPLAIN SELECT * FROM many;
      INSERT INTO many SELECT g FROM generate_series(51, 80) g RETURNING g;
      CALL pg_temp.twice(21, NULL);`, { maxRows: 10, returnRows: 10 });
    assert.equal(s.error, undefined, JSON.stringify(s.error));
    const byCommand = new Map(s.results.map((r) => [r.command, r]));
    for (const cmd of ["SHOW", "TABLE", "VALUES", "WITH", "INSERT"]) {
      const r = s.results.find((x) => x.command === cmd || (cmd === "TABLE" && x.statementIndex === 3) || (cmd === "WITH" && x.statementIndex === 5));
      assert.ok(r, cmd);
      assert.equal(r.truncated, true, `${cmd} capped`);
      assert.equal(r.cappedBy, "rows");
      assert.equal(r.rows!.length, 10);
    }
    assert.deepEqual(byCommand.get("CALL")!.rows, [["42"]]);
    assert.equal(byCommand.get("CALL")!.truncated, false);
  });

  it("caps notices per run and says how many were dropped; a huge notice is shortened", async () => {
    const events: RunEvent[] = [];
    const s = await h.runner.runScript(h.target, `
      DO $$ BEGIN FOR i IN 1..700 LOOP RAISE NOTICE 'n %', i; END LOOP; END $$;
      DO $$ BEGIN RAISE NOTICE '%', repeat('y', 200000); END $$;`, { maxNotices: 500, onEvent: (e) => { events.push(e); } });
    assert.equal(s.error, undefined, JSON.stringify(s.error));
    const notices = events.filter((e): e is Extract<RunEvent, { type: "notice" }> => e.type === "notice");
    assert.equal(notices.length, 501, "500 kept plus one that counts the rest");
    assert.equal(notices[0].message, "n 1");
    assert.equal(notices[499].message, "n 500");
    assert.match(notices[500].message, /201 more notices were dropped.*500/);
    const long = await h.runner.runScript(h.target, "DO $$ BEGIN RAISE NOTICE '%', repeat('y', 200000); END $$;", { onEvent: (e) => { events.push(e); } });
    assert.equal(long.error, undefined);
    const big = events.filter((e) => e.type === "notice").at(-1) as Extract<RunEvent, { type: "notice" }>;
    assert.ok(big.message.length < 10_000, `notice of ${big.message.length} characters`);
    assert.match(big.message, /^y+… \(notice shortened: 200000 characters\)$/);
  });

  it("the simple protocol keeps at most the budget per result, and the server's count of the rest", async () => {
    const { client } = await h.pools.connect(h.target);
    try {
      const [many, one] = await runCapped(client, `${WIDE}; SELECT 'last' AS s`, { maxRows: 1e9, maxBytes: MB });
      assert.equal(many.cappedBy, "bytes");
      assert.equal(many.rowCount, 100_000, "the server's count");
      assert.ok(many.rows.length > 900 && many.rows.length < 1100, `rows kept: ${many.rows.length}`);
      assert.deepEqual(one.rows, [["last"]], "each result has its own budget");
      assert.equal(one.cappedBy, undefined);
      const [rows] = await runCapped(client, "SELECT g FROM generate_series(1, 50) g", { maxRows: 7, maxBytes: MB });
      assert.deepEqual(rows.rows.map((r) => r[0]), ["1", "2", "3", "4", "5", "6", "7"]);
      assert.equal(rows.cappedBy, "rows");
    } finally {
      client.release();
    }
  });
});
