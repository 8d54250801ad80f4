import assert from "node:assert/strict";
import { connect } from "node:net";
import { clientFor, connected, rejection, useBranchEndpoint, type Harness } from "./dataPlaneHarness";
import type { EndpointAddress } from "../../../emulator/dataplane/index";

const DEV = "dev@example.com";

function sendCancelRequest(addr: EndpointAddress, pid: number, secret: number): Promise<void> {
  const packet = Buffer.alloc(16);
  packet.writeInt32BE(16, 0);
  packet.writeInt32BE(80877102, 4);
  packet.writeInt32BE(pid, 8);
  packet.writeInt32BE(secret, 12);
  return new Promise((resolve, reject) => {
    const s = connect({ host: addr.host, port: addr.port }, () => s.end(packet));
    s.once("error", reject);
    s.once("close", () => resolve());
  });
}
const BRANCH = "projects/sess/branches/production";

describe("data plane: sessions", function () {
  this.timeout(60_000);
  const endpoint = useBranchEndpoint(BRANCH);
  let h: Harness;
  let addr: EndpointAddress;
  before(() => { h = endpoint.h(); addr = endpoint.addr(); });

  it("forwards a cancel request to the right backend", async () => {
    const c = await connected(addr, DEV, h.tokens.issue("tok-cancel", DEV));
    try {
      const started = Date.now();
      const sleeping = c.query("SELECT pg_sleep(30)");
      await new Promise((r) => setTimeout(r, 300));
      // What libpq and pg send: a CancelRequest carrying the BackendKeyData the client saw at login.
      const { processID, secretKey } = c as unknown as { processID: number; secretKey: number };
      await sendCancelRequest(addr, processID, secretKey);
      const err = await rejection(sleeping);
      assert.equal(err.code, "57014"); // query_canceled
      assert.ok(Date.now() - started < 5000, `cancelled after ${Date.now() - started} ms`);
      const { rows } = await c.query("SELECT 1 AS still_usable");
      assert.equal(rows[0].still_usable, 1);
    } finally {
      await c.end();
    }
  });

  it("dropAllSessions ends every open session, and new logins work afterwards", async () => {
    const a = await connected(addr, DEV, h.tokens.issue("tok-drop-a", DEV));
    const b = await connected(addr, DEV, h.tokens.issue("tok-drop-b", DEV));
    const n = await h.dp.dropAllSessions();
    assert.equal(n, 2);
    const errA = await rejection(a.query("SELECT 1"));
    assert.ok(errA.code === "57P01" || /terminat|Connection/i.test(errA.message), errA.message);
    await rejection(b.query("SELECT 1"));
    const c = await connected(addr, DEV, h.tokens.issue("tok-drop-c", DEV));
    assert.equal((await c.query("SELECT 1 AS ok")).rows[0].ok, 1);
    await c.end();
    await a.end().catch(() => undefined);
    await b.end().catch(() => undefined);
  });

  it("stays awake after a wake-up that its client gave up waiting for", async () => {
    // A pool's connect timeout can be shorter than the wake: the client leaves, backs off and comes
    // back. The compute it woke must still be up then (the service keeps it for its suspend timeout),
    // or a loaded machine's slower retry meets a compute that fell asleep again and waits forever.
    const own = await h.dp.openEndpoint(`${BRANCH}/endpoints/impatient`, BRANCH); // its own compute: no other test's wake
    h.dp.setColdStart(1_000, 200);
    try {
      await new Promise((r) => setTimeout(r, 300)); // idle longer than idleAfterMs
      const impatient = clientFor(own, DEV, h.tokens.issue("tok-impatient", DEV), undefined, { connectionTimeoutMillis: 300 });
      await assert.rejects(impatient.connect(), /timeout/i);
      await new Promise((r) => setTimeout(r, 1_000 + 600)); // the wake ends, then longer than idleAfterMs passes
      const WAKE_MS = 20_000; // a login that waited for a second wake cannot pass for a slow one
      h.dp.setColdStart(WAKE_MS, 200);
      const t = Date.now();
      const back = await connected(own, DEV, h.tokens.issue("tok-back", DEV));
      assert.ok(Date.now() - t < WAKE_MS, `the returning client waited ${Date.now() - t} ms for a second wake-up`);
      await back.end();
    } finally {
      h.dp.setColdStart(0);
    }
  });

  it("makes the first login after an idle spell wait for the cold start", async () => {
    h.dp.setColdStart(800, 200);
    try {
      await new Promise((r) => setTimeout(r, 300)); // idle longer than idleAfterMs
      let t = Date.now();
      const first = await connected(addr, DEV, h.tokens.issue("tok-cold-1", DEV));
      const coldMs = Date.now() - t;
      assert.ok(coldMs >= 800, `first login took ${coldMs} ms`);
      // From here a wake would take 20 s: a login that waited for one cannot pass for a slow
      // login on a loaded machine, so the checks below do not depend on how fast logins are.
      const WAKE_MS = 20_000;
      h.dp.setColdStart(WAKE_MS, 200);
      t = Date.now();
      const second = await connected(addr, DEV, h.tokens.issue("tok-cold-2", DEV));
      const warmMs = Date.now() - t;
      assert.ok(warmMs < WAKE_MS, `login while awake took ${warmMs} ms: it waited for a wake-up`);
      await Promise.all([first.end(), second.end()]);
      // A wrong token is refused without waiting for a wake-up.
      await new Promise((r) => setTimeout(r, 300)); // idle again
      t = Date.now();
      await rejection(connected(addr, DEV, "wrong"));
      assert.ok(Date.now() - t < WAKE_MS, "a wrong token is refused before any wake-up");
    } finally {
      h.dp.setColdStart(0);
    }
  });
});
