import assert from "node:assert/strict";
import { AuthError } from "../../../src/core/auth/authError";
import { CredentialManager } from "../../../src/core/credentials/credentialManager";
import type { CredentialKey, CredentialStatus, MintedCredential } from "../../../src/core/credentials/types";
import { memoryLogger, SecretRegistry } from "../../../src/core/log";
import { FakeClock, flush } from "./fakeClock";

const KEY: CredentialKey = { profile: "dev", endpoint: "projects/p/branches/production/endpoints/primary", identity: "me@example.com" };
const HOUR = 3_600_000;

class HttpError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

/** A scripted credential service: counts calls, can fail, can be slow. */
function fakeService(clock: FakeClock, lifetimeMs = HOUR) {
  const svc = {
    calls: 0,
    failWith: undefined as Error | undefined,
    gate: undefined as Promise<void> | undefined,
    mint: async (): Promise<MintedCredential> => {
      svc.calls++;
      const n = svc.calls;
      if (svc.gate) await svc.gate;
      if (svc.failWith) throw svc.failWith;
      return { token: `token-number-${n}-abcdefgh`, expireTime: new Date(clock.now() + lifetimeMs) };
    },
  };
  return svc;
}

function setup(lifetimeMs = HOUR, policy = {}) {
  const clock = new FakeClock();
  const svc = fakeService(clock, lifetimeMs);
  const secrets = new SecretRegistry();
  const logger = memoryLogger(secrets);
  const mgr = new CredentialManager({ mint: svc.mint, secrets, logger, clock, random: () => 0.5, policy: { retryMinMs: 1000, ...policy } });
  const events: Array<[string, CredentialStatus]> = [];
  for (const ev of ["fresh", "refreshing", "expiring-soon", "expired", "failed"] as const) mgr.on(ev, (s) => events.push([ev, s]));
  return { clock, svc, mgr, logger, events };
}

