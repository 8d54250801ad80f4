import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_MAX_ROWS, DEFAULT_PAGE_SIZE, type ExtensionMessage } from "../../../src/shared/protocol";
import { emptyResultStream, foldResultMessage, newStreamResult, replayResultStream } from "../../../src/shared/resultStream";
import { ReplayLog } from "../../../src/ui/results/replayLog";
import { DEFAULT_QUERY_MAX_ROWS, DEFAULT_QUERY_PAGE_SIZE } from "../../../src/ui/query/queryDefaults";
import { ResultStore } from "../../../webview/results/resultStore";

const target = { label: "demo-app / production / databricks_postgres", branch: "production" };
const cols = [{ name: "id", typeName: "int4", typeOid: 23, tableOid: 16384, tableColumn: 1 }, { name: "name", typeName: "text", typeOid: 25, tableOid: 16384, tableColumn: 2 }];
const edit = { table: "public.customers", key: [0], writable: [true, true] };

/** One query with two result sets, pages, a notice, a late "Edit Rows" and an error at the end. */
function sequence(): ExtensionMessage[] {
  return [
    { type: "queryStarted", queryId: "q1", sql: "select 1; select 2", target, startedAt: 1000 },
    { type: "resultStarted", resultId: "r1", queryId: "q1", index: 0, columns: cols },
    { type: "rows", resultId: "r1", rows: [["1", "ann"], ["2", null]], totalLoaded: 2 },
    { type: "notice", queryId: "q1", severity: "NOTICE", message: "hello" },
    { type: "rows", resultId: "r1", rows: [["3", ""]], totalLoaded: 3 },
    { type: "resultDone", resultId: "r1", command: "SELECT 3", rowCount: 3, truncated: false, limit: 100_000 },
    { type: "resultStarted", resultId: "r2", queryId: "q1", index: 1, columns: [cols[0]] },
    { type: "rows", resultId: "r2", rows: [["9"]], totalLoaded: 1 },
    { type: "resultDone", resultId: "r2", command: "SELECT 1", rowCount: 1, truncated: true, limit: 1, cappedBy: "rows" },
    // Messages of an older query arrive late: both sides must ignore them.
    { type: "resultStarted", resultId: "old", queryId: "q0", index: 0, columns: cols },
    { type: "notice", queryId: "q0", message: "stale" },
    { type: "queryError", queryId: "q0", message: "old failure" },
    { type: "queryError", queryId: "q1", message: "division by zero", sqlstate: "22012", position: 8, line: 6, column: 8 },
    { type: "editEnabled", resultId: "r1", edit },
  ];
}

/** The part of the webview's store a user sees, without its view objects. */
function seen(store: ResultStore) {
  const { endedAt: _e, ...query } = store.query ?? { endedAt: 0 };
  return {
    query,
    results: store.results.map((r) => ({ resultId: r.resultId, index: r.index, columns: r.columns, rows: r.rows, done: r.done, editInfo: r.editInfo })),
    notices: store.notices,
  };
}

