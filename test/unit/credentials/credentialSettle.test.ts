import assert from "node:assert/strict";
import { CredentialManager } from "../../../src/core/credentials/credentialManager";
import type { CredentialKey, CredentialStatus, MintedCredential } from "../../../src/core/credentials/types";
import { memoryLogger, SecretRegistry } from "../../../src/core/log";
import { FakeClock } from "./fakeClock";

const KEY: CredentialKey = { profile: "dev", endpoint: "projects/p/branches/production/endpoints/primary", identity: "me@example.com" };
const OTHER: CredentialKey = { profile: "prod", endpoint: "projects/q/branches/production/endpoints/primary", identity: "me@example.com" };
const HOUR = 3_600_000;

class HttpError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

function setup() {
  const clock = new FakeClock();
  const svc = {
    calls: [] as string[],
    failWith: undefined as Error | undefined,
    mint: async (key: CredentialKey): Promise<MintedCredential> => {
      svc.calls.push(key.profile);
      if (svc.failWith) throw svc.failWith;
      return { token: `token-number-${svc.calls.length}-abcdefgh`, expireTime: new Date(clock.now() + HOUR) };
    },
  };
  const secrets = new SecretRegistry();
  const mgr = new CredentialManager({ mint: svc.mint, secrets, logger: memoryLogger(secrets), clock, random: () => 0.5, policy: { retryMinMs: 1000 } });
  const events: Array<[string, CredentialStatus]> = [];
  for (const ev of ["fresh", "refreshing", "expiring-soon", "expired", "failed"] as const) mgr.on(ev, (s) => events.push([ev, s]));
  return { clock, svc, mgr, events };
}

describe("CredentialManager: events report the settled state", () => {
  it("every event kind carries its own state, expiry and error", async () => {
    const { clock, svc, mgr, events } = setup();
    const lease = mgr.acquire(KEY);
    await clock.advance(0);
    assert.deepEqual(events.map(([e, s]) => [e, s.state]), [["refreshing", "refreshing"], ["fresh", "fresh"]]);
    const [, fresh] = events[1];
    assert.equal(fresh.expireTime?.getTime(), clock.now() + HOUR);
    assert.equal(fresh.lastError, undefined);
    assert.equal(fresh.nextRefresh?.getTime(), clock.now() + HOUR - 5 * 60_000, "the fresh event already knows the next refresh");
    assert.equal(events[0][1].expireTime, undefined, "nothing minted yet while refreshing");

    // A transient failure in the refresh window: "failed" with a still-valid token, then "expiring-soon".
    events.length = 0;
    svc.failWith = new HttpError(503, "temporarily unavailable");
    await clock.advance(HOUR - 5 * 60_000);
    const failed = events.find(([e]) => e === "failed")![1];
    assert.equal(failed.state, "expiring-soon", "settled: the old token is still good and in its refresh window");
    assert.equal(failed.expireTime?.getTime(), fresh.expireTime?.getTime());
    assert.equal(failed.lastError?.status, 503);
    assert.equal(failed.lastError?.fatal, false);
    assert.ok(failed.nextRefresh, "the retry is already scheduled");
    const soon = events.find(([e]) => e === "expiring-soon")![1];
    assert.equal(soon.state, "expiring-soon");
    assert.equal(soon.lastError?.status, 503);

    // Still failing until past expiry: "expired".
    events.length = 0;
    lease.dispose();
    await clock.advance(5 * 60_000 + 1);
    await assert.rejects(mgr.get(KEY), /503|temporarily/);
    const expired = events.find(([e]) => e === "expired")![1];
    assert.equal(expired.state, "expired");
    assert.equal(expired.expireTime?.getTime(), fresh.expireTime?.getTime());

    // A fatal failure: "failed" with state failed, no next refresh.
    events.length = 0;
    svc.failWith = new HttpError(403, "PERMISSION_DENIED: no access");
    mgr.acquire(KEY);
    await clock.advance(2000);
    const fatal = events.filter(([e]) => e === "failed").at(-1)![1];
    assert.equal(fatal.state, "failed");
    assert.equal(fatal.lastError?.fatal, true);
    assert.match(fatal.lastError!.message, /403/);
    assert.equal(fatal.nextRefresh, undefined);
    assert.ok(events.every(([e, s]) => e === "refreshing" || s.state !== "refreshing"), "only the refreshing event says refreshing");
    mgr.dispose();
  });
});

describe("CredentialManager: a fatal failure stops direct callers too", () => {
  it("get() after a 401 rejects at once with the reason and asks the service no more", async () => {
    const { svc, mgr } = setup();
    svc.failWith = new HttpError(401, "UNAUTHENTICATED");
    await assert.rejects(mgr.get(KEY), /Sign in again/);
    assert.equal(svc.calls.length, 1);
    for (let i = 0; i < 10; i++) await assert.rejects(mgr.get(KEY), /Could not get a database credential .*401.*Sign in again/);
    assert.equal(svc.calls.length, 1, "no new mint request per call");
    assert.equal(mgr.status(KEY).state, "failed");
    mgr.dispose();
  });

  it("resume(profile) lets the next get() try again and recover; other profiles stay stopped", async () => {
    const { svc, mgr, clock } = setup();
    svc.failWith = new HttpError(403, "PERMISSION_DENIED");
    await assert.rejects(mgr.get(KEY), /403/);
    await assert.rejects(mgr.get(OTHER), /403/);
    assert.deepEqual(svc.calls, ["dev", "prod"]);
    svc.failWith = undefined;
    mgr.resume("dev");
    assert.match(await mgr.get(KEY), /^token-number-3/);
    await assert.rejects(mgr.get(OTHER), /403/);
    assert.deepEqual(svc.calls, ["dev", "prod", "dev"], "the other profile was not asked again");
    mgr.resume();
    assert.match(await mgr.get(OTHER), /^token-number-4/);
    assert.equal(mgr.status(KEY).state, "fresh");
    await clock.advance(0);
    mgr.dispose();
  });

  it("resume() restarts the refresher of a leased credential", async () => {
    const { svc, mgr, clock } = setup();
    const lease = mgr.acquire(KEY);
    svc.failWith = new HttpError(401, "UNAUTHENTICATED");
    await clock.advance(0);
    await clock.advance(10 * 60_000);
    assert.equal(svc.calls.length, 1, "stopped after the 401");
    svc.failWith = undefined;
    mgr.resume("dev");
    await clock.advance(0);
    assert.equal(svc.calls.length, 2, "the lease's refresher runs again");
    assert.equal(mgr.status(KEY).state, "fresh");
    lease.dispose();
    mgr.dispose();
  });
});
