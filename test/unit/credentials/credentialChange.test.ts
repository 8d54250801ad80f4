import assert from "node:assert/strict";
import { CredentialManager } from "../../../src/core/credentials/credentialManager";
import type { CredentialKey, MintedCredential } from "../../../src/core/credentials/types";
import { memoryLogger, SecretRegistry } from "../../../src/core/log";
import { CREDENTIAL_EVENTS, type CredentialChangeEvent, toCredentialChange } from "../../../src/ui/credentials/credentialChange";
import { FakeClock } from "./fakeClock";

const KEY: CredentialKey = { profile: "dev", endpoint: "projects/p/branches/production/endpoints/primary", identity: "me@example.com" };
const HOUR = 3_600_000;

class HttpError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

describe("onDidChangeCredential payloads (what other extensions see)", () => {
  it("each event kind reports its settled state, the expiry and the error, and never the token", async () => {
    const clock = new FakeClock();
    let failWith: Error | undefined;
    const tokens: string[] = [];
    const mint = async (): Promise<MintedCredential> => {
      if (failWith) throw failWith;
      tokens.push(`secret-token-${tokens.length + 1}-abcdefgh`);
      return { token: tokens.at(-1)!, expireTime: new Date(clock.now() + HOUR) };
    };
    const secrets = new SecretRegistry();
    const mgr = new CredentialManager({ mint, secrets, logger: memoryLogger(secrets), clock, random: () => 0.5 });
    const seen: CredentialChangeEvent[] = [];
    for (const ev of CREDENTIAL_EVENTS) mgr.on(ev, (s) => seen.push(toCredentialChange(ev, s)));
    const who = { profile: "dev", endpoint: KEY.endpoint, user: "me@example.com" };

    const lease = mgr.acquire(KEY);
    await clock.advance(0);
    const expire1 = new Date(clock.now() + HOUR);
    assert.deepEqual(seen, [
      { ...who, event: "refreshing", state: "refreshing" },
      { ...who, event: "fresh", state: "fresh", expireTime: expire1 },
    ]);

    seen.length = 0;
    failWith = new HttpError(503, "busy");
    await clock.advance(HOUR - 5 * 60_000);
    assert.deepEqual(seen.slice(0, 3), [
      { ...who, event: "refreshing", state: "refreshing", expireTime: expire1 },
      { ...who, event: "failed", state: "expiring-soon", expireTime: expire1, error: "busy" },
      { ...who, event: "expiring-soon", state: "expiring-soon", expireTime: expire1, error: "busy" },
    ]);

    lease.dispose();
    seen.length = 0;
    await clock.advance(5 * 60_000);
    await mgr.get(KEY).catch(() => undefined);
    assert.deepEqual(seen.find((e) => e.event === "expired"), { ...who, event: "expired", state: "expired", expireTime: expire1, error: "busy" });

    seen.length = 0;
    failWith = new HttpError(401, "UNAUTHENTICATED");
    await mgr.get(KEY).catch(() => undefined);
    const fatal = seen.find((e) => e.event === "failed")!;
    assert.equal(fatal.state, "failed");
    assert.equal(fatal.expireTime?.getTime(), expire1.getTime());
    assert.match(fatal.error!, /Not signed in to the workspace \(401\).*Sign in again/);

    seen.length = 0;
    failWith = undefined;
    await mgr.refreshNow(KEY);
    assert.deepEqual(seen.map((e) => [e.event, e.state, e.error]), [["refreshing", "refreshing", fatal.error], ["fresh", "fresh", undefined]]);
    assert.equal(seen[1].expireTime?.getTime(), clock.now() + HOUR);
    const all = JSON.stringify(seen);
    for (const t of tokens) assert.ok(!all.includes(t), "no token in any event");
    mgr.dispose();
  });
});
