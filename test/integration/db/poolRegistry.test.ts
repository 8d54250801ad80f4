import assert from "node:assert/strict";
import type { RunEvent } from "../../../src/core/db/runnerTypes";
import { useEmulator } from "../../support/emulator";
import { credentialRequests, makeHarness } from "./queryStack";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("PoolRegistry against the emulator", function () {
  this.timeout(120_000);
  const emu = useEmulator({ seed: true });

  it("logs in with a fresh credential per connection and sets application_name", async () => {
    const h = makeHarness(emu());
    const s = await h.runner.runScript(h.target, "SELECT current_user, current_setting('application_name')", { returnRows: 1 });
    assert.deepEqual(s.results[0].rows, [[h.target.user, "lakebase-vscode"]]);
    assert.ok(h.logger.lines.every((l) => !/dapi[0-9a-f]{8}/.test(l)), "no PAT in logs");
    await h.dispose();
  });

  it("many concurrent queries on one registry raise no listener-leak warning (one waking listener per run)", async () => {
    const h = makeHarness(emu());
    const warnings: string[] = [];
    const onWarning = (w: Error) => { warnings.push(`${w.name}: ${w.message}`); };
    process.on("warning", onWarning);
    try {
      const runs = await Promise.all(Array.from({ length: 12 }, (_, i) => h.runner.runScript(h.target, `SELECT ${i}`, { returnRows: 1 })));
      assert.deepEqual(runs.map((r) => r.results[0].rows), Array.from({ length: 12 }, (_, i) => [[String(i)]]));
      await new Promise((r) => setImmediate(r)); // warnings are emitted on the next tick
      assert.deepEqual(warnings.filter((w) => /MaxListeners/.test(w)), []);
    } finally {
      process.off("warning", onWarning);
      await h.dispose();
    }
  });

  it("waits for a cold compute, says so, and splits connect time from execution", async () => {
    const e = emu();
    await e.faults.dropAllSessions();
    await sleep(700); // the endpoint counts as idle after 500 ms without sessions
    e.faults.setColdStart(2_500);
    const h = makeHarness(e, { pool: { connectTimeoutMs: 1_000, wakeRetryBaseMs: 100 } });
    const events: RunEvent[] = [];
    const s = await h.runner.runScript(h.target, "SELECT 1", { onEvent: (ev) => { events.push(ev); } });
    await h.dispose();
    console.log(`      cold start: connect ${s.timing.connectMs} ms (wake ${s.timing.wakeMs} ms), execute ${s.timing.executeMs} ms`);
    assert.equal(s.error, undefined, JSON.stringify(s.error));
    const waking = events.filter((ev) => ev.type === "waking");
    assert.ok(waking.length >= 1, "a waking event for the UI");
    // Each says which attempt it is and why, so the UI can show "waking the compute (attempt n)".
    assert.deepEqual(waking.map((ev) => ev.type === "waking" && ev.attempt), waking.map((_, i) => i + 1));
    for (const ev of waking) assert.ok(ev.type === "waking" && ev.reason.length > 0, JSON.stringify(ev));
    assert.ok(s.timing.connectMs >= 2_000, `connect ${s.timing.connectMs} ms includes the wake`);
    assert.ok((s.timing.wakeMs ?? 0) >= 2_000);
    // Shorter than the 2.5 s wake, so the wake cannot be in it; no bet on how fast SELECT 1 runs under load.
    assert.ok(s.timing.executeMs < 2_000, `execute ${s.timing.executeMs} ms does not include the wake`);
  });

  it("gives up on a compute that never wakes with an actionable message", async () => {
    const e = emu();
    const h = makeHarness(e, { pool: { connectTimeoutMs: 300, wakeTimeoutMs: 1_000, wakeRetryBaseMs: 100 } });
    const target = { ...h.target, port: 1 }; // nothing listens: ECONNREFUSED every time
    const s = await h.runner.runScript(target, "SELECT 1");
    await h.dispose();
    assert.match(s.error!.message, /did not accept connections within 1 s.*endpoint state/);
  });

  it("survives ~30 s of queries with expiring credentials and dropped sessions: zero failures", async () => {
    const e = emu();
    e.faults.setCredentialLifetime(4);
    e.clearRequests();
    const h = makeHarness(e, { pool: { max: 3 } });
    const failures: string[] = [];
    let runs = 0;
    let drops = 0;
    const until = Date.now() + 30_000;
    for (let i = 0; Date.now() < until; i++) {
      if (i % 7 === 3) {
        drops += await e.faults.dropAllSessions();
      }
      // A mix: single statements, and a few concurrent scripts that need several connections.
      const scripts = i % 5 === 0
        ? ["SELECT count(*) FROM customers", "SELECT pg_sleep(0.05), 1", "SET statement_timeout = '5s'; SELECT 2"]
        : ["SELECT id, name FROM customers ORDER BY id"];
      const outcomes = await Promise.all(scripts.map((sql) => h.runner.runScript(h.target, sql)));
      for (const o of outcomes) if (o.error) failures.push(`${i}: ${o.error.message}`);
      runs += scripts.length;
      await sleep(20);
    }
    const requests = credentialRequests(e);
    const retried = h.logger.lines.filter((l) => /closed by the server; retrying/.test(l)).length;
    await h.dispose();
    console.log(`      ${runs} scripts in 30 s, ${drops} sessions dropped, ${requests} credentials minted, ${retried} dead pooled connections replaced, ${failures.length} failures`);
    assert.deepEqual(failures, []);
    assert.ok(requests >= 6, `credentials were renewed repeatedly (${requests})`);
    assert.ok(drops >= 5);
  });
});