describe("CredentialManager", () => {
  it("caches a token until the refresh window, then fetches a new one", async () => {
    const { clock, svc, mgr } = setup();
    const t1 = await mgr.get(KEY);
    assert.equal(await mgr.get(KEY), t1);
    await clock.advance(HOUR - 5 * 60_000 - 1000);
    assert.equal(await mgr.get(KEY), t1, "still outside the 5-minute window");
    assert.equal(svc.calls, 1);
    await clock.advance(2000);
    assert.equal(await mgr.get(KEY), t1, "inside the window the valid token is served at once…");
    await flush();
    assert.equal(svc.calls, 2, "…and renewed in the background");
    const t2 = await mgr.get(KEY);
    assert.notEqual(t2, t1);
    await clock.advance(5 * 60_000);
    assert.equal(await mgr.get(KEY), t2);
    await clock.advance(HOUR);
    assert.notEqual(await mgr.get(KEY), t2, "an expired token is never served: get() waits for a new one");
    assert.equal(svc.calls, 3);
    mgr.dispose();
  });

  it("scales the refresh window down for short-lived credentials", async () => {
    const { clock, svc, mgr } = setup(10_000);
    await mgr.get(KEY);
    await clock.advance(7_000); // window = 20% of 10 s = 2 s
    await mgr.get(KEY);
    assert.equal(svc.calls, 1);
    await clock.advance(1_500);
    await mgr.get(KEY);
    await flush();
    assert.equal(svc.calls, 2);
    mgr.dispose();
  });

  it("shares one request among concurrent callers", async () => {
    const { svc, mgr } = setup();
    let open!: () => void;
    svc.gate = new Promise((r) => { open = r; });
    const all = Promise.all(Array.from({ length: 50 }, () => mgr.get(KEY)));
    await flush();
    open();
    const tokens = await all;
    assert.equal(svc.calls, 1);
    assert.equal(new Set(tokens).size, 1);
    mgr.dispose();
  });

  it("refreshes in the background while leased, and stops when the lease ends", async () => {
    const { clock, svc, mgr, events } = setup();
    const lease = mgr.acquire(KEY);
    await clock.advance(0);
    assert.equal(svc.calls, 1, "acquire fetches right away");
    await clock.advance(HOUR - 5 * 60_000 + 1);
    assert.equal(svc.calls, 2, "renewed ahead of expiry");
    assert.equal(mgr.status(KEY).state, "fresh");
    lease.dispose();
    await clock.advance(3 * HOUR);
    assert.equal(svc.calls, 2, "no refresh without a lease");
    const refreshing = events.filter(([e]) => e === "refreshing").map(([, st]) => st);
    assert.deepEqual(refreshing.map((st) => [st.state, st.key]), [["refreshing", KEY], ["refreshing", KEY]], "one refreshing event per mint, for this key");
    const fresh = events.filter(([e]) => e === "fresh").map(([, st]) => st);
    assert.deepEqual(fresh.map((st) => st.state), ["fresh", "fresh"]);
    assert.ok(fresh[1]!.expireTime!.getTime() > fresh[0]!.expireTime!.getTime(), "the second fresh event carries the new credential's expiry");
    assert.equal(fresh[0]!.leases, 1);
    mgr.dispose();
  });

  it("keeps serving the valid token through transient failures and retries with backoff", async () => {
    const { clock, svc, mgr, events } = setup();
    const lease = mgr.acquire(KEY);
    await clock.advance(0);
    const t1 = await mgr.get(KEY);
    svc.failWith = new HttpError(503, "temporarily unavailable");
    await clock.advance(HOUR - 5 * 60_000 + 1);
    assert.equal(svc.calls, 2);
    // Many gets during backoff: no extra requests, no errors.
    for (let i = 0; i < 20; i++) assert.equal(await mgr.get(KEY), t1);
    assert.equal(svc.calls, 2);
    const st = mgr.status(KEY);
    assert.equal(st.state, "expiring-soon");
    assert.equal(st.lastError?.fatal, false);
    const failed = events.find(([e]) => e === "failed")?.[1];
    assert.equal(failed?.lastError?.status, 503);
    assert.equal(failed?.lastError?.fatal, false);
    assert.match(failed?.lastError?.message ?? "", /temporarily unavailable/);
    const soon = events.find(([e]) => e === "expiring-soon")?.[1];
    assert.equal(soon?.state, "expiring-soon");
    assert.equal(soon?.expireTime?.getTime(), st.expireTime?.getTime(), "the old credential's expiry, still valid");
    await clock.advance(60_000);
    assert.ok(svc.calls >= 4, `retried: ${svc.calls}`);
    svc.failWith = undefined;
    await clock.advance(60_000);
    assert.equal(mgr.status(KEY).state, "fresh");
    assert.notEqual(await mgr.get(KEY), t1);
    lease.dispose();
    mgr.dispose();
  });

  it("never retries faster than the minimum delay", async () => {
    const { clock, svc, mgr } = setup(HOUR, { retryMinMs: 2000, retryBaseMs: 10 });
    svc.failWith = new Error("socket hang up");
    const lease = mgr.acquire(KEY);
    await clock.advance(10_000);
    assert.ok(svc.calls <= 6, `at most one try per 2 s: ${svc.calls}`);
    assert.ok(svc.calls >= 4);
    lease.dispose();
    mgr.dispose();
  });

  it("stops refreshing on 403 and says why", async () => {
    const { clock, svc, mgr, events, logger } = setup();
    const lease = mgr.acquire(KEY);
    await clock.advance(0);
    svc.failWith = new HttpError(403, "PERMISSION_DENIED: no access");
    await clock.advance(HOUR - 5 * 60_000 + 1);
    const calls = svc.calls;
    await clock.advance(10 * 60_000);
    assert.equal(svc.calls, calls, "no retries after 403");
    const st = mgr.status(KEY);
    assert.equal(st.state, "failed");
    assert.equal(st.lastError?.fatal, true);
    assert.match(st.lastError!.message, /403/);
    assert.match(st.lastError!.message, /access/);
    const failed = events.filter(([e]) => e === "failed").map(([, s]) => s);
    assert.equal(failed.length, 1, "one failed event, no retries");
    assert.equal(failed[0]!.state, "failed");
    assert.equal(failed[0]!.lastError?.status, 403);
    assert.equal(failed[0]!.lastError?.fatal, true);
    assert.equal(failed[0]!.nextRefresh, undefined, "nothing scheduled after a fatal error");
    assert.ok(logger.lines.some((l) => /Stopped refreshing/.test(l)));
    await assert.rejects(mgr.get(KEY), /403/);
    lease.dispose();
    mgr.dispose();
  });

  it("stops refreshing when the profile needs a new login (AuthError, no HTTP status)", async () => {
    const { clock, svc, mgr } = setup();
    const lease = mgr.acquire(KEY);
    await clock.advance(0);
    svc.failWith = new AuthError("needs-login", "dev", "Profile dev needs a new login. Run `databricks auth login`.", "databricks auth login");
    await clock.advance(HOUR - 5 * 60_000 + 1);
    const calls = svc.calls;
    await clock.advance(10 * 60_000);
    assert.equal(svc.calls, calls, "no background retries: only a new login can fix it");
    const st = mgr.status(KEY);
    assert.equal(st.state, "failed");
    assert.equal(st.lastError?.fatal, true);
    assert.match(st.lastError!.message, /databricks auth login/);
    lease.dispose();
    mgr.dispose();
  });

  it("keeps retrying an AuthError that may pass (CLI timeout)", async () => {
    const { clock, svc, mgr } = setup();
    const lease = mgr.acquire(KEY);
    await clock.advance(0);
    svc.failWith = new AuthError("timeout", "dev", "`databricks auth token` did not finish within 30 s");
    await clock.advance(HOUR - 5 * 60_000 + 1);
    const calls = svc.calls;
    await clock.advance(10 * 60_000);
    assert.ok(svc.calls > calls, "a timeout is transient");
    assert.equal(mgr.status(KEY).lastError?.fatal, false);
    lease.dispose();
    mgr.dispose();
  });

  it("fails get() with an actionable message when no valid token can be had", async () => {
    const { svc, mgr } = setup();
    svc.failWith = new HttpError(401, "UNAUTHENTICATED");
    await assert.rejects(mgr.get(KEY), /Could not get a database credential .*Sign in again/);
    mgr.dispose();
  });

  it("checks the real expiry at get() time after a clock jump (laptop sleep)", async () => {
    const { clock, svc, mgr, events } = setup();
    const lease = mgr.acquire(KEY);
    await clock.advance(0);
    const t1 = await mgr.get(KEY);
    clock.jump(2 * HOUR); // timers did not fire
    const t2 = await mgr.get(KEY);
    assert.notEqual(t2, t1);
    assert.equal(svc.calls, 2);
    const expired = events.find(([e]) => e === "expired")?.[1];
    assert.equal(expired?.state, "expired");
    assert.deepEqual(expired?.key, KEY);
    lease.dispose();
    mgr.dispose();
  });

  it("re-reads the wall clock at least every maxTick while leased", async () => {
    const { clock, svc, mgr } = setup(HOUR, { maxTickMs: 30_000 });
    const lease = mgr.acquire(KEY);
    await clock.advance(0);
    clock.jump(HOUR); // sleep: wall clock moved, the pending timer is now stale
    await clock.advance(30_000);
    assert.equal(svc.calls, 2, "the next tick noticed the expiry and refreshed");
    lease.dispose();
    mgr.dispose();
  });

  it("invalidate() drops only the rejected token", async () => {
    const { svc, mgr } = setup();
    const t1 = await mgr.get(KEY);
    mgr.invalidate(KEY, "some-older-token");
    assert.equal(await mgr.get(KEY), t1);
    mgr.invalidate(KEY, t1);
    const t2 = await mgr.get(KEY);
    assert.notEqual(t2, t1);
    assert.equal(svc.calls, 2);
    mgr.dispose();
  });

  it("registers tokens for redaction so an accidental log shows ***", async () => {
    const { mgr, logger } = setup();
    const t = await mgr.get(KEY);
    logger.info(`oops ${t}`);
    assert.ok(logger.lines.every((l) => !l.includes(t)));
    assert.ok(logger.lines.some((l) => l.includes("oops ***")));
    mgr.dispose();
  });

  it("dispose() clears every timer and rejects later calls", async () => {
    const { clock, mgr } = setup();
    mgr.acquire(KEY);
    mgr.acquire({ ...KEY, identity: "other@example.com" });
    await clock.advance(0);
    assert.ok(clock.pending() >= 2);
    mgr.dispose();
    assert.equal(clock.pending(), 0);
    await assert.rejects(mgr.get(KEY), /disposed/);
  });

  it("a caller's abort does not cancel the shared request", async () => {
    const { svc, mgr } = setup();
    let open!: () => void;
    svc.gate = new Promise((r) => { open = r; });
    const ac = new AbortController();
    const a = mgr.get(KEY, ac.signal);
    const b = mgr.get(KEY);
    await flush();
    ac.abort();
    await assert.rejects(a, { name: "AbortError" });
    open();
    assert.match(await b, /token-number-1/);
    assert.equal(svc.calls, 1);
    mgr.dispose();
  });
});