describe("results stream reducer (shared by the host's replay log and the webview's store)", () => {
  it("folds a query's messages: result sets in order, pages appended, notices, the end, stale messages ignored", () => {
    const state = emptyResultStream();
    for (const m of sequence()) foldResultMessage(state, m, newStreamResult);
    assert.deepEqual(state.query, {
      queryId: "q1", sql: "select 1; select 2", target, startedAt: 1000, running: false,
      error: { message: "division by zero", sqlstate: "22012", position: 8, line: 6, column: 8 },
    });
    assert.deepEqual(state.results.map((r) => [r.resultId, r.index, r.rows]), [["r1", 0, [["1", "ann"], ["2", null], ["3", ""]]], ["r2", 1, [["9"]]]]);
    assert.deepEqual(state.results[0].editInfo, edit);
    assert.deepEqual(state.results[1].done, { command: "SELECT 1", rowCount: 1, truncated: true, limit: 1, cappedBy: "rows" });
    assert.deepEqual(state.notices, [{ severity: "NOTICE", message: "hello" }]);
  });

  it("returns the result set a message touched, and nothing for query-level or unknown-result messages", () => {
    const state = emptyResultStream();
    const seq = sequence();
    assert.equal(foldResultMessage(state, seq[0], newStreamResult), undefined);
    assert.equal(foldResultMessage(state, seq[1], newStreamResult)?.resultId, "r1");
    assert.equal(foldResultMessage(state, { type: "rows", resultId: "nope", rows: [["x"]], totalLoaded: 1 }, newStreamResult), undefined);
    assert.equal(state.results.length, 1);
  });

  it("a new query, or a `state` snapshot, starts from nothing", () => {
    const state = emptyResultStream();
    for (const m of sequence()) foldResultMessage(state, m, newStreamResult);
    foldResultMessage(state, { type: "queryStarted", queryId: "q2", sql: "select 3", target, startedAt: 2000 }, newStreamResult);
    assert.deepEqual(state, { query: { queryId: "q2", sql: "select 3", target, startedAt: 2000, running: true }, results: [], notices: [] });
    foldResultMessage(state, { type: "state", query: null }, newStreamResult);
    assert.deepEqual(state, { query: null, results: [], notices: [] });
  });

  it("result sets are kept in index order whatever order they start in", () => {
    const state = emptyResultStream();
    foldResultMessage(state, { type: "queryStarted", queryId: "q", sql: "s", target, startedAt: 1 }, newStreamResult);
    foldResultMessage(state, { type: "resultStarted", resultId: "b", queryId: "q", index: 1, columns: cols }, newStreamResult);
    foldResultMessage(state, { type: "resultStarted", resultId: "a", queryId: "q", index: 0, columns: cols }, newStreamResult);
    assert.deepEqual(state.results.map((r) => r.resultId), ["a", "b"]);
  });

  it("replaying a folded state and folding the replay gives the same state (rows merged into larger pages)", () => {
    const state = emptyResultStream();
    for (const m of sequence()) foldResultMessage(state, m, newStreamResult);
    const replay = [...replayResultStream(state, 2)];
    assert.equal(replay[0].type, "state");
    assert.deepEqual(replay.filter((m) => m.type === "rows").map((m) => (m as { rows: unknown[] }).rows.length), [2, 1, 1]);
    const again = emptyResultStream();
    for (const m of replay) foldResultMessage(again, m, newStreamResult);
    assert.deepEqual(again, state);
  });

  it("the webview's store rebuilt from the host's replay equals the store that saw the live stream", () => {
    const live = new ResultStore();
    const log = new ReplayLog();
    for (const m of sequence()) { live.apply(m); log.record(m); }
    const rebuilt = new ResultStore();
    for (const m of log.replay()) rebuilt.apply(m);
    assert.deepEqual(seen(rebuilt), seen(live));
    assert.deepEqual(seen(live).results[0].editInfo, edit);
    assert.equal(live.query?.error?.line, 6);
    assert.ok(typeof live.query?.endedAt === "number", "the store stamps when the query ended");
  });

  it("one page-size default: the protocol's, the settings' and package.json's agree", () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, "../../../package.json"), "utf8")) as { contributes: { configuration: Array<{ properties: Record<string, { default?: unknown }> }> | { properties: Record<string, { default?: unknown }> } } };
    const sections = Array.isArray(manifest.contributes.configuration) ? manifest.contributes.configuration : [manifest.contributes.configuration];
    const prop = (k: string) => sections.map((s) => s.properties[k]).find(Boolean)?.default;
    assert.equal(DEFAULT_QUERY_PAGE_SIZE, DEFAULT_PAGE_SIZE);
    assert.equal(prop("lakebase.query.pageSize"), DEFAULT_PAGE_SIZE);
    assert.equal(DEFAULT_QUERY_MAX_ROWS, DEFAULT_MAX_ROWS);
    assert.equal(prop("lakebase.query.maxRows"), DEFAULT_MAX_ROWS);
  });
});
